/**
 * Runs tasks one at a time per key, in arrival order. FerretDB v1 rewrites a whole document on
 * every update, so two concurrent updates of one document, even of different fields, can lose
 * one of them; the services that own a document serialise their writes to it through this.
 * It covers one process; decisions between processes are made by unique-index claims.
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
