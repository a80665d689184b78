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

/** The database commands a PowerDesk instance has sent so far (its /metrics counter). */
export async function dbCommandsOf(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('powerdesk_db_commands_total{')) total += Number(line.split(' ').at(-1));
  }
  return total;
}
