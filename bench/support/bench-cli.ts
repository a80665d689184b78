import { killChildren, stopChildren } from './service-child';

/**
 * What every bench does around its own measurements: read its integer options and the store
 * addresses that `scripts/with-services.sh` exports, and run `main` under a hard time limit so
 * a bench never hangs a shell, with its children killed on every way out.
 */

/**
 * An integer option from 1 up; with `max`, also at most that (and the message says the range).
 * Throws rather than clamping: a mistyped size must not silently measure something else.
 */
export function countOption(name: string, raw: string, max?: number): number {
  const n = Number(raw);
  if (max === undefined) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  } else if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new Error(`--${name} must be an integer from 1 to ${max}`);
  }
  return n;
}

/** The stores' addresses come from the npm script's wrapper; say so when it was bypassed. */
export function requireEnv(name: string, bench: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through \`npm run ${bench}\``);
  return value;
}

/**
 * Runs `main` and exits with its code: 2 when `abortAfterMs` (startup included) runs out,
 * 130 on Ctrl-C, 1 when it throws. Exiting explicitly matters: open sockets or Bull
 * connections left by a failed run would otherwise keep the process alive.
 */
export function runBench(bench: string, abortAfterMs: number, main: () => Promise<number>): void {
  const abort = setTimeout(() => {
    console.error(`${bench} aborted after ${abortAfterMs / 1000} s`);
    killChildren();
    process.exit(2);
  }, abortAfterMs);

  process.once('SIGINT', () => {
    killChildren();
    process.exit(130);
  });

  main()
    .then((code) => {
      clearTimeout(abort);
      process.exit(code);
    })
    .catch((error: unknown) => {
      console.error(`${bench} failed: ${(error as Error).message ?? String(error)}`);
      void stopChildren().then(() => process.exit(1));
    });
}
