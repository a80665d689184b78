/**
 * Waits once for a model's indexes. Unique indexes are what make references and the seed marker
 * safe under concurrency, so writers that rely on them wait for them; a failure (database down)
 * is not remembered, and the next call tries again.
 */
export class IndexReadiness {
  private pending?: Promise<void>;

  constructor(private readonly create: () => Promise<unknown>) {}

  wait(): Promise<void> {
    this.pending ??= this.create().then(
      () => undefined,
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }
}
