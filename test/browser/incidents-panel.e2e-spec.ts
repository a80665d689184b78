import { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';
import { UtilitySeedService } from '../../src/utility/utility-seed.service';
import { RecordingClient, startCustomer } from '../support/clients';
import { quietFeeders, tell } from '../support/incidents';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';
import { expectText } from './support/page-helpers';

/** Issue #16: the supervisor desk's incidents panel, storm banner and switch (frontend/src/supervisor/incidents-panel.tsx). */
describeInBrowser('incidents panel on the supervisor desk', () => {
  let t: TestApp;
  const browser = new BrowserPages();
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      STORM_REPORTS_PER_MINUTE: '2',
      // The records' job would open incidents for the demo outages too: the panel's one row here
      // is the customers' incident.
      INCIDENT_SYNC_SECONDS: '0',
    });
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 5, customers: 300, now: new Date() });
    await browser.launch();
  }, 90_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await browser.close();
    await t?.close();
  });

  async function signIn(locale: string): Promise<Page> {
    const page = await browser.open(`${t.url}/supervisor.html`, {
      locale,
      viewport: { width: 1440, height: 900 },
    });
    await page.getByTestId('login-username').fill('supervisor.zhou');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('desk').waitFor();
    return page;
  }

  it('shows the incident with its reports, the storm banner in Chinese, and switches it off', async () => {
    const page = await signIn('zh-CN');
    await page.getByTestId('incidents-panel').waitFor();
    const second = new Date().getUTCSeconds();
    if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const [feeder] = await quietFeeders(t, 2);
    for (const [i, text] of ['停电了，户号{a}', 'power is out, account {a}'].entries()) {
      const { client } = await startCustomer(t.url, i === 0 ? 'zh' : 'en', clients);
      await tell(client, text.replace('{a}', feeder.accounts[i]));
    }
    const banner = page.getByTestId('storm-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/风暴模式/);
    const row = page.getByTestId('incident-row');
    expect(await row.count()).toBe(1);
    expect(await row.first().textContent()).toContain(feeder.feederId);
    // In the storm the bot takes a callback instead of queueing: the desk counts it at once.
    const callbacks = row.first().getByTestId('incident-callbacks');
    expect(await callbacks.textContent()).toBe('0');
    const { client: caller } = await startCustomer(t.url, 'zh', clients);
    await tell(caller, `停电了 户号${feeder.accounts[2]}`);
    await tell(caller, '回电 13712345678', (m) => /已记录回电请求/.test(m.text));
    await expectText(callbacks, /^1$/);
    await screenshot(page, 'incidents-storm-banner');

    await page.getByTestId('storm-toggle').click();
    await banner.waitFor({ state: 'detached' });
    expect(await page.getByTestId('storm-toggle').textContent()).toBe('开启风暴模式');
  });
});
