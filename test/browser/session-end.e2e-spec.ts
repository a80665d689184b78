import request from 'supertest';
import { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeInBrowser, screenshot } from './support/browser';
import { expectText } from './support/page-helpers';

/**
 * A session ended on the server (here: revoked through the API while the page is open) is
 * shown on the agent and supervisor pages in both languages, with the login form to go back
 * by, instead of a connection that tries forever.
 */
describeInBrowser('pages when the server ends the session', () => {
  let t: TestApp;
  const browser = new BrowserPages();

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    await browser.launch();
  });
  afterEach(() => browser.closeContexts());
  afterAll(async () => {
    await browser.close();
    await t?.close();
  });

  async function loggedIn(path: string, username: string): Promise<Page> {
    const page = await browser.open(`${t.url}${path}`, {
      locale: 'en-GB',
      viewport: { width: 1280, height: 800 },
    });
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    return page;
  }

  /** Revokes every session of `username` with a supervisor's own, separate session. */
  async function revoke(username: string): Promise<void> {
    const supervisor = await request(t.url)
      .post('/auth/login')
      .send({ username: 'supervisor.zhou', password: DEMO_PASSWORD })
      .expect(200);
    const target = await request(t.url)
      .post('/auth/login')
      .send({ username, password: DEMO_PASSWORD })
      .expect(200);
    const { token } = supervisor.body as { token: string };
    const { staff } = target.body as { staff: { id: string } };
    const answer = await request(t.url)
      .post('/auth/sessions/revoke')
      .set('authorization', `Bearer ${token}`)
      .send({ staffId: staff.id })
      .expect(200);
    expect((answer.body as { revoked: number }).revoked).toBeGreaterThanOrEqual(2);
  }

  async function expectSessionEnded(page: Page, name: string): Promise<void> {
    const notice = page.getByTestId('session-ended');
    await notice.waitFor({ state: 'visible' });
    await expectText(notice, /会话已结束[\s\S]*Your session has ended/);
    await page.getByTestId('login-form').waitFor({ state: 'visible' });
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await screenshot(page, name);
  }

  it('the agent desk says the session ended and offers the login again', async () => {
    const page = await loggedIn('/agent.html', 'agent.li');
    await page.locator('[data-testid="presence-toggle"][data-presence="online"]').waitFor();
    expect(await page.getByTestId('session-ended').isVisible()).toBe(false);

    await revoke('agent.li');
    await expectSessionEnded(page, 'session-ended-agent');

    // The way back: logging in again opens the desk and hides the notice.
    await page.getByTestId('login-username').fill('agent.li');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="presence-toggle"][data-presence="online"]').waitFor();
    expect(await page.getByTestId('session-ended').isVisible()).toBe(false);
  });

  it('the supervisor desk says the session ended and offers the login again', async () => {
    const page = await loggedIn('/supervisor.html', 'supervisor.zhou');
    await expectText(page.getByTestId('connection'), /live/);

    await revoke('supervisor.zhou');
    await expectSessionEnded(page, 'session-ended-supervisor');

    await page.getByTestId('login-username').fill('supervisor.zhou');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expectText(page.getByTestId('connection'), /live/);
    expect(await page.getByTestId('session-ended').isVisible()).toBe(false);
  });

  it.each([
    ['/agent.html', 'agent.li', 'pd.agent.session'],
    ['/supervisor.html', 'supervisor.zhou', 'pd.supervisor.session'],
  ])('logging out of %s ends the session on the server too', async (path, username, key) => {
    const page = await loggedIn(path, username);
    await page.getByTestId('logout').waitFor({ state: 'visible' });
    const saved = await page.evaluate<string | null>(
      `sessionStorage.getItem(${JSON.stringify(key)})`,
    );
    const { token } = JSON.parse(saved ?? '{}') as { token: string };
    await request(t.url)
      .get('/service-settings')
      .set('authorization', `Bearer ${token}`)
      .expect(200);

    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor({ state: 'visible' });
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    // Logging out is not the server ending the session: no notice.
    expect(await page.getByTestId('session-ended').isVisible()).toBe(false);
    // The page does not wait for the server's answer; the token stops working as soon as it comes.
    const deadline = Date.now() + 5000;
    let status = 200;
    while (status !== 401 && Date.now() < deadline) {
      status = (
        await request(t.url).get('/service-settings').set('authorization', `Bearer ${token}`)
      ).status;
      if (status !== 401) await new Promise((done) => setTimeout(done, 100));
    }
    expect(status).toBe(401);
  });
});
