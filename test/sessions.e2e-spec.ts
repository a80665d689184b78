import request from 'supertest';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { SessionSocketsService } from '../src/auth/session-sockets.service';
import { connect, login, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Staff {
  id: string;
}

async function disconnected(client: RecordingClient, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (client.socket.connected) {
    if (Date.now() > deadline) throw new Error('socket still connected');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('sessions: logout, revoke, and sockets that end with their session', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  async function agentSocket(token: string): Promise<RecordingClient> {
    const client = await connect(t.url, '/agent', { token });
    clients.push(client);
    return client;
  }

  it('logout ends the session: its token is refused and its socket is closed, with a reason', async () => {
    const token = await login(t.url, 'agent.li');
    const socket = await agentSocket(token);
    expect((await socket.emit('ticket:list')).ok).toBe(true);
    await request(t.url).post('/auth/logout').set('authorization', `Bearer ${token}`).expect(204);
    await disconnected(socket);
    expect(socket.events<{ error: { code: string } }>('error:occurred')).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    ]);
    await request(t.url).post('/auth/logout').set('authorization', `Bearer ${token}`).expect(401);
    await expect(agentSocket(token)).rejects.toThrow(/Session expired or unknown/);
  });

  it("a supervisor's revoke ends every session of that agent, and nobody else's", async () => {
    const first = await login(t.url, 'agent.sam');
    const second = await login(t.url, 'agent.sam');
    const other = await login(t.url, 'agent.li');
    const sockets = [await agentSocket(first), await agentSocket(second)];
    const bystander = await agentSocket(other);
    const supervisor = await login(t.url, 'supervisor.zhou');
    const me = await request(t.url)
      .post('/auth/login')
      .send({ username: 'agent.sam', password: 'powerdesk-demo' })
      .expect(200);
    const staffId = (me.body as { staff: Staff }).staff.id;

    await request(t.url)
      .post('/auth/sessions/revoke')
      .set('authorization', `Bearer ${first}`)
      .send({ staffId })
      .expect(403);
    const res = await request(t.url)
      .post('/auth/sessions/revoke')
      .set('authorization', `Bearer ${supervisor}`)
      .send({ staffId })
      .expect(200);
    expect(res.body).toEqual({ revoked: 3 });
    for (const s of sockets) await disconnected(s);
    expect(bystander.socket.connected).toBe(true);
    expect((await bystander.emit('ticket:list')).ok).toBe(true);
    await request(t.url)
      .post('/auth/sessions/revoke')
      .set('authorization', `Bearer ${supervisor}`)
      .send({ staffId: '0123456789abcdef01234567' })
      .expect(404);
  });

  it('closes a socket whose session was removed behind its back (the sweep) or has expired', async () => {
    const token = await login(t.url, 'supervisor.qa');
    const socket = await connect(t.url, '/supervisor', { token });
    clients.push(socket);
    const sessions = t.app.get<Connection>(getConnectionToken()).collection('sessions');
    await sessions.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await t.app.get(SessionSocketsService).sweep()).toBeGreaterThanOrEqual(1);
    await disconnected(socket);
  });
});
