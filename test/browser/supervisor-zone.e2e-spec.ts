import { Locator, Page } from 'playwright-core';
import { todayIn } from '../../src/common/report-dates';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';
import request from 'supertest';
import { login, RecordingClient, sayToBot, startCustomer } from '../support/clients';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';
import { expectText, expectValue, openTranscript, waitForText } from './support/page-helpers';

/**
 * A zone whose calendar day is not Shanghai's right now: Kiritimati (UTC+14) is already on the
 * next day from 18:00 in Shanghai, Pago Pago (UTC-11) still on the day before until 19:00. So the
 * test tells the configured zone from the default at any hour. Either is 6 or 19 hours from
 * Shanghai, so its clock times differ from the browser's at every hour too.
 */
function zoneOnAnotherDay(now: Date): string {
  return todayIn('Pacific/Kiritimati', now) !== todayIn('Asia/Shanghai', now)
    ? 'Pacific/Kiritimati'
    : 'Pacific/Pago_Pago';
}

/** The browser's own zone in every context here: not the service's. */
const BROWSER_ZONE = 'Asia/Shanghai';

/** `HH:mm` (with `:ss` if asked) of an instant in `zone`, computed here, not by the page. */
function wallClock(iso: string, zone: string, seconds = false): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return [part('hour'), part('minute'), ...(seconds ? [part('second')] : [])].join(':');
}

/** The instant a `<time>` element stands for, and the text it shows. */
async function shownTime(time: Locator): Promise<{ iso: string; text: string }> {
  const iso = await time.getAttribute('datetime');
  if (!iso) throw new Error('a shown time without its datetime attribute');
  return { iso, text: (await time.innerText()).trim() };
}

/**
 * The staff pages show clock times in the service's zone (SERVICE_TIMEZONE, from GET
 * /service-settings), whatever the browser's zone; the supervisor's reports start on "the last 7
 * days" of that zone. Only when the settings cannot be read do they use the browser's, and say so.
 */
describeInBrowser("the staff pages in the service's zone", () => {
  let t: TestApp;
  const browser = new BrowserPages();
  const clients: RecordingClient[] = [];
  const zone = zoneOnAnotherDay(new Date());
  /** A conversation the bot handled, for the supervisor's transcript. */
  let botConversation: string;

  beforeAll(async () => {
    t = await startTestApp({ SERVICE_TIMEZONE: zone });
    await t.reset();
    const customer = await startCustomer(t.url, 'en', clients);
    botConversation = customer.conversationId;
    await sayToBot(customer.client, 'hello');
    await browser.launch();
  }, 60_000);
  afterEach(() => browser.closeContexts());
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await browser.close();
    await t?.close();
  });

  async function signIn(path: string, username: string, locale = 'en-GB'): Promise<Page> {
    const page = await browser.open(`${t.url}${path}`, {
      locale,
      viewport: { width: 1440, height: 900 },
      // The browser is in Shanghai: only the server's setting can give the other zone.
      timezoneId: BROWSER_ZONE,
    });
    return logIn(page, username);
  }

  async function logIn(page: Page, username: string): Promise<Page> {
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    return page;
  }

  it("defaults the report range to today in the configured zone, not Shanghai's", async () => {
    expect(todayIn(zone, new Date())).not.toBe(todayIn(BROWSER_ZONE, new Date()));
    const page = await signIn('/supervisor.html', 'supervisor.zhou');
    await page.getByTestId('desk').waitFor();
    await page.getByTestId('tab-reports').click();
    await page.getByTestId('report-table').waitFor();
    // Today, or tomorrow if a midnight falls within the check's 10 seconds of polling.
    const days = [0, 15_000].map((ms) => todayIn(zone, new Date(Date.now() + ms)));
    await expectValue(page.getByTestId('report-to'), new RegExp(`^(${days.join('|')})$`));
  }, 30_000);

  it("shows an agent the customer's message at the service's clock time, and says the zone", async () => {
    const agent = await signIn('/agent.html', 'agent.li');
    await agent.locator('[data-testid="presence-toggle"][data-presence="online"]').waitFor();
    const label = agent.getByTestId('time-zone');
    await expectText(label, new RegExp(`^Times: ${zone.replace('/', '\\/')} \\(UTC[+-]\\d+\\)$`));
    expect(await label.getAttribute('data-source')).toBe('service');

    const customer = await startCustomer(t.url, 'en', clients);
    await sayToBot(customer.client, 'I want to talk to an agent');
    const offer = agent.getByTestId('offer');
    await offer.waitFor();
    const ticketId = await offer.getAttribute('data-ticket-id');
    await offer.getByTestId('offer-accept').click();
    await offer.waitFor({ state: 'detached' });
    const said = agent
      .getByTestId('transcript')
      .getByTestId('msg-customer')
      .filter({ hasText: 'I want to talk to an agent' });
    await said.waitFor();
    const { iso, text } = await shownTime(said.getByTestId('msg-time'));
    expect(wallClock(iso, zone)).not.toBe(wallClock(iso, BROWSER_ZONE));
    expect(text).toBe(wallClock(iso, zone));
    expect(await said.getByTestId('msg-time').getAttribute('title')).toBe(zone);
    // The chat's title names it by the time it was queued: the service's clock again.
    await expectText(agent.getByTestId('chat-title'), /^Customer Web chat \d\d:\d\d$/);
    const title = await agent.getByTestId('chat-title').innerText();
    const queuedAt = title.slice(-5);
    expect([
      wallClock(iso, zone),
      wallClock(new Date(Date.parse(iso) + 60_000).toISOString(), zone),
    ]).toContain(queuedAt);

    // The SLA clock's tooltip gives the first-response target on the service's clock.
    const token = await login(t.url, 'supervisor.zhou');
    const ticket = await request(t.url)
      .get(`/tickets/${ticketId}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const due = (ticket.body as { firstResponseDueAt?: string }).firstResponseDueAt;
    if (!due) throw new Error('the ticket has no first-response target');
    expect(wallClock(due, zone)).not.toBe(wallClock(due, BROWSER_ZONE));
    expect(await agent.getByTestId('active-sla').getAttribute('title')).toContain(
      `due at ${wallClock(due, zone)}`,
    );
    await screenshot(agent, 'zone-01-agent-service-zone');
  }, 45_000);

  it("shows a supervisor the transcript and the access log at the service's clock time", async () => {
    const page = await signIn('/supervisor.html', 'supervisor.zhou');
    await page.getByTestId('desk').waitFor();
    await expectText(
      page.getByTestId('time-zone'),
      new RegExp(`^Times: ${zone.replace('/', '\\/')}`),
    );
    const messages = await openTranscript(page, botConversation);
    const line = messages.getByTestId('msg-customer').filter({ hasText: 'hello' });
    const { iso, text } = await shownTime(line.getByTestId('msg-time'));
    expect(wallClock(iso, zone)).not.toBe(wallClock(iso, BROWSER_ZONE));
    expect(text).toBe(wallClock(iso, zone));

    // The read just made is the newest entry of the access log, at the service's clock time.
    await page.getByTestId('tab-access').click();
    const newest = page.getByTestId('access-row').first();
    await waitForText(newest.getByTestId('access-action'), 'transcript.read');
    const at = await shownTime(newest.getByTestId('access-at-cell').locator('time'));
    expect(at.text).toContain(wallClock(at.iso, zone, true));
    expect(at.text).not.toContain(wallClock(at.iso, BROWSER_ZONE, true));
  }, 45_000);

  it("falls back to the browser's zone, and says so in zh, when the settings cannot be read", async () => {
    const page = await browser.open(`${t.url}/supervisor.html`, {
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
      timezoneId: BROWSER_ZONE,
    });
    await page.route('**/service-settings', (route) => route.abort());
    await logIn(page, 'supervisor.zhou');
    const label = page.getByTestId('time-zone');
    await expectText(label, /本浏览器的时区（未能读取服务时区）/);
    expect(await label.getAttribute('data-zone')).toBe(BROWSER_ZONE);
    expect(await label.getAttribute('data-source')).toBe('browser');
    const line = (await openTranscript(page, botConversation))
      .getByTestId('msg-customer')
      .filter({ hasText: 'hello' });
    const { iso, text } = await shownTime(line.getByTestId('msg-time'));
    expect(text).toBe(wallClock(iso, BROWSER_ZONE));
    await screenshot(page, 'zone-02-supervisor-browser-zone-zh');
  }, 45_000);
});
