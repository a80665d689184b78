import { Page } from 'playwright-core';
import { UtilitySeedService } from '../../src/utility/utility-seed.service';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAccessible } from './support/axe';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';
import { expectText } from './support/page-helpers';

const ENGLISH_ACCOUNT = '1000004067'; // Emily Carter; phone …4321

const WORDS = {
  'zh-CN': {
    bill: `我的电费为什么这么高？户号${ENGLISH_ACCOUNT}`,
    agent: '转人工',
    digits: /后四位/,
  },
  'en-GB': {
    bill: `why is my bill so high? account ${ENGLISH_ACCOUNT}`,
    agent: 'Talk to an agent',
    digits: /last (four|4) digits/i,
  },
} as const;

// Issue 15: axe-core on the customer page and on the widget embedded in a utility's page, in zh
// and en, with the widget open at its greeting, a verification question and a bill card, and in
// the queue; 0 critical and 0 serious violations, and screenshots at 390, 1,024 and 1,440 px.
describeInBrowser('the customer widget is accessible', () => {
  let t: TestApp;
  const browser = new BrowserPages();

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 7, customers: 200, now: new Date() });
    await browser.launch();
  }, 60_000);
  afterEach(() => browser.closeContexts());
  afterAll(async () => {
    await browser.close();
    await t?.close();
  });

  async function shots(page: Page, name: string): Promise<void> {
    for (const width of [390, 1024, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      await screenshot(page, `${name}-${width}`);
    }
  }

  async function say(page: Page, text: string): Promise<void> {
    const mine = page.getByTestId('customer-log').locator('.m.customer');
    const before = await mine.count();
    await page.getByTestId('customer-input').fill(text);
    await page.getByTestId('customer-send').click();
    await mine.nth(before).waitFor();
  }

  for (const locale of ['zh-CN', 'en-GB'] as const) {
    const words = WORDS[locale];

    it(`the customer page: greeting, verification, bill card, queue (${locale})`, async () => {
      const page = await browser.open(`${t.url}/`, {
        locale,
        viewport: { width: 390, height: 800 },
      });
      const log = page.getByTestId('customer-log');
      await log.locator('.m.bot').first().waitFor();
      await expectAccessible(page, `customer page greeting ${locale}`);
      await shots(page, `a11y-widget-page-greeting-${locale}`);

      await say(page, words.bill);
      await log.locator('.m.bot').filter({ hasText: words.digits }).waitFor();
      await expectAccessible(page, `customer page verification ${locale}`);
      await say(page, '4321');
      await log.getByTestId('card-bill').waitFor();
      await page.getByTestId('typing').waitFor({ state: 'hidden' });
      await expectAccessible(page, `customer page bill card ${locale}`);
      await shots(page, `a11y-widget-page-bill-${locale}`);

      await page.getByTestId('quick-reply').filter({ hasText: words.agent }).click();
      await page.getByTestId('queue').getByTestId('callback-form').waitFor();
      // The other language's run may still be waiting ahead: any place will do.
      await expectText(page.getByTestId('queue-position'), /\d/);
      await expectAccessible(page, `customer page queue ${locale}`);
      await shots(page, `a11y-widget-page-queue-${locale}`);
    }, 60_000);

    it(`the embed demo: launcher closed, then open at the greeting (${locale})`, async () => {
      const page = await browser.open(`${t.url}/embed-demo.html`, {
        locale,
        viewport: { width: 1024, height: 800 },
      });
      await page.getByTestId('launcher').waitFor();
      await expectAccessible(page, `embed demo, widget closed ${locale}`);
      await page.getByTestId('launcher').click();
      await page.getByTestId('customer-log').locator('.m.bot').first().waitFor();
      await expectAccessible(page, `embed demo, widget open ${locale}`);
      await shots(page, `a11y-widget-embed-${locale}`);
    }, 60_000);
  }
});
