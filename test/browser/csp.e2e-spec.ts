import { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';
import { connect, messageId, RecordingClient } from '../support/clients';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeInBrowser } from './support/browser';

const DESKTOP = { width: 1280, height: 800 };

/**
 * Every page under the Content-Security-Policy, in a real browser: nothing it loads or does is
 * refused (a refused inline style or script shows as a console error, and the page would
 * silently lose it).
 */
describeInBrowser('the pages under the CSP', () => {
  let t: TestApp;
  const browser = new BrowserPages();
  const customers: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    // A queued ticket, so the consoles draw their cards and load bars (style via the CSSOM).
    const customer = await connect(t.url, '/customer');
    customers.push(customer);
    await customer.emit('conversation:start', { language: 'en' });
    await customer.emit('message:send', { clientMessageId: messageId(), text: 'agent please' });
    await browser.launch();
  }, 60_000);
  afterEach(() => browser.closeContexts());
  afterAll(async () => {
    customers.forEach((c) => c.close());
    await browser.close();
    await t?.close();
  });

  /** Opens `path`, reloads it with a listener in place, and returns what the console refused. */
  async function violations(path: string, act?: (page: Page) => Promise<void>): Promise<string[]> {
    const page = await browser.open(`${t.url}${path}`, { locale: 'en-GB', viewport: DESKTOP });
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    await page.reload();
    if (act) await act(page);
    await page.waitForTimeout(500);
    return refused;
  }

  const logIn = (username: string) => async (page: Page) => {
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-form').waitFor({ state: 'hidden' });
  };

  it('the customer page and the widget', async () => {
    expect(await violations('/', (p) => p.getByTestId('customer-input').waitFor())).toEqual([]);
  });

  it('the embed demo (the widget on a utility page)', async () => {
    expect(await violations('/embed-demo.html', (p) => p.getByTestId('launcher').click())).toEqual(
      [],
    );
  });

  it('the agent console, logged in', async () => {
    expect(await violations('/agent.html', logIn('agent.li'))).toEqual([]);
  });

  it('the supervisor dashboard, logged in', async () => {
    expect(await violations('/supervisor.html', logIn('supervisor.zhou'))).toEqual([]);
  });

  it('the API docs (Swagger UI)', async () => {
    expect(
      await violations('/docs/api', (p) => p.locator('.swagger-ui .info').first().waitFor()),
    ).toEqual([]);
  });
});
