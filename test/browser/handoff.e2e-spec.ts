import { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';
import { Types } from 'mongoose';
import { AuthService } from '../../src/auth/auth.service';
import { TicketsService } from '../../src/tickets/tickets.service';
import { UtilitySeedService } from '../../src/utility/utility-seed.service';
import { connect, connectAgent } from '../support/clients';
import { startTestApp, TestApp } from '../support/test-app';
import { startAppWithOneSecondSla } from './support/app';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';
import { expectCount, expectText, expectValue, waitForText } from './support/page-helpers';

/** Asks until `check` holds (or fails with the last answer). */
async function until<T>(ask: () => Promise<T>, check: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last = await ask();
  while (!check(last)) {
    if (Date.now() > deadline) throw new Error(`never held; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await ask();
  }
  return last;
}

describeInBrowser('handoff in the browser: the customer page and the agent console', () => {
  let t: TestApp;
  const browser = new BrowserPages();

  beforeAll(async () => {
    t = await startTestApp();
    await browser.launch();
  }, 60_000);
  beforeEach(() => t.reset());
  afterEach(() => browser.closeContexts());
  afterAll(async () => {
    await browser.close();
    await t?.close();
  });

  async function openPage(
    path: string,
    options: { locale: string; width: number; height: number; permissions?: string[] },
    app: TestApp = t,
  ): Promise<Page> {
    return browser.open(`${app.url}${path}`, {
      locale: options.locale,
      viewport: { width: options.width, height: options.height },
      permissions: options.permissions,
    });
  }

  const shot = (page: Page, name: string) => screenshot(page, name);

  it('takes a customer from the bot to agent.li and back, and keeps internal notes internal', async () => {
    const note = 'Internal: meter 4711 was swapped last month, check the reading';
    const typed = '请提供您的户号，我帮您查一下。';

    // The agent logs in first, so that the ticket is offered to them.
    const agent = await openPage('/agent.html', { locale: 'en-GB', width: 1366, height: 768 });
    await agent.getByTestId('login-username').fill('agent.li');
    await agent.getByTestId('login-password').fill(DEMO_PASSWORD);
    await agent.getByTestId('login-submit').click();
    await agent.locator('[data-testid="presence-toggle"][data-presence="online"]').waitFor();
    await expectText(agent.getByTestId('capacity'), /0\/3/);
    // Notifications this browser refuses: the agent is told, and the box does not pretend.
    await agent.getByTestId('notify-toggle').click();
    await waitForText(agent.getByTestId('toast'), 'The browser blocks notifications for this page');
    expect(await agent.getByTestId('notify-toggle').isChecked()).toBe(false);
    expect(await agent.evaluate('localStorage.getItem("pd.agent.notify")')).toBe('off');

    // The customer page starts a conversation by itself; the bot greets first.
    const customer = await openPage('/', { locale: 'zh-CN', width: 480, height: 760 });
    const customerLog = customer.getByTestId('customer-log');
    await customerLog.locator('.m.bot').first().waitFor();
    /** `shown`: what the customer's own log shows, personal numbers masked. */
    const say = async (text: string, shown = text) => {
      await customer.getByTestId('customer-input').fill(text);
      await customer.getByTestId('customer-send').click();
      await waitForText(customerLog.locator('.m.customer'), shown);
    };
    await say('你好');
    await say('转人工');

    // Push routing: the offer arrives with a countdown.
    const offer = agent.getByTestId('offer');
    await offer.waitFor();
    await expectText(offer.getByTestId('offer-countdown'), /\d\d:\d\d/);
    // What the customer said and why the bot handed over, in words (not `customer_request`).
    await expectText(offer.getByTestId('offer-reason'), /^Asked for a person$/);
    await expectText(offer.getByTestId('offer-last-message'), /转人工/);
    await shot(agent, '01-agent-offer');
    await offer.getByTestId('offer-accept').click();
    await offer.waitFor({ state: 'detached' });

    // The transcript so far, with the bot's intents, and the context panel.
    const transcript = agent.getByTestId('transcript');
    await waitForText(transcript.getByTestId('msg-customer'), '转人工');
    await transcript.getByTestId('msg-intent').first().waitFor();
    await expectText(agent.getByTestId('context-ticket'), /customer_request|P\d/);
    await expectText(agent.getByTestId('capacity'), /1\/3/);
    await waitForText(customerLog.locator('.m.system'), '已接入');
    // The chat has a readable title, and the customer panel says what is known of them.
    await expectText(agent.getByTestId('chat-title'), /^Customer Web chat \d\d:\d\d$/);
    await expectText(agent.getByTestId('fact-verification'), /^Not verified$/);
    await agent.getByTestId('context-not-verified').waitFor();

    // A canned reply, found by searching (Alt+C) and filled for this customer and agent.
    await agent.keyboard.press('Alt+C');
    await agent.locator('[data-testid="canned-search"]:focus').waitFor();
    await agent.keyboard.type('greet');
    await expectCount(agent.getByTestId('canned-select').locator('option'), 2); // the hint and one
    await agent.keyboard.press('Enter');
    const reply = agent.getByTestId('reply-input');
    await expectValue(reply, /客服李娜/);
    const canned = await reply.inputValue();
    expect(canned).not.toMatch(/\{(agent|customer|ticket)\}/);
    await agent.getByTestId('reply-send').click();
    await waitForText(transcript.getByTestId('msg-agent'), canned);

    // The internal note goes in before the typed reply: had the customer been sent the note,
    // it would have reached their page before the reply does.
    await agent.getByTestId('note-input').fill(note);
    // The note is typed while the reply's acknowledgement may still be on its way: the console
    // once moved the focus back to the reply then, and this Enter went to the empty reply (the
    // old flake of this step; see composer.tsx).
    await agent.getByTestId('note-input').press('Enter');
    await waitForText(transcript.getByTestId('msg-note'), note).catch(async (error: Error) => {
      // Seen once in a while on a loaded machine: say what the console showed.
      const kinds = ['msg-customer', 'msg-bot', 'msg-agent', 'msg-note', 'msg-system'];
      const seen = {
        toast: await agent.locator('#toast').textContent(),
        connection: await agent.locator('#connection').textContent(),
        note: await agent.locator('#note').inputValue(),
        disabled: await agent.locator('#note').isDisabled(),
        transcript: Object.fromEntries(
          await Promise.all(kinds.map(async (k) => [k, await transcript.getByTestId(k).count()])),
        ),
      };
      throw new Error(`${error.message}\nagent console: ${JSON.stringify(seen)}`);
    });
    await reply.fill(typed);
    await reply.press('Enter');
    await waitForText(transcript.getByTestId('msg-agent'), typed);

    await waitForText(customerLog.locator('.m.agent'), canned);
    await waitForText(customerLog.locator('.m.agent'), typed);
    expect(await customerLog.innerText()).not.toContain(note);

    // Typing, both ways and live: the customer sees the agent typing, the agent the customer.
    await reply.fill('稍等，我帮您查一下');
    await expectText(customer.getByTestId('typing'), /客服正在输入/);
    await reply.fill('');
    await customer.getByTestId('customer-input').fill('好的 谢谢');
    await expectText(agent.getByTestId('customer-typing'), /customer is typing|客户正在输入/);
    await customer.getByTestId('customer-input').fill('');

    // The customer answers; the agent sees it live.
    // Every 10-digit account-shaped number is masked, check digit right or not (issue #14).
    await say('户号 1234567890', '户号 12******90');
    await waitForText(transcript.getByTestId('msg-customer'), '12******90');
    await shot(agent, '02-agent-chat');
    // From 1,024 px wide, Send and Add note stay on screen.
    await agent.setViewportSize({ width: 1024, height: 768 });
    for (const id of ['reply-send', 'note-add', 'close-submit']) {
      const box = await agent.getByTestId(id).boundingBox();
      expect([id, box !== null && box.x >= 0 && box.x + box.width <= 1024]).toEqual([id, true]);
    }
    await shot(agent, '02b-agent-chat-1024');
    await agent.setViewportSize({ width: 1366, height: 768 });
    await shot(customer, '03-customer-chat');

    // Close with a resolution code; the customer is told and asked for a rating.
    await agent.getByTestId('close-resolution').selectOption('information_given');
    await agent.getByTestId('close-note').fill('Gave the outage estimate');
    await agent.getByTestId('close-submit').click();
    await waitForText(customerLog.locator('.m.system'), '本次人工服务已结束');
    await waitForText(customerLog.locator('.m.system'), '请为本次客服服务打分');
    await expectText(agent.getByTestId('capacity'), /0\/3/);
    await waitForText(agent.getByTestId('toast'), 'Ticket closed');
    // The close form starts afresh: no resolution or note left over for the next chat.
    await expectValue(agent.getByTestId('close-note'), /^$/);
    await expectValue(agent.getByTestId('close-resolution'), /^resolved$/);
    expect(await customerLog.innerText()).not.toContain(note);
    await shot(agent, '04-agent-closed');
    await shot(customer, '05-customer-closed');
  }, 90_000);

  it('lets an away agent take two chats from the queue, counts unread messages and transfers one', async () => {
    const agent = await openPage('/agent.html', {
      locale: 'zh-CN',
      width: 1366,
      height: 768,
      permissions: ['notifications'],
    });
    await agent.getByTestId('login-username').fill('agent.li');
    await agent.getByTestId('login-password').fill(DEMO_PASSWORD);
    await agent.getByTestId('login-submit').click();
    // Browser notifications, once allowed, stay on for this browser.
    // A click, not check(): the box ticks only once the permission prompt has answered.
    await agent.getByTestId('notify-toggle').click();
    await agent.locator('[data-testid="notify-toggle"]:checked').waitFor();
    expect(await agent.evaluate('localStorage.getItem("pd.agent.notify")')).toBe('on');
    // The chime on a new offer or a message in a chat not open: remembered the same way.
    await agent.getByTestId('sound-toggle').check();
    expect(await agent.evaluate('localStorage.getItem("pd.agent.sound")')).toBe('on');
    await agent.reload();
    await agent.locator('[data-testid="sound-toggle"]:checked').waitFor();
    await agent.locator('[data-testid="notify-toggle"]:checked').waitFor();
    const presence = agent.getByTestId('presence-toggle');
    await agent.locator('[data-testid="presence-toggle"][data-presence="online"]').waitFor();
    // Away: nothing is pushed, the tickets wait in the queue and the agent pulls them.
    await presence.click();
    await agent.locator('[data-testid="presence-toggle"][data-presence="away"]').waitFor();

    const customers: { page: Page; log: Locator; say(text: string): Promise<void> }[] = [];
    for (const language of ['zh-CN', 'en-GB']) {
      const page = await openPage('/', { locale: language, width: 480, height: 760 });
      const log = page.getByTestId('customer-log');
      await log.locator('.m.bot').first().waitFor();
      const say = async (text: string) => {
        await page.getByTestId('customer-input').fill(text);
        await page.getByTestId('customer-send').click();
        await waitForText(log.locator('.m.customer'), text);
      };
      customers.push({ page, log, say });
    }
    const queue = agent.getByTestId('queue-item');
    // One after the other: the bot answers asynchronously, so without waiting the English ticket
    // could be queued first on a busy machine and the order checked below would flip.
    await customers[0].say('转人工');
    await expectCount(queue, 1);
    await customers[1].say('I want to talk to an agent');
    await expectCount(queue, 2);
    await expectText(queue.first().getByTestId('queue-sla'), /SLA \d\d:\d\d/);
    await shot(agent, '06-agent-queue');
    expect(await agent.getByTestId('offer').count()).toBe(0);

    await queue.first().getByTestId('queue-take').click();
    await expectCount(agent.getByTestId('chat-tab'), 1);
    await queue.first().getByTestId('queue-take').click();
    await expectCount(agent.getByTestId('chat-tab'), 2);
    await expectCount(queue, 0);
    await expectText(agent.getByTestId('capacity'), /2\/3/);

    // The second chat is open; a message in the first one shows as unread on its tab.
    const tabs = agent.getByTestId('chat-tab');
    const firstTab = tabs.nth(0);
    const firstTicketId = await firstTab.getAttribute('data-ticket-id');
    await expectText(agent.getByTestId('chat-head'), /en/);
    await customers[0].say('还在吗？');
    await expectText(firstTab.getByTestId('unread'), /^1$/);
    // The title carries the unread count, so it shows on the browser tab too.
    expect(await agent.title()).toMatch(/^\(1\) /);
    await shot(agent, '07-agent-two-chats');
    await firstTab.click();
    await waitForText(agent.getByTestId('transcript').getByTestId('msg-customer'), '还在吗？');
    expect(await firstTab.getByTestId('unread').count()).toBe(0);
    expect(await agent.title()).not.toMatch(/^\(/);
    // Alt+↓ opens the next chat, and again the first one.
    const current = (id: string | null) =>
      agent.locator(`[data-testid="chat-tab"][data-ticket-id="${id}"][aria-current="true"]`);
    await agent.keyboard.press('Alt+ArrowDown');
    await current(await tabs.nth(1).getAttribute('data-ticket-id')).waitFor();
    await agent.keyboard.press('Alt+ArrowDown');
    await current(firstTicketId).waitFor();

    // Transfer the first chat to billing with a note: it leaves my chats and waits in the queue.
    await agent.getByTestId('transfer-skill').selectOption('billing');
    await agent.getByTestId('transfer-note').fill('Customer asks about a high bill');
    await agent.getByTestId('transfer-submit').click();
    await agent.locator(`[data-testid="queue-item"][data-ticket-id="${firstTicketId}"]`).waitFor();
    await tabs.nth(1).click();
    await expectCount(tabs, 1);
    await expectText(agent.getByTestId('capacity'), /1\/3/);
    await waitForText(customers[0].log.locator('.m.system'), '转接');
    expect(await customers[0].log.innerText()).not.toContain('high bill');

    // The English chat goes to Sam, picked from the list of agents: presence, load, languages.
    // Wu Lei was here and left: listed offline, struck through, not to be picked.
    await t.app.get(AuthService).upsertStaff({
      username: 'agent.wu',
      displayName: '吴磊 Wu Lei',
      role: 'agent',
      password: DEMO_PASSWORD,
      languages: ['zh', 'en'],
      // Not billing: the chat transferred to billing above must not be offered to Wu meanwhile.
      skills: ['account'],
    });
    const wu = await connectAgent(t.url, 'agent.wu');
    wu.close();
    const sam = await connectAgent(t.url, 'agent.sam');
    try {
      const rows = agent.getByTestId('transfer-agent-option');
      const samRow = rows.filter({ hasText: 'Sam Taylor' });
      // Filtered by name: the staff ids of earlier tests (reset since) linger in the presence.
      const wuRow = rows.filter({ hasText: '吴磊 Wu Lei' });
      const offline = wuRow.and(agent.locator('[data-presence="offline"]'));
      for (
        let tries = 0;
        ((await samRow.count()) === 0 || (await offline.count()) === 0) && tries < 50;
        tries++
      ) {
        await agent.getByTestId('transfer-agents-refresh').click();
        await agent.waitForTimeout(200);
      }
      await expectText(
        samRow.getByTestId('transfer-agent-meta'),
        /^在线 · 0\/3 · en · 电费, 账户$/,
      );
      await expectText(wuRow, /^吴磊 Wu Lei\s+离线 · 0\/3 · zh\/en · 账户$/);
      expect(await wuRow.getAttribute('data-pickable')).toBe('false');
      expect(await wuRow.locator('input').isDisabled()).toBe(true);
      await shot(agent, '07b-agent-transfer-picker');
      const secondTicketId = await tabs.nth(0).getAttribute('data-ticket-id');
      await samRow.locator('input').check();
      await agent.getByTestId('transfer-submit').click();
      await waitForText(agent.getByTestId('toast'), '工单已转接');
      await expectText(agent.getByTestId('capacity'), /0\/3/);
      await sam.waitFor<{ id: string }>('ticket:offered', (tk) => tk.id === secondTicketId);
      // Sam's load counts the offer, for whoever opens the picker next.
      const listed = await until(
        async () =>
          (await sam.emit('agents:list', {})).agents as { displayName: string; load: number }[],
        (all) => all.find((a) => a.displayName === 'Sam Taylor')?.load === 1,
      );
      expect(listed.find((a) => a.displayName === '李娜 Li Na')?.load).toBe(0);
    } finally {
      sam.close();
    }
  }, 90_000);

  it("shows a verified customer's records in the panel, the account masked", async () => {
    await t.app.get(UtilitySeedService).seed({ seed: 7, customers: 200, now: new Date() });
    // Emily talked to Sam last week (here: a moment ago), about her bill.
    const sam = await connectAgent(t.url, 'agent.sam');
    const before = await connect(t.url, '/customer');
    try {
      const started = await before.emit('conversation:start', { language: 'en' });
      const earlier = await t.app.get(TicketsService).open({
        conversationId: new Types.ObjectId((started.conversation as { id: string }).id),
        reason: 'customer_request',
        language: 'en',
        skill: 'billing',
        caseCard: { verifiedAccount: '1000004067', verification: 'verified' },
      });
      const ticketId = earlier.id as string;
      await sam.waitFor<{ id: string }>('ticket:offered', (tk) => tk.id === ticketId);
      expect((await sam.emit('ticket:accept', { ticketId })).ok).toBe(true);
      const closed = await sam.emit('ticket:close', { ticketId, resolution: 'information_given' });
      expect(closed.ok).toBe(true);
    } finally {
      sam.close();
      before.close();
    }
    const agent = await openPage('/agent.html', { locale: 'en-GB', width: 1440, height: 900 });
    await agent.getByTestId('login-username').fill('agent.li');
    await agent.getByTestId('login-password').fill(DEMO_PASSWORD);
    await agent.getByTestId('login-submit').click();
    await agent.locator('[data-testid="presence-toggle"][data-presence="online"]').waitFor();

    const customer = await openPage('/', { locale: 'en-GB', width: 390, height: 760 });
    const log = customer.getByTestId('customer-log');
    await log.locator('.m.bot').first().waitFor();
    const say = async (text: string) => {
      await customer.getByTestId('customer-input').fill(text);
      await customer.getByTestId('customer-send').click();
    };
    // Emily Carter (src/utility/demo-city.ts): the bot verifies her with the phone's last four.
    await say('why is my bill so high? account 1000004067');
    await log
      .locator('.m.bot')
      .filter({ hasText: /last (four|4) digits/i })
      .waitFor();
    await say('4321');
    await log.getByTestId('card-bill').waitFor();
    await say('I want to talk to an agent');

    await agent.getByTestId('offer').getByTestId('offer-accept').click();
    await expectText(agent.getByTestId('chat-title'), /^Emily Carter$/);
    await expectText(agent.getByTestId('fact-verification'), /^Verified$/);
    // agent.li has no `unmask` permission: the account number is masked in the middle.
    await expectText(agent.getByTestId('fact-account'), /^10\*{6}67$/);
    await expectCount(agent.getByTestId('context-bills').locator('li'), 3);
    await expectText(agent.getByTestId('context-bills'), /kWh · ¥\d+\.\d\d/);
    await agent.getByTestId('context-outages').waitFor();
    // What the bot looked up and said before the handoff, in words.
    await expectText(agent.getByTestId('context-answered'), /Verified 10\*{6}67 by phone/);
    await expectText(agent.getByTestId('context-answered'), /Explained the \d{4}-\d\d bill/);
    // Her earlier conversation, and what became of it.
    const earlier = agent.getByTestId('earlier-conversation');
    await expectCount(earlier, 1);
    await expectText(
      earlier,
      /Web chat[\s\S]*Asked for a person → Information given · by Sam Taylor/,
    );
    expect(await agent.getByTestId('context').innerText()).not.toContain('1000004067');
    await shot(agent, '09-agent-verified-customer-1440');
    await shot(customer, '10-customer-390');
  }, 90_000);

  describe('with SLA targets of one second', () => {
    let fast: TestApp;
    beforeAll(async () => {
      fast = await startAppWithOneSecondSla();
    }, 60_000);
    beforeEach(() => fast.reset());
    afterAll(() => fast?.close());

    it('marks a queued ticket whose first-response target has passed', async () => {
      const agent = await openPage(
        '/agent.html',
        { locale: 'en-GB', width: 1366, height: 768 },
        fast,
      );
      await agent.getByTestId('login-username').fill('agent.sam');
      await agent.getByTestId('login-password').fill(DEMO_PASSWORD);
      await agent.getByTestId('login-submit').click();
      await agent.locator('[data-testid="presence-toggle"][data-presence="online"]').waitFor();
      await agent.getByTestId('presence-toggle').click();
      await agent.locator('[data-testid="presence-toggle"][data-presence="away"]').waitFor();

      const customer = await openPage('/', { locale: 'en-GB', width: 480, height: 760 }, fast);
      const log = customer.getByTestId('customer-log');
      await log.locator('.m.bot').first().waitFor();
      await customer.getByTestId('customer-input').fill('I want to talk to an agent');
      await customer.getByTestId('customer-send').click();

      const item = agent.getByTestId('queue-item');
      await item.locator('[data-testid="queue-sla"][data-breached="true"]').waitFor();
      // A breach raises the priority by one step.
      await expectText(item.getByTestId('priority'), /P1/);
      await shot(agent, '08-agent-sla-breach');
    }, 60_000);
  });
});
