import { TurnChains } from './turn-chains';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe(TurnChains.name, () => {
  it("runs one conversation's turns in order, others' alongside", async () => {
    const chains = new TurnChains();
    const done: string[] = [];
    const first = gate();
    const a1 = chains.enqueue('a', false, async () => {
      await first.opened;
      done.push('a1');
    });
    const a2 = chains.enqueue('a', false, () => Promise.resolve(void done.push('a2')));
    await chains.enqueue('b', false, () => Promise.resolve(void done.push('b1')));
    expect(done).toEqual(['b1']);
    first.open();
    await Promise.all([a1, a2]);
    expect(done).toEqual(['b1', 'a1', 'a2']);
  });

  it('counts reserved places until a turn uses or releases them, and a failed turn frees its place', async () => {
    const chains = new TurnChains();
    expect(chains.reserve('a', 2)).toBe(true);
    expect(chains.reserve('a', 2)).toBe(true);
    expect(chains.reserve('a', 2)).toBe(false);
    chains.release('a');
    await expect(
      chains.enqueue('a', true, () => Promise.reject(new Error('store down'))),
    ).rejects.toThrow('store down');
    // Both places are free again; a later turn still runs after the failed one.
    expect(chains.reserve('a', 2)).toBe(true);
    expect(chains.reserve('a', 2)).toBe(true);
  });

  it('drains turns queued while it waits', async () => {
    const chains = new TurnChains();
    const done: number[] = [];
    void chains.enqueue('a', false, async () => {
      await Promise.resolve();
      done.push(1);
      void chains.enqueue('b', false, () => Promise.resolve(void done.push(2)));
    });
    await chains.drained();
    expect(done).toEqual([1, 2]);
  });

  it('remembers settled messages beyond the chain, and forgets the oldest conversation first', async () => {
    const chains = new TurnChains(2);
    await chains.enqueue('a', false, () => Promise.resolve());
    chains.noteSettled('a', 'm1');
    chains.noteSettled('b', 'm1');
    chains.noteSettled('a', 'm2');
    chains.noteSettled('c', 'm1');
    // `b` was used least recently: it goes; `a` kept both of its messages.
    expect(chains.settledOf('a')).toEqual(['m1', 'm2']);
    expect(chains.settledOf('b')).toEqual([]);
    chains.clearSettled('a');
    expect(chains.settledOf('a')).toEqual([]);
    expect(chains.settledOf('c')).toEqual(['m1']);
  });
});
