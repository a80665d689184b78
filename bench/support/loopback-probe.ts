import { fork } from 'child_process';
import { AddressInfo, connect, createServer } from 'net';

/**
 * What one message between two processes costs on this machine: a 200-byte ping-pong over
 * loopback TCP with a child process, one message in flight, so the peer sleeps between
 * messages as the store, Redis and the bench's clients do between a service's writes. Every
 * database command, Redis command and socket frame of a customer message pays this at least
 * once, so it is a unit the chat bench's per-message CPU is made of, and it differs a lot from
 * machine to machine (virtual machines pay for waking the peer's CPU).
 *
 * Run as a module by chat.bench.ts; as a script (`node loopback-probe.js child`) it is the echo.
 */

const PINGS = 5000;

export interface LoopbackCost {
  /** CPU time of the sending process (user + system) per send and receive, microseconds. */
  cpuMicros: number;
  /** Wall time of one round trip, microseconds. */
  roundTripMicros: number;
}

export async function measureLoopback(): Promise<LoopbackCost> {
  const child = fork(__filename, ['child'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((done) => child.once('message', (p) => done(Number(p))));
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise((done) => socket.once('connect', done));
    const payload = Buffer.alloc(200, 1);
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let received = 0;
    await new Promise<void>((done) => {
      socket.on('data', (chunk) => {
        received += chunk.length;
        if (received >= PINGS * payload.length) done();
        else if (received % payload.length === 0) socket.write(payload);
      });
      socket.write(payload);
    });
    const used = process.cpuUsage(cpu);
    const wallMicros = Number(process.hrtime.bigint() - started) / 1000;
    socket.destroy();
    return {
      cpuMicros: Math.round(((used.user + used.system) / PINGS) * 10) / 10,
      roundTripMicros: Math.round((wallMicros / PINGS) * 10) / 10,
    };
  } finally {
    child.kill();
  }
}

if (require.main === module && process.argv[2] === 'child') {
  const server = createServer((s) => s.on('data', (d) => s.write(d)));
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
}
