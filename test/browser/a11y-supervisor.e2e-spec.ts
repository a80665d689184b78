import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';
import { UtilitySeedService } from '../../src/utility/utility-seed.service';
import { RecordingClient, sayToBot, startCustomer } from '../support/clients';
import { quietFeeders, tell } from '../support/incidents';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAccessible } from './support/axe';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';

// Issue 15: axe-core on the supervisor desk, in zh and en, with 0 critical and 0 serious
// violations: the login, and the live board with a waiting conversation on its live list and an
// outage incident in the incidents panel. Screenshots at the three widths the desk is used at.
describeInBrowser('the supervisor desk is accessible and fits 390 to 1,440 px', () => {
  let t: TestApp;
  const browser = new BrowserPages();
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 5, customers: 300, now: new Date() });
    // An outage report opens an incident; a customer asking for a person waits (nobody online).
    const [feeder] = await quietFeeders(t, 1);
    const reporter = await startCustomer(t.url, 'zh', clients);
    await tell(reporter.client, `停电了，户号${feeder.accounts[0]}`);
    const waiting = await startCustomer(t.url, 'zh', clients);
    await sayToBot(waiting.client, '转人工');
    await browser.launch();
  }, 90_000);
  afterEach(() => browser.closeContexts());
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await browser.close();
    await t?.close();
  });

  for (const locale of ['zh-CN', 'en-GB']) {
    it(`has no critical or serious axe finding on login and the desk (${locale})`, async () => {
      const page = await browser.open(`${t.url}/supervisor.html`, {
        locale,
        viewport: { width: 1024, height: 768 },
      });
      await page.getByTestId('login-username').waitFor();
      await expectAccessible(page, `supervisor login ${locale}`);
      await screenshot(page, `supervisor-login-${locale}`);
      await page.getByTestId('login-username').fill('supervisor.zhou');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('live-row').first().waitFor();
      await page.getByTestId('incident-row').first().waitFor();
      await page.getByTestId('board-alert').first().waitFor();
      await expectAccessible(page, `supervisor desk ${locale}`);
      for (const width of [390, 1024, 1440]) {
        await page.setViewportSize({ width, height: 800 });
        // Usable at every width: nothing wider than the window, the live list's buttons in reach.
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth');
        expect([width, overflow <= width]).toEqual([width, true]);
        const open = await page.getByTestId('live-open').first().boundingBox();
        expect(open && open.x + open.width).toBeLessThanOrEqual(width);
        await screenshot(page, `supervisor-desk-${locale}-${width}`, { fullPage: true });
      }
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.getByTestId('live-open').first().click();
      await page.getByTestId('msg-customer').first().waitFor();
      await expectAccessible(page, `supervisor transcript ${locale}`);
      await screenshot(page, `supervisor-transcript-${locale}-1024`, { fullPage: true });
    });
  }
});
