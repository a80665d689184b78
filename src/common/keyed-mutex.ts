/**
 * Runs tasks one at a time per key, in arrival order, in this process only. Used by the
 * transcript search to order this process's writes to its in-memory index and their summary
 * documents; no decision between processes depends on it (those are conditional updates in
 * the store, docs/storage.md).
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  get size(): number {
    return this.tails.size;
  }
}
