import { execFileSync } from 'child_process';
import { existsSync, mkdirSync } from 'fs';
import { join } from 'path';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';

/** Shared by the browser specs: Debian's Chromium, its launch flags, pages and screenshots. */
export const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');

// `npx playwright install` cannot download browsers here: the suite drives Debian's chromium.
// The script installs it when it is missing and we are root, and always exits 0.
if (!existsSync(CHROMIUM)) {
  execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
}
// Skipped only when /usr/bin/chromium is absent and scripts/ensure-chromium.sh could not install
// it (not root, or no apt-get): there is no other browser on these machines to drive.
export const describeInBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

/** The launch flags known to work on this machine's closed network (see the machine notes). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * One headless Chromium and the contexts a spec opens in it. Each spec calls `launch()`,
 * `closeContexts()` and `close()` from its own hooks, so its setup order stays its own.
 */
export class BrowserPages {
  private browser?: Browser;
  private readonly contexts: BrowserContext[] = [];

  async launch(): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Playwright gives every launch a fresh, empty profile directory of its own.
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }

  /** A page in a new context of its own, at `url`, closed by `closeContexts()`. */
  async open(url: string, options: BrowserContextOptions): Promise<Page> {
    if (!this.browser) throw new Error('BrowserPages.open before launch');
    const context = await this.browser.newContext(options);
    this.contexts.push(context);
    const page = await context.newPage();
    // Generous: the e2e suites share a loaded machine, and a slow ack is not a failure here.
    page.setDefaultTimeout(20_000);
    await page.goto(url);
    return page;
  }

  async closeContexts(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close();
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }
}

/** Saves `test-artifacts/screenshots/<name>.png`. */
export const screenshot = (page: Page, name: string, options: { fullPage?: boolean } = {}) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), ...options });
