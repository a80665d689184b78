import { readFileSync } from 'fs';
import { performance } from 'node:perf_hooks';
import { fmt } from './latency-stats';

/**
 * CPU seconds spent during a phase by the server under test, by the benchmark's own clients
 * and by the whole machine: on a small box it shows whether the server, the load generator
 * or the stores (FerretDB, its backend, Redis: "the rest") were the ones saturating the cores.
 * Linux only (/proc); elsewhere the figures are null and the benchmark runs without them.
 */

/** Linux reports /proc times in USER_HZ, which is 100 on every mainstream distribution. */
const TICKS_PER_SECOND = 100;

interface Sample {
  server: number | null;
  client: number;
  machineBusy: number | null;
  wallMs: number;
}

export interface CpuUsage {
  /** Cores kept busy on average (CPU seconds / wall seconds). */
  serverCores: number | null;
  clientCores: number;
  restCores: number | null;
  machineCores: number | null;
}

export function processSeconds(pid: number): number | null {
  try {
    // The command name (field 2) may contain spaces: the fields after it start after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function machineBusySeconds(): number | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
    const [user, nice, system, , , irq, softirq, steal] = cpu.map(Number);
    return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export class CpuMeter {
  private readonly start: Sample;

  private readonly serverPids: number[];

  /** Several pids: a service of several instances, their CPU summed. */
  constructor(serverPid: number | number[]) {
    this.serverPids = Array.isArray(serverPid) ? serverPid : [serverPid];
    this.start = this.sample();
  }

  stop(): CpuUsage {
    const end = this.sample();
    const wall = (end.wallMs - this.start.wallMs) / 1000;
    const cores = (a: number | null, b: number | null) =>
      a === null || b === null ? null : round((b - a) / wall);
    const serverCores = cores(this.start.server, end.server);
    const clientCores = round((end.client - this.start.client) / wall);
    const machineCores = cores(this.start.machineBusy, end.machineBusy);
    const restCores =
      machineCores === null || serverCores === null
        ? null
        : round(Math.max(0, machineCores - serverCores - clientCores));
    return { serverCores, clientCores, restCores, machineCores };
  }

  private sample(): Sample {
    const usage = process.cpuUsage();
    return {
      server: sumOrNull(this.serverPids.map(processSeconds)),
      client: (usage.user + usage.system) / 1e6,
      machineBusy: machineBusySeconds(),
      wallMs: performance.now(),
    };
  }
}

function sumOrNull(values: (number | null)[]): number | null {
  return values.some((v) => v === null)
    ? null
    : values.reduce<number>((sum, v) => sum + (v as number), 0);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The CPU line of a bench's summary; `clients` names the bench's own side ("bench clients",
 * "bench") so each bench keeps the wording its README documents.
 */
export function describeCpu(cpu: CpuUsage | null, clients: string): string {
  return cpu
    ? `cpu cores busy: server ${fmt(cpu.serverCores, 2)}, ${clients} ${fmt(cpu.clientCores, 2)}, ` +
        `rest of machine ${fmt(cpu.restCores, 2)} (machine ${fmt(cpu.machineCores, 2)})`
    : 'cpu: n/a';
}
