import { Bulkhead } from './bulkhead';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

describe(Bulkhead.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at most `concurrency` tasks at once, the rest in order as places free up', async () => {
    const bulkhead = new Bulkhead(2, 10, 1000);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      bulkhead.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[0].open();
    await expect(runs[0]).resolves.toEqual({ ok: true, value: 0 });
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[1].open();
    gates[2].open();
    await expect(Promise.all(runs.slice(1))).resolves.toEqual([
      { ok: true, value: 1 },
      { ok: true, value: 2 },
    ]);
  });

  it('refuses a task that would wait too long or find the line full', async () => {
    const bulkhead = new Bulkhead(1, 1, 500);
    const g = gate();
    const first = bulkhead.run(() => g.opened);
    const second = bulkhead.run(() => Promise.resolve('late'));
    await expect(bulkhead.run(() => Promise.resolve('full'))).resolves.toEqual({ ok: false });
    jest.advanceTimersByTime(500);
    await expect(second).resolves.toEqual({ ok: false });
    g.open();
    await expect(first).resolves.toEqual({ ok: true, value: undefined });
    // The place is free again.
    await expect(bulkhead.run(() => Promise.resolve(3))).resolves.toEqual({ ok: true, value: 3 });
  });

  it('with no limits on waiting, refuses nothing and keeps the order (the bot turns)', async () => {
    const bulkhead = new Bulkhead(2, Infinity, Infinity);
    const g = gate();
    const order: number[] = [];
    const runs = Array.from({ length: 50 }, (_, i) =>
      bulkhead.run(async () => {
        if (i < 2) await g.opened;
        order.push(i);
        return i;
      }),
    );
    jest.advanceTimersByTime(24 * 3600_000);
    g.open();
    const done = await Promise.all(runs);
    expect(done.every((r) => r.ok)).toBe(true);
    expect(order.slice(2)).toEqual(Array.from({ length: 48 }, (_, i) => i + 2));
    expect(jest.getTimerCount()).toBe(0);
  });
});
