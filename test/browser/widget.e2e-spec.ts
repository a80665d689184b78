import { Locator, Page } from 'playwright-core';
import { UtilitySeedService } from '../../src/utility/utility-seed.service';
import { connectAgent, messageId, RecordingClient } from '../support/clients';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';
import { expectCount, expectText } from './support/page-helpers';

/** The demo city's well-known accounts (src/utility/demo-city.ts), present in every seed. */
const OUTAGE_ACCOUNT = '1000001014'; // Donghu, feeder DH-F02 with an active outage; phone …1234
const ENGLISH_ACCOUNT = '1000004067'; // Emily Carter, time of use; phone …4321

const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1280, height: 800 };

describeInBrowser('the customer chat widget in the browser', () => {
  let t: TestApp;
  const browser = new BrowserPages();
  const agents: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 7, customers: 200, now: new Date() });
    await browser.launch();
  }, 60_000);
  afterEach(async () => {
    await browser.closeContexts();
    agents.splice(0).forEach((agent) => agent.close());
  });
  afterAll(async () => {
    await browser.close();
    await t?.close();
  });

  async function openPage(
    path: string,
    options: { locale: string; width: number; height: number; isMobile?: boolean },
  ): Promise<Page> {
    return browser.open(`${t.url}${path}`, {
      locale: options.locale,
      viewport: { width: options.width, height: options.height },
      isMobile: options.isMobile ?? false,
      hasTouch: options.isMobile ?? false,
      timezoneId: 'Asia/Shanghai',
    });
  }

  const shot = (page: Page, name: string) => screenshot(page, name);

  /**
   * Types into the widget and waits for the customer's new bubble. Its text is not compared: the
   * server masks account numbers in what it stores, and the stored message replaces the typed one.
   */
  async function say(page: Page, text: string): Promise<void> {
    const mine = page.getByTestId('customer-log').locator('.m.customer');
    const before = await mine.count();
    await page.getByTestId('customer-input').fill(text);
    await page.getByTestId('customer-send').click();
    await mine.nth(before).waitFor();
  }

  it('on a phone, reports an outage from a quick reply and shows the outage card', async () => {
    const page = await openPage('/', { locale: 'zh-CN', ...PHONE, isMobile: true });
    const log = page.getByTestId('customer-log');
    await log.locator('.m.bot').first().waitFor();
    await expectText(page.getByTestId('quick-replies'), /停电报修.*查询电费.*电价标准.*转人工/s);

    await page.getByTestId('quick-reply').filter({ hasText: '停电报修' }).click();
    // The bot needs to know where: it asks first.
    await log.locator('.m.bot').nth(1).waitFor();
    await page.getByTestId('customer-input').fill(OUTAGE_ACCOUNT);
    await page.getByTestId('customer-send').click();
    // The typing indicator shows only until the reply lands, which can be quicker than a poll
    // (seen failing on a busy machine): what is checked is that it is gone once the card is in.

    const card = log.getByTestId('card-outage');
    await card.waitFor();
    await expectText(card.getByTestId('card-status'), /抢修中/);
    await expectText(card.getByTestId('card-area'), /停电范围\s*\S+/);
    await expectText(card.getByTestId('card-cause'), /停电原因\s*\S+/);
    await expectText(card.getByTestId('card-eta'), /预计恢复\s*\d+月\d+日\s*\d\d:\d\d/);
    await expectText(card.getByTestId('card-outage-no'), /事件编号\s*\S+/);
    await page.getByTestId('typing').waitFor({ state: 'hidden' });
    // Who is talking: the bot's bubbles carry its name; the customer's are their own.
    await expectText(log.locator('.m.bot').last(), /智能助手/);

    // The card fits the phone's width: nothing scrolls sideways.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(overflow).toBeLessThanOrEqual(PHONE.width);
    const box = await card.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);

    // Too long a text is refused in the input, before anything is sent.
    await page.getByTestId('customer-input').fill('电'.repeat(2001));
    await expectText(page.getByTestId('input-error'), /2000/);
    expect(await page.getByTestId('customer-send').isDisabled()).toBe(true);
    await page.getByTestId('customer-input').fill('');
    await showTop(card);
    await shot(page, 'widget-01-phone-outage-card');
  }, 30_000);

  it('embedded on a utility page: opens from the launcher, switches to English, explains a bill', async () => {
    const page = await openPage('/embed-demo.html', { locale: 'zh-CN', ...DESKTOP });
    await page.getByTestId('launcher').click();
    const log = page.getByTestId('customer-log');
    await log.locator('.m.bot').first().waitFor();
    await page.getByTestId('lang-toggle').click();
    // Nothing said yet: the conversation starts over in English, greeting included.
    await expectText(page.getByTestId('quick-replies'), /Report an outage.*Check my bill/s);
    await expectText(log.locator('.m.bot').first(), /Assistant[\s\S]*[A-Za-z]{3,}/);
    expect(await log.innerText()).not.toMatch(/[\u4e00-\u9fff]/);

    await say(page, `why is my bill so high? account ${ENGLISH_ACCOUNT}`);
    await log
      .locator('.m.bot')
      .filter({ hasText: /last (four|4) digits/i })
      .waitFor();
    await say(page, '4321');

    const card = log.getByTestId('card-bill');
    await card.waitFor();
    await expectText(card.getByTestId('card-period'), /^[A-Z][a-z]+ \d{4}$/);
    await expectText(card.getByTestId('card-amount'), /¥\s*\d+\.\d\d/);
    await expectText(card.getByTestId('card-kwh'), /\d+ kWh/);
    await expectText(card.getByTestId('card-plan'), /Time of use/);
    expect(await card.getByTestId('card-steps').locator('li').count()).toBeGreaterThan(1);
    await expectText(card.getByTestId('card-comparison'), /month/i);
    await page.getByTestId('typing').waitFor({ state: 'hidden' });
    await showTop(card);
    await shot(page, 'widget-02-embed-bill-card');
  }, 30_000);

  it('keeps the conversation across a page reload', async () => {
    const page = await openPage('/embed-demo.html', { locale: 'en-GB', ...DESKTOP });
    await page.getByTestId('launcher').click();
    const log = page.getByTestId('customer-log');
    await log.locator('.m.bot').first().waitFor();
    await page.getByTestId('quick-reply').filter({ hasText: '电价标准' }).click();
    await log.getByTestId('card-tariff').waitFor();
    const before = await bubbles(log);
    expect(before.length).toBeGreaterThanOrEqual(3);

    await page.reload();
    // The panel was open: it opens again, resumes the same conversation and shows its history.
    await log.getByTestId('card-tariff').waitFor();
    await expectCount(log.locator('.m'), before.length);
    expect(await bubbles(log)).toEqual(before);
    await say(page, '谢谢');
    await log
      .locator('.m.bot')
      .nth(before.filter((b) => b.startsWith('bot')).length)
      .waitFor();
    await shot(page, 'widget-03-after-reload');
  }, 30_000);

  it('queues for an agent: position and "no agent online", a callback number, then leaves the queue', async () => {
    const page = await openPage('/', { locale: 'zh-CN', ...PHONE, isMobile: true });
    const log = page.getByTestId('customer-log');
    await log.locator('.m.bot').first().waitFor();
    await page.getByTestId('quick-reply').filter({ hasText: '转人工' }).click();

    const queue = page.getByTestId('queue');
    await expectText(page.getByTestId('status'), /正在为您转接人工客服/);
    await expectText(queue.getByTestId('queue-position'), /第 1 位/);
    await expectText(queue, /暂无人工客服在线/);
    expect(await page.getByTestId('quick-replies').isVisible()).toBe(false);

    await queue.getByTestId('callback-phone').fill('12345');
    await queue.getByTestId('callback-submit').click();
    await expectText(queue.locator('.pd-form-error'), /有效的手机号码/);
    await queue.getByTestId('callback-phone').fill('13800138000');
    await queue.getByTestId('callback-message').fill('家里跳闸');
    await queue.getByTestId('callback-submit').click();
    await expectText(queue.getByTestId('callback-done'), /13800138000/);
    await shot(page, 'widget-04-phone-queue-callback');

    await queue.getByTestId('queue-leave').click();
    await queue.waitFor({ state: 'detached' });
    await expectText(page.getByTestId('status'), /智能助手为您服务/);
    await page.getByTestId('quick-replies').waitFor({ state: 'visible' });
  }, 30_000);

  it('shows who is talking once an agent takes over, and asks for a star rating at the end', async () => {
    const page = await openPage('/', { locale: 'en-GB', ...PHONE, isMobile: true });
    const log = page.getByTestId('customer-log');
    await log.locator('.m.bot').first().waitFor();
    await page.getByTestId('quick-reply').filter({ hasText: 'Talk to an agent' }).click();
    await page.getByTestId('queue').waitFor();

    const desk = await connectAgent(t.url, 'agent.li');
    agents.push(desk);
    const offer = await desk.waitFor<{ id: string }>('ticket:offered');
    expect((await desk.emit('ticket:accept', { ticketId: offer.id })).ok).toBe(true);
    const text = 'Hello, I am Li Na. How can I help?';
    await desk.emit('message:send', { ticketId: offer.id, clientMessageId: messageId(), text });
    await log.locator('.m.agent').filter({ hasText: text }).waitFor();
    await expectText(log.locator('.m.agent').last(), /^Agent/);
    await expectText(page.getByTestId('status'), /Chatting with an agent/);
    await page.getByTestId('queue').waitFor({ state: 'detached' });

    await desk.emit('ticket:close', { ticketId: offer.id, resolution: 'information_given' });
    const survey = page.getByTestId('survey');
    await survey.waitFor();
    await survey.getByTestId('survey-submit').click();
    await expectText(survey.locator('.pd-form-error'), /choose/);
    await survey.locator('[data-testid="survey-star"][data-value="4"]').click();
    await survey.getByTestId('survey-comment').fill('Quick and friendly');
    await shot(page, 'widget-05-phone-agent-survey');
    await survey.getByTestId('survey-submit').click();
    await page.getByTestId('survey-thanks').waitFor();
    await expectText(page.getByTestId('status'), /assistant/);
  }, 30_000);

  it("keeps a waiting customer's place in the queue across a reload", async () => {
    const page = await openPage('/', { locale: 'zh-CN', ...PHONE, isMobile: true });
    const log = page.getByTestId('customer-log');
    await log.locator('.m.bot').first().waitFor();
    await page.getByTestId('quick-reply').filter({ hasText: '转人工' }).click();
    const queue = page.getByTestId('queue');
    await expectText(queue.getByTestId('queue-position'), /第 1 位/);

    await page.reload();
    // The server tells the returning customer their place: it is shown again, not "waiting…".
    await expectText(page.getByTestId('queue').getByTestId('queue-position'), /第 1 位/);
    await expectText(page.getByTestId('queue').getByTestId('queue-eta'), /在线客服 0 位/);
    await shot(page, 'widget-06-queue-after-reload');
    await page.getByTestId('queue').getByTestId('queue-leave').click();
    await page.getByTestId('queue').waitFor({ state: 'detached' });
  }, 30_000);

  it("minimised: counts the agent's replies on the launcher and in the page title", async () => {
    const page = await openPage('/embed-demo.html', { locale: 'en-GB', ...DESKTOP });
    const title = await page.title();
    await page.getByTestId('launcher').click();
    const log = page.getByTestId('customer-log');
    await log.locator('.m.bot').first().waitFor();
    await page.getByTestId('lang-toggle').click();
    await expectText(page.getByTestId('quick-replies'), /Talk to an agent/);
    await page.getByTestId('quick-reply').filter({ hasText: 'Talk to an agent' }).click();
    await page.getByTestId('queue').waitFor();
    const desk = await connectAgent(t.url, 'agent.li');
    agents.push(desk);
    const offer = await desk.waitFor<{ id: string }>('ticket:offered');
    expect((await desk.emit('ticket:accept', { ticketId: offer.id })).ok).toBe(true);
    await expectText(page.getByTestId('status'), /Chatting with an agent/);

    await page.getByTestId('close').click();
    const badge = page.getByTestId('unread-badge');
    expect(await badge.isVisible()).toBe(false);
    // Customers' own numbers are masked when stored; the service line is not.
    const text = 'Details: https://example.com/outages?area=dh or call 95598. <img src=x>';
    await desk.emit('message:send', { ticketId: offer.id, clientMessageId: messageId(), text });
    await expectText(badge, /^1$/);
    await desk.emit('message:send', {
      ticketId: offer.id,
      clientMessageId: messageId(),
      text: 'Are you still there?',
    });
    await expectText(badge, /^2$/);
    expect(await page.title()).toBe(`(2) New reply ${title}`);
    expect(await page.getByTestId('launcher').getAttribute('aria-label')).toMatch(/2 new/);
    await shot(page, 'widget-07-minimised-unread');

    // Opening the chat shows the replies and clears the count and the title.
    await page.getByTestId('launcher').click();
    await badge.waitFor({ state: 'hidden' });
    expect(await page.title()).toBe(title);

    // The address and the number are links; the markup in the text stays text.
    const bubble = log.locator('.m.agent').filter({ hasText: 'Details' });
    const url = bubble.getByTestId('link-url');
    expect(await url.getAttribute('href')).toBe('https://example.com/outages?area=dh');
    expect(await url.getAttribute('target')).toBe('_blank');
    expect(await url.getAttribute('rel')).toMatch(/noopener/);
    expect(await bubble.getByTestId('link-tel').getAttribute('href')).toBe('tel:95598');
    expect(await bubble.locator('img').count()).toBe(0);
    await expectText(bubble.locator('.pd-text'), /<img src=x>/);
    await shot(page, 'widget-08-links');
  }, 40_000);

  it('on the customer page, puts new replies in the title while the tab is in the background', async () => {
    const page = await openPage('/', { locale: 'en-GB', ...PHONE, isMobile: true });
    const title = await page.title();
    const log = page.getByTestId('customer-log');
    await log.locator('.m.bot').first().waitFor();
    await page.getByTestId('quick-reply').filter({ hasText: 'Talk to an agent' }).click();
    await page.getByTestId('queue').waitFor();
    const desk = await connectAgent(t.url, 'agent.li');
    agents.push(desk);
    const offer = await desk.waitFor<{ id: string }>('ticket:offered');
    expect((await desk.emit('ticket:accept', { ticketId: offer.id })).ok).toBe(true);
    await expectText(page.getByTestId('status'), /Chatting with an agent/);

    // Headless pages are never hidden: the tab going to the background is played out.
    const visibility = (state: 'hidden' | 'visible') =>
      page.evaluate((s) => {
        const doc = (globalThis as unknown as { document: EventTarget }).document;
        Object.defineProperty(doc, 'visibilityState', { configurable: true, get: () => s });
        doc.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await visibility('hidden');
    const text = 'I have checked your account.';
    await desk.emit('message:send', { ticketId: offer.id, clientMessageId: messageId(), text });
    await log.locator('.m.agent').filter({ hasText: text }).waitFor();
    expect(await page.title()).toBe(`(1) New reply ${title}`);
    await visibility('visible');
    expect(await page.title()).toBe(title);
  }, 30_000);

  it('at 380 px never breaks a tariff price inside its number', async () => {
    const page = await openPage('/', { locale: 'zh-CN', width: 380, height: 720, isMobile: true });
    const log = page.getByTestId('customer-log');
    await log.locator('.m.bot').first().waitFor();
    await page.getByTestId('quick-reply').filter({ hasText: '电价标准' }).click();
    const card = log.getByTestId('card-tariff');
    await card.waitFor();
    const amounts = log.locator('.pd-num');
    expect(await amounts.count()).toBeGreaterThan(3);
    // Each amount is drawn on one line: one box, however narrow its cell or bubble.
    const lines = await amounts.evaluateAll((els) => els.map((el) => el.getClientRects().length));
    expect(lines.every((n) => n === 1)).toBe(true);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(overflow).toBeLessThanOrEqual(380);
    await showTop(card);
    await shot(page, 'widget-09-tariff-380');
  }, 30_000);
});

/** Scrolls the chat log to the start of the card's message, so that the screenshot shows it. */
async function showTop(card: Locator): Promise<void> {
  await card.evaluate((el) => {
    const message = el.closest('.m');
    const log = el.closest('.pd-log');
    if (!message || !log) return;
    log.scrollTop += message.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
  });
}

/** The log's messages as `sender:text`, without the send times that a re-render may reformat. */
async function bubbles(log: Locator): Promise<string[]> {
  return log
    .locator('.m')
    .evaluateAll((els) =>
      els.map((el) => `${el.className.split(' ')[1]}:${el.querySelector('.pd-text')?.textContent}`),
    );
}
