import { readdirSync, readFileSync } from 'fs';
import { processSeconds } from './cpu-meter';

/**
 * The local store's process (mongo-java-server, started by scripts/services.sh) serving
 * `mongoUri`, found by its command line: its CPU time is part of what a message costs. Null
 * for a store that is not a local mongo-java-server (a real MongoDB elsewhere).
 */
export function findStorePid(mongoUri: string): number | null {
  const port = /:(\d+)(\/|$)/.exec(mongoUri.replace(/^mongodb:\/\//, ''))?.[1];
  if (!port) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('powerdesk.store.Main') && args.includes(port)) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return null;
}

/** CPU seconds a process spent between start() and stop(). */
export class ProcessCpu {
  private readonly from: number | null;

  constructor(private readonly pid: number | null) {
    this.from = pid === null ? null : processSeconds(pid);
  }

  stop(): number | null {
    if (this.pid === null || this.from === null) return null;
    const to = processSeconds(this.pid);
    return to === null ? null : to - this.from;
  }
}

/** The database commands a PowerDesk instance has sent so far, by name (its /metrics counter). */
export async function dbCommandsOf(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^powerdesk_db_commands_total\{command="([^"]+)"\} (\d+)/.exec(line);
    if (match) counts.set(match[1], Number(match[2]));
  }
  return counts;
}

/** Total seconds the store took per command so far (the driver's durations, from /metrics). */
export async function dbSecondsOf(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const seconds = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^powerdesk_db_command_seconds_sum\{command="([^"]+)"\} ([\d.e+-]+)/.exec(line);
    if (match) seconds.set(match[1], Number(match[2]));
  }
  return seconds;
}

/** What was sent between two readings, by command, largest first. */
export function commandsBetween(
  before: Map<string, number>,
  after: Map<string, number>,
): [string, number][] {
  return [...after]
    .map(([name, n]): [string, number] => [name, n - (before.get(name) ?? 0)])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
}
