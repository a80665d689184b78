import { todayIn } from '../../src/common/report-dates';
import { readFileSync } from 'fs';
import { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';
import {
  connect,
  connectAgent,
  messageId,
  RecordingClient,
  sayToBot,
  startCustomer,
} from '../support/clients';
import { startTestApp, TestApp } from '../support/test-app';
import { startAppWithOneSecondSla } from './support/app';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';
import {
  expectCount,
  expectText,
  expectValue,
  openTranscript,
  waitForText,
} from './support/page-helpers';

interface Ticket {
  id: string;
  conversationId: string;
}

describeInBrowser('supervisor desk in the browser', () => {
  let t: TestApp;
  const browser = new BrowserPages();
  const clients: RecordingClient[] = [];
  /** Escalated, served and rated by agent.li; the customer gave a mobile number. */
  let served: string;
  /** With agent.sam right now. */
  let live: { conversationId: string; ticketId: string };
  let sam: RecordingClient;

  const customer = (language: 'zh' | 'en') => startCustomer(t.url, language, clients);

  const say = sayToBot;

  async function escalate(
    client: RecordingClient,
    conversationId: string,
    desk: RecordingClient,
    text: string,
  ) {
    await say(client, text);
    const offered = await desk.waitFor<Ticket>(
      'ticket:offered',
      (tk) => tk.conversationId === conversationId,
    );
    await desk.emit('ticket:accept', { ticketId: offered.id });
    return offered.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    // Contained by the bot; missed by the bot; escalated, served by agent.li and rated 4.
    await say((await customer('zh')).client, '你好');
    await say((await customer('zh')).client, '充电宝没电了怎么办');

    const li = await connectAgent(t.url, 'agent.li');
    clients.push(li);
    const rated = await customer('zh');
    served = rated.conversationId;
    await say(rated.client, '我的手机号是13812345678，家里停电了');
    const ticketId = await escalate(rated.client, served, li, '转人工');
    await li.emit('note:add', {
      ticketId,
      clientMessageId: messageId(),
      text: '客户住高层，注意电梯',
    });
    await li.emit('message:send', { ticketId, clientMessageId: messageId(), text: '您好' });
    await li.emit('ticket:close', { ticketId, resolution: 'information_given' });
    await rated.client.waitFor('survey:requested');
    await rated.client.emit('survey:submit', { ticketId, agentRating: 4, botRating: 3 });
    li.close();

    // Still with agent.sam: the board shows it, and a supervisor can watch it and whisper.
    sam = await connectAgent(t.url, 'agent.sam');
    clients.push(sam);
    const open = await customer('en');
    live = {
      conversationId: open.conversationId,
      ticketId: await escalate(open.client, open.conversationId, sam, 'I want to talk to an agent'),
    };

    await browser.launch();
  }, 90_000);
  afterEach(() => browser.closeContexts());
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await browser.close();
    await t?.close();
  });

  async function signIn(username: string, locale = 'en-GB', app: TestApp = t): Promise<Page> {
    const page = await browser.open(`${app.url}/supervisor.html`, {
      locale,
      viewport: { width: 1440, height: 900 },
    });
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('desk').waitFor();
    return page;
  }

  const shot = (page: Page, name: string) =>
    screenshot(page, `supervisor-${name}`, { fullPage: true });

  it('shows the live board and updates it as the desk changes', async () => {
    const page = await signIn('supervisor.zhou');
    await expectText(page.getByTestId('connection'), /live/);
    await expectText(page.getByTestId('count-withAgent'), /^1$/);
    await expectText(page.getByTestId('count-waiting'), /^0$/);
    expect(Number(await page.getByTestId('count-withBot').innerText())).toBeGreaterThanOrEqual(2);
    const samRow = page.locator('[data-testid="agent-row"]', { hasText: 'Sam' });
    await expectText(samRow.getByTestId('agent-load'), /1\/\d/);
    await expect(samRow.getByTestId('agent-presence').getAttribute('data-presence')).resolves.toBe(
      'online',
    );
    await expectCount(page.getByTestId('queue-row'), 3);
    // The chat with Sam is on the live list, with its agent, from the first snapshot on.
    await expectText(
      page.locator(`[data-testid="live-row"][data-ticket-id="${live.ticketId}"]`),
      /with an agent[\s\S]*Sam/,
    );

    // A new customer asks for an agent: the board is pushed, no reload.
    const waiting = await customer('zh');
    await say(waiting.client, '转人工');
    await expectText(page.getByTestId('count-waiting'), /^1$/);
    // The live list shows the waiting chat from the server's state, and opens it.
    const row = page.getByTestId('live-row').filter({ hasText: 'waiting' }).first();
    await row.waitFor();
    await expectText(row.getByTestId('live-sla'), /on time|due within a minute|overdue/);
    await shot(page, '01-live-board');
    await row.getByTestId('live-open').click();
    await expectText(page.getByTestId('view-transcript'), /转人工/);
  }, 60_000);

  it('searches transcripts: two Chinese characters find the message that contains them', async () => {
    const page = await signIn('supervisor.zhou', 'zh-CN');
    await page.getByTestId('tab-search').click();
    await page.getByTestId('search-q').fill('停电');
    await page.getByTestId('search-submit').click();
    const status = page.locator('[data-testid="search-status"][data-state]');
    await status.waitFor({ state: 'attached' });
    expect(await status.getAttribute('data-state')).toBe('ok');
    // The matching message is shown masked, with the query marked.
    const hit = page.locator(`[data-testid="search-result"][data-conversation-id="${served}"]`);
    await expectText(hit.getByTestId('search-snippet'), /138\*\*\*\*5678，家里停电了/);
    await hit.locator('mark', { hasText: '停电' }).waitFor();
    // The row says how the conversation ended and what the bot understood, in words.
    await expectText(hit.getByTestId('search-outcome'), /人工已解决 ★4/);
    const intents = hit.getByTestId('search-intents');
    expect(await intents.getAttribute('data-intents')).toMatch(/[a-z]+\.[a-z_]+/);
    await expectText(intents, /停电|转人工/);
    expect(await intents.innerText()).not.toMatch(/[a-z]+\.[a-z_]+/);
    await page.getByTestId('recent-conversation').first().waitFor();
    await shot(page, '02-search');
  }, 60_000);

  it('shows a transcript with intents, notes, the ticket and the rating, and unmasks with a reason', async () => {
    const page = await signIn('supervisor.zhou');
    const messages = await openTranscript(page, served);
    await waitForText(messages.getByTestId('msg-customer'), '138****5678');
    expect(await messages.innerText()).not.toContain('13812345678');
    await messages.getByTestId('msg-intent').first().waitFor();
    await expectText(messages.getByTestId('msg-intent').first(), /confidence \d\.\d\d/);
    // What the bot read in the customer's words, the phone number masked.
    await expectText(messages.getByTestId('msg-entity').first(), /phone: 138\*\*\*\*5678/);
    await waitForText(messages.getByTestId('msg-note'), '注意电梯');
    const ticket = page.getByTestId('ticket');
    await expectText(ticket.getByTestId('ticket-rating'), /4\/5/);
    await expectText(ticket.getByTestId('ticket-history'), /With an agent/);
    await ticket.getByTestId('case-card').waitFor();

    const masked = messages.locator('[data-testid="msg-customer"]', { hasText: '138****5678' });
    await masked.getByTestId('unmask-open').click();
    await masked.getByTestId('unmask-reason').fill('Customer complaint follow-up call');
    await masked.getByTestId('unmask-submit').click();
    await expectText(masked.getByTestId('unmask-result'), /13812345678/);
    await shot(page, '03-transcript-unmasked');
  }, 60_000);

  it('refuses unmasking to a supervisor without the permission', async () => {
    const page = await signIn('supervisor.qa');
    const messages = await openTranscript(page, served);
    await expectText(page.getByTestId('unmask-permission'), /do not have the unmask permission/);
    const masked = messages.locator('[data-testid="msg-customer"]', { hasText: '138****5678' });
    await masked.getByTestId('unmask-open').click();
    await masked.getByTestId('unmask-reason').fill('Quality review of this call');
    await masked.getByTestId('unmask-submit').click();
    await expectText(masked.getByTestId('unmask-error'), /403/);
    expect(await page.getByTestId('view-transcript').innerText()).not.toContain('13812345678');
    await shot(page, '04-transcript-unmask-refused');
  }, 60_000);

  it('watches a live conversation and whispers to its agent', async () => {
    const page = await signIn('supervisor.zhou');
    const messages = await openTranscript(page, live.conversationId);
    await page.getByTestId('watch-toggle').click();
    await page.locator('[data-testid="watch-toggle"][aria-pressed="true"]').waitFor();
    await sam.emit('message:send', {
      ticketId: live.ticketId,
      clientMessageId: messageId(),
      text: 'Let me check your account',
    });
    await sam.emit('note:add', {
      ticketId: live.ticketId,
      clientMessageId: messageId(),
      text: 'Customer sounds upset',
    });
    await waitForText(messages.getByTestId('msg-agent'), 'Let me check your account');
    await waitForText(messages.getByTestId('msg-note'), 'Customer sounds upset');

    await page.getByTestId('whisper-input').fill('Offer the payment plan');
    await page.getByTestId('whisper-send').click();
    await expectText(page.getByTestId('whisper-status'), /Whisper sent/);
    await sam.waitFor<{ text: string }>(
      'whisper:received',
      (w) => w.text === 'Offer the payment plan',
    );
    await shot(page, '05-transcript-live-watch');
  }, 60_000);

  it('draws the quality report, the bot misses, and downloads the CSV', async () => {
    const page = await signIn('supervisor.zhou', 'zh-CN');
    await page.getByTestId('tab-reports').click();
    for (const chart of ['chart-volume', 'chart-wait', 'chart-ratings']) {
      const canvas = page.locator(`[data-testid="${chart}"][data-rendered="true"]`);
      await canvas.waitFor();
      expect((await canvas.boundingBox())?.width).toBeGreaterThan(100);
    }
    await page.getByTestId('report-row').first().waitFor();
    await waitForText(page.getByTestId('report-row'), todayIn('Asia/Shanghai'));
    await waitForText(page.getByTestId('bot-miss-group'), '充电宝');
    await shot(page, '06-reports-by-day');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('csv-quality').click(),
    ]);
    expect(download.suggestedFilename()).toBe('quality-day.csv');
    expect(readFileSync(await download.path(), 'utf8')).toMatch(/^group,conversations/);

    await page.getByTestId('report-group').selectOption('agent');
    await page.getByTestId('report-run').click();
    await waitForText(page.getByTestId('report-row'), 'Li Na');
    await shot(page, '07-reports-by-agent');
  }, 60_000);

  it('lists transcript reads in the access log, and who has read the open transcript', async () => {
    const page = await signIn('supervisor.zhou');
    // Read-only: the page only ever GETs the log.
    const methods: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/audit/access-log')) methods.push(r.method());
    });
    // A read of another conversation, which the transcript's own view must leave out.
    await openTranscript(page, live.conversationId);
    const messages = await openTranscript(page, served);
    await page.locator(`#transcript[data-conversation-id="${served}"]`).waitFor();
    const servedIds = await messages
      .locator('[data-message-id]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-message-id')));
    // Unmasking is logged against the message, not the conversation.
    const masked = messages.locator('[data-testid="msg-customer"]', { hasText: '138****5678' });
    const maskedId = await masked.getAttribute('data-message-id');
    await masked.getByTestId('unmask-open').click();
    await masked.getByTestId('unmask-reason').fill('Checking the access log');
    await masked.getByTestId('unmask-submit').click();
    await expectText(masked.getByTestId('unmask-result'), /13812345678/);

    await page.getByTestId('tab-access').click();
    await page
      .locator('[data-testid="access-status"][data-state="ok"]')
      .waitFor({ state: 'attached' });
    const rows = page.getByTestId('access-row');
    // Newest first: the unmask, then the read of `served`, then the read of the live one.
    const newest = rows.first();
    expect(await newest.getAttribute('data-action')).toBe('transcript.unmask');
    expect(await newest.getAttribute('data-target')).toBe(`message:${maskedId}`);
    await expectText(newest.getByTestId('access-reason'), /^Checking the access log$/);
    const second = rows.nth(1);
    expect(await second.getAttribute('data-action')).toBe('transcript.read');
    expect(await second.getAttribute('data-target')).toBe(`conversation:${served}`);
    await expectText(second.getByTestId('access-action'), /read the transcript\s+transcript\.read/);
    await expectText(second.getByTestId('access-who'), /supervisor\.zhou/);
    await expectText(
      second.getByTestId('access-target-cell'),
      new RegExp(`^conversation:${served}$`),
    );
    expect(await rows.nth(2).getAttribute('data-target')).toBe(
      `conversation:${live.conversationId}`,
    );
    await shot(page, '09-access-log');

    await page.getByTestId('tab-transcript').click();
    await page.getByTestId('transcript-readers').click();
    await page.getByTestId('view-access').waitFor();
    await expectValue(page.getByTestId('access-target'), new RegExp(`^conversation:${served}$`));
    await page
      .locator('[data-testid="access-status"][data-state="ok"]')
      .waitFor({ state: 'attached' });
    await expectText(page.getByTestId('access-scope'), new RegExp(`Conversation ${served}`));
    const targets = await rows.evaluateAll((nodes) =>
      nodes.map((n) => n.getAttribute('data-target')),
    );
    const own = [`conversation:${served}`, ...servedIds.map((id) => `message:${id}`)];
    expect(targets.filter((tg) => !own.includes(tg as string))).toEqual([]);
    expect(targets).toContain(`conversation:${served}`);
    expect(targets).toContain(`message:${maskedId}`);
    expect(targets).not.toContain(`conversation:${live.conversationId}`);
    expect(page.url()).toContain(`#access=${encodeURIComponent(`conversation:${served}`)}`);
    await shot(page, '10-access-log-transcript-readers');

    // On a phone, in Chinese: one card per entry, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('lang-toggle').click();
    await expectText(page.getByTestId('tab-access'), /访问日志/);
    await expectText(rows.first().getByTestId('access-action'), /查看原文/);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(overflow).toBeLessThanOrEqual(390);
    const table = await page.getByTestId('access-table').boundingBox();
    expect(table && table.x + table.width).toBeLessThanOrEqual(390);
    await shot(page, '11-access-log-phone-zh');
    expect(methods.length).toBeGreaterThanOrEqual(2);
    expect(methods.filter((m) => m !== 'GET')).toEqual([]);
  }, 60_000);

  it('shows the access log empty and failed, in both languages', async () => {
    const page = await signIn('supervisor.zhou');
    await page.getByTestId('tab-access').click();
    await page.getByTestId('access-target').fill('ticket:000000000000000000000000');
    await page.getByTestId('access-apply').click();
    const status = page.getByTestId('access-status');
    await page.locator('[data-testid="access-status"][data-state="empty"]').waitFor();
    await expectText(status, /No access to ticket:0{24} is recorded/);
    expect(await page.getByTestId('access-table').isVisible()).toBe(false);

    await page.route('**/audit/access-log?**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'store down' } }),
      }),
    );
    await page.getByTestId('access-refresh').click();
    await page.locator('[data-testid="access-status"][data-state="error"]').waitFor();
    await expectText(status, /Could not load the access log: 503 · store down/);
    await page.getByTestId('lang-toggle').click();
    await expectText(status, /无法加载访问日志：503 · store down/);
    await shot(page, '12-access-log-failed-zh');
  }, 60_000);

  it("a supervisor opens a waiting conversation from the board's live list and sees its transcript", async () => {
    const page = await signIn('supervisor.zhou', 'zh-CN');
    const waiting = await customer('zh');
    await say(waiting.client, '转人工');
    await waiting.client.waitFor('queue:updated');
    const row = page.locator(
      `[data-testid="live-row"][data-conversation-id="${waiting.conversationId}"]`,
    );
    await expectText(row, /排队中/);
    // Every label in words: no raw code (`first_response`, `customer_request`) in the Chinese UI.
    const text = await row.innerText();
    expect(text).not.toMatch(/[a-z]+_[a-z]+/);
    expect(text).toMatch(/未超时|一分钟内到期|已超时/);
    await row.getByTestId('live-watch').click();
    const shown = page.locator(`#transcript[data-conversation-id="${waiting.conversationId}"]`);
    await shown.waitFor();
    await waitForText(
      page.getByTestId('transcript-messages').getByTestId('msg-customer'),
      '转人工',
    );
    // Opened from the live list with a silent watch: the customer's next words arrive unasked.
    await page.locator('[data-testid="watch-toggle"][aria-pressed="true"]').waitFor();
    await waiting.client.emit('message:send', {
      clientMessageId: messageId(),
      text: '还要等多久？',
    });
    await waitForText(
      page.getByTestId('transcript-messages').getByTestId('msg-customer'),
      '还要等多久',
    );
    expect(page.url()).toContain(`#transcript=${waiting.conversationId}`);
    await shot(page, '13-live-list-opened-zh');
  }, 60_000);

  describe('with SLA targets of one second', () => {
    let fast: TestApp;
    beforeAll(async () => {
      fast = await startAppWithOneSecondSla();
      await fast.reset();
    }, 60_000);
    afterAll(() => fast?.close());

    it('raises an SLA alert on the board as it happens, and opens its transcript', async () => {
      const page = await signIn('supervisor.zhou', 'zh-CN', fast);
      await expectText(page.getByTestId('count-waiting'), /^0$/);
      // No agent is signed in: the ticket waits past its first-response target.
      const client = await connect(fast.url, '/customer');
      clients.push(client);
      const ack = await client.emit('conversation:start', { language: 'zh' });
      const conversationId = (ack.conversation as { id: string }).id;
      await say(client, '转人工');

      const alert = page.getByTestId('sla-alert').first();
      await expectText(alert, /首次响应/);
      await expectText(page.getByTestId('count-waiting'), /^1$/);
      await expectText(page.locator('[data-testid="queue-row"][data-priority="1"]'), /\d:\d\d|\ds/);
      await shot(page, '08-live-board-sla-alert');
      await alert.getByRole('button').click();
      await page.locator(`#transcript[data-conversation-id="${conversationId}"]`).waitFor();
      await waitForText(
        page.getByTestId('transcript-messages').getByTestId('msg-customer'),
        '转人工',
      );
    }, 60_000);
  });
});
