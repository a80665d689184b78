import { Model } from 'mongoose';
import { RedisService } from '../common/redis.service';
import { SessionSocket, SessionSocketsService } from './session-sockets.service';
import { Session } from './staff.schema';

/** A staff socket as the service sees it: what it was told, whether it was closed. */
class FakeSocket implements SessionSocket {
  readonly told: unknown[] = [];
  closed = false;
  private onDisconnect?: () => void;
  constructor(readonly id: string) {}
  emit(_event: 'error:occurred', body: unknown) {
    this.told.push(body);
  }
  disconnect() {
    this.closed = true;
    this.onDisconnect?.();
  }
  once(_event: 'disconnect', listener: () => void) {
    this.onDisconnect = listener;
  }
}

// Only the expiry timer is under test here: neither Redis nor the store is touched by it
// (revocation over Redis and the sweep are in test/sessions.e2e-spec.ts).
describe(SessionSocketsService.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T08:00:00Z') }));
  afterEach(() => jest.useRealTimers());
  const service = () => new SessionSocketsService({} as RedisService, {} as Model<Session>);

  it('closes a socket when its session expires, telling it why, and not before', () => {
    const sockets = service();
    const socket = new FakeSocket('s1');
    sockets.track(socket, 'session-1', new Date(Date.now() + 60_000));
    jest.advanceTimersByTime(59_000);
    expect(socket.closed).toBe(false);
    jest.advanceTimersByTime(1_000);
    expect(socket.closed).toBe(true);
    expect(socket.told).toEqual([
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      }),
    ]);
  });

  it('forgets a socket that disconnected by itself: no late close', () => {
    const sockets = service();
    const socket = new FakeSocket('s2');
    sockets.track(socket, 'session-2', new Date(Date.now() + 60_000));
    socket.disconnect();
    socket.told.length = 0;
    jest.advanceTimersByTime(120_000);
    expect(socket.told).toEqual([]);
  });
});
