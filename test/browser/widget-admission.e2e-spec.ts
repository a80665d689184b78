import { connect, RecordingClient } from '../support/clients';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeInBrowser } from './support/browser';

interface Refusal {
  data?: { code?: string; details?: { retryAfterSeconds?: number } };
}

/**
 * A customer whose address is over its limit on new sockets (many customers behind one carrier
 * NAT) is refused at the handshake; the widget must try again when told, not hang.
 */
describeInBrowser('the widget past the per-address socket limit', () => {
  let t: TestApp;
  const browser = new BrowserPages();
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    // 6 at once, then one every 10 s.
    t = await startTestApp({ CHAT_IP_CONNECTIONS_PER_MINUTE: '6' });
    await t.reset();
    await browser.launch();
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await browser.closeContexts();
    await browser.close();
    await t?.close();
  });

  it('retries a refused handshake after retryAfterSeconds and then chats', async () => {
    // The page's address (loopback) uses up its allowance.
    for (let i = 0; i < 6; i++) clients.push(await connect(t.url, '/customer'));
    const refusal = (await connect(t.url, '/customer').catch((e: Refusal) => e)) as Refusal;
    expect(refusal.data?.code).toBe('RATE_LIMITED');
    expect(refusal.data?.details?.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    const page = await browser.open(`${t.url}/`, {
      locale: 'en-GB',
      viewport: { width: 480, height: 760 },
    });
    // The bot's welcome arrives once a later handshake is admitted (within about 10 s).
    await page.getByTestId('customer-log').locator('.m.bot').first().waitFor({ timeout: 25_000 });
  }, 40_000);
});
