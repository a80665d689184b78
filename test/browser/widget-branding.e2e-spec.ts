import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAccessible } from './support/axe';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';
import { expectText } from './support/page-helpers';

/**
 * Issue 15: the widget's name, logo text and primary colour come from the configuration; and the
 * zone its times are shown in is the service's (SERVICE_TIMEZONE), here not Shanghai's.
 */
describeInBrowser("the widget in the utility's branding", () => {
  let t: TestApp;
  const browser = new BrowserPages();

  beforeAll(async () => {
    t = await startTestApp({
      WIDGET_NAME_ZH: '滨江供电在线客服',
      WIDGET_NAME_EN: 'Binjiang Power online',
      WIDGET_LOGO_TEXT: 'BJ',
      // Light: the widget must switch to dark text on it to stay readable.
      WIDGET_PRIMARY_COLOR: '#ffc20e',
      SERVICE_TIMEZONE: 'Europe/London',
    });
    await t.reset();
    await browser.launch();
  }, 60_000);
  afterAll(async () => {
    await browser.closeContexts();
    await browser.close();
    await t?.close();
  });

  it('serves the branding to any embedding site', async () => {
    const answer = await request(t.url)
      .get('/widget/branding')
      .set('origin', 'https://www.binjiang-power.example')
      .expect(200);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.body).toEqual({
      name: { zh: '滨江供电在线客服', en: 'Binjiang Power online' },
      logoText: 'BJ',
      primaryColor: '#ffc20e',
      timeZone: 'Europe/London',
    });
  });

  it('shows the configured name, logo and colour, readable, in both languages', async () => {
    const page = await browser.open(`${t.url}/embed-demo.html`, {
      locale: 'zh-CN',
      viewport: { width: 1024, height: 800 },
    });
    const opened = Date.now();
    await page.getByTestId('launcher').click();
    await page.getByTestId('customer-log').locator('.m.bot').first().waitFor();
    await expectText(page.getByTestId('title'), /^滨江供电在线客服$/);
    // The welcome's time on its bubble is London's (8 hours from Shanghai's, the default).
    const london = new Set(
      [opened - 60_000, opened, Date.now(), Date.now() + 60_000].map((ms) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/London',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(ms),
      ),
    );
    const times = new RegExp(`^(${[...london].join('|')})$`);
    await expectText(page.getByTestId('customer-log').locator('.m.bot .pd-meta').first(), times);
    await expectText(page.getByTestId('logo'), /^BJ$/);
    const header = page.locator('.pd-header');
    // Run in the page: its window's getComputedStyle (this file is typed for node).
    type Styles = { getComputedStyle(el: unknown): { backgroundColor: string; color: string } };
    expect(
      await header.evaluate(
        (el) => (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor,
      ),
    ).toBe('rgb(255, 194, 14)');
    expect(
      await header.evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).color),
    ).toBe('rgb(29, 38, 48)');
    await expectAccessible(page, 'branded widget zh');
    await page.getByTestId('lang-toggle').click();
    await expectText(page.getByTestId('title'), /^Binjiang Power online$/);
    await expectAccessible(page, 'branded widget en');
    await screenshot(page, 'widget-10-branding');
  }, 30_000);
});
