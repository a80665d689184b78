import request from 'supertest';
import { Page } from 'playwright-core';
import { RecordsIncidentsService } from '../../src/incidents/records-incidents.service';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';
import { UtilitySeedService } from '../../src/utility/utility-seed.service';
import { login, RecordingClient, startCustomer } from '../support/clients';
import { quietFeeders, tell } from '../support/incidents';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAccessible } from './support/axe';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';
import { expectCount, expectText } from './support/page-helpers';

interface Incident {
  id: string;
  status: string;
  cause?: { zh: string; en: string };
  etaAt?: string;
}

/**
 * Issue #16: the agent console's incidents panel — open incidents live (area, cause, estimate,
 * status, reports, affected accounts, storm mode), an agent's update, and storm callbacks taken
 * and closed once the storm is over; axe finds nothing critical or serious in zh-CN and en-GB.
 */
describeInBrowser('incidents panel in the agent console', () => {
  let t: TestApp;
  const browser = new BrowserPages();
  const clients: RecordingClient[] = [];
  let feeder: { feederId: string; districtCode: string; accounts: string[] };
  let supervisor: string;
  let incidentId: string;
  let fromRecords: number;

  beforeAll(async () => {
    t = await startTestApp({ INCIDENT_SYNC_SECONDS: '0' });
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 5, customers: 300, now: new Date() });
    [feeder] = await quietFeeders(t, 3);
    // The records' outages are incidents before anyone reports them.
    fromRecords = await t.app.get(RecordsIncidentsService).openFromRecords();
    supervisor = await login(t.url, 'supervisor.zhou');
    await browser.launch();
  }, 90_000);
  afterEach(() => browser.closeContexts());
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await browser.close();
    await t?.close();
  });

  const storm = (on: boolean) =>
    request(t.url)
      .post(`/incidents/${encodeURIComponent(incidentId)}/storm`)
      .set('Authorization', `Bearer ${supervisor}`)
      .send({ on })
      .expect(201);
  const incident = async (): Promise<Incident> =>
    (
      await request(t.url)
        .get(`/incidents/${encodeURIComponent(incidentId)}`)
        .set('Authorization', `Bearer ${supervisor}`)
        .expect(200)
    ).body.incident as Incident;

  async function openPanel(locale: string): Promise<Page> {
    const page = await browser.open(`${t.url}/agent.html`, {
      locale,
      viewport: { width: 1440, height: 900 },
    });
    await page.getByTestId('login-username').fill('agent.li');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('agent-incidents-summary').click();
    return page;
  }
  const row = (page: Page, id: string) =>
    page.locator(`[data-testid="agent-incident-row"][data-incident-id="${id}"]`);

  it('shows incidents live, holds callbacks in the storm, then lets the agent work them (zh-CN)', async () => {
    const page = await openPanel('zh-CN');
    const records = page.locator('[data-testid="agent-incident-row"]', {
      hasText: '来自停电记录',
    });
    expect(fromRecords).toBeGreaterThan(0);
    await expectCount(records, fromRecords);

    const first = await startCustomer(t.url, 'zh', clients);
    await tell(first.client, `停电了，户号${feeder.accounts[0]}`);
    const open = (
      await request(t.url).get('/incidents').set('Authorization', `Bearer ${supervisor}`)
    ).body as (Incident & { feederId?: string })[];
    const opened = open.find((i) => i.feederId === feeder.feederId);
    if (!opened) throw new Error('the report opened no incident');
    incidentId = opened.id;
    const mine = row(page, incidentId);
    await mine.waitFor();
    await expectText(mine.getByTestId('agent-incident-area'), /[\u4e00-\u9fa5]+区/);
    await expectText(mine.getByTestId('agent-incident-ref'), new RegExp(feeder.feederId));
    await expectText(mine.getByTestId('agent-incident-reports'), /^1$/);
    await expectText(mine.getByTestId('agent-incident-status'), /排查中/);

    // A second report, the storm and a callback request reach the open panel without a reload.
    const second = await startCustomer(t.url, 'en', clients);
    await tell(second.client, `power is out, account ${feeder.accounts[1]}`);
    await expectText(mine.getByTestId('agent-incident-reports'), /^2$/);
    await storm(true);
    await expectText(mine.getByTestId('agent-incident-storm'), /风暴模式/);
    await tell(second.client, 'call me back on 13712345678', (m) =>
      /callback request/.test(m.text),
    );
    await expectText(mine.getByTestId('agent-incident-callbacks-count'), /^1$/);
    await expectText(mine.getByTestId('agent-incident-callbacks'), /风暴模式结束后才能回电/);
    expect(await mine.getByTestId('agent-incident-take-callback').count()).toBe(0);
    await mine.getByTestId('agent-incident-edit-open').click();
    await expectAccessible(page, 'agent incidents panel zh-CN');
    await screenshot(page, 'agent-incidents-zh-CN');

    // The agent updates the incident; a cause in one language only is refused on the page.
    const form = page.getByTestId('agent-incident-edit');
    await form.getByTestId('agent-incident-edit-status').selectOption('crew_on_site');
    await form.getByTestId('agent-incident-edit-cause-zh').fill('电缆故障，正在更换');
    await form.getByTestId('agent-incident-edit-save').click();
    await expectText(form.getByTestId('agent-incident-edit-error'), /中文和英文/);
    await form.getByTestId('agent-incident-edit-cause-en').fill('Cable fault, being replaced');
    await form.getByTestId('agent-incident-edit-eta').fill('2030-01-02T15:30');
    await form.getByTestId('agent-incident-edit-save').click();
    await expectText(mine.getByTestId('agent-incident-status'), /抢修人员已到场/);
    await expectText(mine.getByTestId('agent-incident-cause'), /电缆故障，正在更换/);
    const updated = await incident();
    expect(updated).toMatchObject({
      status: 'crew_on_site',
      cause: { zh: '电缆故障，正在更换', en: 'Cable fault, being replaced' },
    });
    expect(updated.etaAt?.startsWith('2030-01-02')).toBe(true);

    // The storm is over: the callback is the agent's to take, masked, and to close.
    await storm(false);
    await mine.getByTestId('agent-incident-take-callback').click();
    const call = page.getByTestId('agent-callback');
    await expectCount(call, 1);
    const said = await call.getByTestId('agent-callback-call').innerText();
    expect(said).toContain(incidentId);
    expect(said).not.toContain('13712345678');
    await call.getByTestId('agent-callback-done').click();
    await expectCount(call, 0);
    await expectText(mine.getByTestId('agent-incident-callbacks-count'), /^0$/);
    await expectText(page.getByTestId('agent-incidents-said'), /回电已关闭/);
  });

  it('speaks English and passes axe in en-GB', async () => {
    const page = await openPanel('en-GB');
    const mine = row(page, incidentId);
    await mine.waitFor();
    await expectText(mine.getByTestId('agent-incident-status'), /Crew on site/);
    await expectText(mine.getByTestId('agent-incident-cause'), /Cable fault, being replaced/);
    await mine.getByTestId('agent-incident-edit-open').click();
    await expectAccessible(page, 'agent incidents panel en-GB');
    await screenshot(page, 'agent-incidents-en-GB');
  });
});
