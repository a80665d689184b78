import { Locator, Page } from 'playwright-core';

/** Waits until `locator` holds an element whose text contains `text`. */
export const waitForText = (locator: Locator, text: string) =>
  locator.filter({ hasText: text }).first().waitFor();

/** Polls until the locator's text matches: web-first assertions without @playwright/test. */
export async function expectText(locator: Locator, pattern: RegExp, ms = 10_000): Promise<void> {
  await poll(async () => (await locator.innerText()).trim(), pattern, ms);
}

export async function expectCount(locator: Locator, count: number, ms = 10_000): Promise<void> {
  await poll(async () => String(await locator.count()), new RegExp(`^${count}$`), ms);
}

export async function expectValue(locator: Locator, pattern: RegExp, ms = 10_000): Promise<void> {
  await poll(() => locator.inputValue(), pattern, ms);
}

async function poll(read: () => Promise<string>, pattern: RegExp, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    last = await read();
    if (pattern.test(last)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected ${pattern} within ${ms} ms, last saw: ${JSON.stringify(last)}`);
}

/** Supervisor desk: opens a conversation's transcript from the recent list; its messages. */
export async function openTranscript(page: Page, conversationId: string): Promise<Locator> {
  await page.getByTestId('tab-search').click();
  await page
    .locator(`[data-testid="recent-conversation"][data-conversation-id="${conversationId}"]`)
    .getByTestId('open-transcript')
    .click();
  const messages = page.getByTestId('transcript-messages');
  await messages.getByTestId('msg-customer').first().waitFor();
  return messages;
}
