import { todayIn } from '../../src/common/report-dates';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeInBrowser } from './support/browser';
import { expectValue } from './support/page-helpers';

/**
 * A zone whose calendar day is not Shanghai's right now: Kiritimati (UTC+14) is already on the
 * next day from 18:00 in Shanghai, Pago Pago (UTC-11) still on the day before until 19:00. So the
 * test tells the configured zone from the default at any hour.
 */
function zoneOnAnotherDay(now: Date): string {
  return todayIn('Pacific/Kiritimati', now) !== todayIn('Asia/Shanghai', now)
    ? 'Pacific/Kiritimati'
    : 'Pacific/Pago_Pago';
}

/** The supervisor's reports start on "the last 7 days" of the service's zone (SERVICE_TIMEZONE). */
describeInBrowser("the supervisor desk in the service's zone", () => {
  let t: TestApp;
  const browser = new BrowserPages();
  const zone = zoneOnAnotherDay(new Date());

  beforeAll(async () => {
    t = await startTestApp({ SERVICE_TIMEZONE: zone });
    await t.reset();
    await browser.launch();
  }, 60_000);
  afterAll(async () => {
    await browser.closeContexts();
    await browser.close();
    await t?.close();
  });

  it("defaults the report range to today in the configured zone, not Shanghai's", async () => {
    expect(todayIn(zone, new Date())).not.toBe(todayIn('Asia/Shanghai', new Date()));
    // The browser is in Shanghai too: only the server's setting can give the other day.
    const page = await browser.open(`${t.url}/supervisor.html`, {
      locale: 'en-GB',
      viewport: { width: 1440, height: 900 },
      timezoneId: 'Asia/Shanghai',
    });
    await page.getByTestId('login-username').fill('supervisor.zhou');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('desk').waitFor();
    await page.getByTestId('tab-reports').click();
    await page.getByTestId('report-table').waitFor();
    // Today, or tomorrow if a midnight falls within the check's 10 seconds of polling.
    const days = [0, 15_000].map((ms) => todayIn(zone, new Date(Date.now() + ms)));
    await expectValue(page.getByTestId('report-to'), new RegExp(`^(${days.join('|')})$`));
  }, 30_000);
});
