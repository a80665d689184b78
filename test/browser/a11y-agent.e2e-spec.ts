import { Types } from 'mongoose';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';
import { TicketsService } from '../../src/tickets/tickets.service';
import { UtilitySeedService } from '../../src/utility/utility-seed.service';
import { connect, connectAgent } from '../support/clients';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAccessible, seriousViolations } from './support/axe';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';

// Issue 15: axe-core on the agent console, in zh and en, with 0 critical and 0 serious
// violations, and its screenshots at the three widths the desk is used at.
describeInBrowser('the agent console is accessible and fits 1,024 to 1,440 px', () => {
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

  it('the checker itself reports a page that breaks the rules', async () => {
    const page = await browser.open(`${t.url}/health/live`, { locale: 'en-GB' });
    await page.setContent('<html><body><img src="x.png"><button></button></body></html>');
    const found = await seriousViolations(page);
    expect(found.map((v) => v.id)).toEqual(expect.arrayContaining(['image-alt', 'button-name']));
  });

  for (const locale of ['zh-CN', 'en-GB']) {
    it(`has no critical or serious axe finding on login and the console (${locale})`, async () => {
      const page = await browser.open(`${t.url}/agent.html`, {
        locale,
        viewport: { width: 1024, height: 768 },
      });
      await page.getByTestId('login-username').waitFor();
      await expectAccessible(page, `agent login ${locale}`);
      await page.getByTestId('login-username').fill('agent.li');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.locator('[data-testid="presence-toggle"][data-presence="online"]').waitFor();
      await expectAccessible(page, `agent console ${locale}`);
      for (const width of [390, 1024, 1440]) {
        await page.setViewportSize({ width, height: 800 });
        await screenshot(page, `agent-console-${locale}-${width}`);
      }
    });
  }

  for (const locale of ['zh-CN', 'en-GB']) {
    it(`has none with an offer, then a chat open: customer panel, transfer and close forms (${locale})`, async () => {
      await t.app.get(UtilitySeedService).seed({ seed: 7, customers: 200, now: new Date() });
      // Someone to list in the transfer picker.
      const sam = await connectAgent(t.url, 'agent.sam');
      const customer = await connect(t.url, '/customer');
      try {
        const page = await browser.open(`${t.url}/agent.html`, {
          locale,
          viewport: { width: 1024, height: 768 },
        });
        await page.getByTestId('login-username').fill('agent.li');
        await page.getByTestId('login-password').fill(DEMO_PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.locator('[data-testid="presence-toggle"][data-presence="online"]').waitFor();

        // A verified customer with an outage question: only Li (outage skill) is offered it.
        const started = await customer.emit('conversation:start', { language: 'en' });
        await t.app.get(TicketsService).open({
          conversationId: new Types.ObjectId((started.conversation as { id: string }).id),
          reason: 'customer_request',
          language: 'en',
          skill: 'outage',
          caseCard: {
            verifiedAccount: '1000004067',
            verification: 'verified',
            intentPath: ['outage.report', 'outage.status'],
          },
        });
        const offer = page.getByTestId('offer');
        await offer.waitFor();
        await expectAccessible(page, `agent console with an offer ${locale}`);
        await offer.getByTestId('offer-accept').click();
        await page.getByTestId('context-account').waitFor();
        await page.getByTestId('transfer-form').waitFor();
        await page.getByTestId('close-form').waitFor();
        await page
          .locator('[data-testid="transfer-agent-option"][data-presence="online"]')
          .filter({ hasText: 'Sam Taylor' })
          .waitFor();
        await expectAccessible(page, `agent console with a chat open ${locale}`);
        for (const width of [390, 1024, 1440]) {
          await page.setViewportSize({ width, height: 900 });
          await screenshot(page, `agent-chat-${locale}-${width}`);
        }
      } finally {
        customer.close();
        sam.close();
      }
    }, 60_000);
  }
});
