/** Polls `probe` until it gives a value (not undefined), and returns it; fails after `ms`. */
export async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls until `check` holds (or fails after `ms`). */
export async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  await until(async () => ((await check()) ? true : undefined), ms).catch(() => {
    throw new Error('condition not met in time');
  });
}
