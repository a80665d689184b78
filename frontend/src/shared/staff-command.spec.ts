import { COMMAND_TIMEOUT_MS, CommandSocket, sendCommand } from './staff-command';

/** A socket that answers (or fails) as told, and records what was emitted with which limit. */
function socketThat(answer: () => Promise<unknown>) {
  const sent: { event: string; payload: unknown; ms: number }[] = [];
  const socket: CommandSocket = {
    timeout: (ms) => ({
      emitWithAck: (event, payload) => {
        sent.push({ event, payload, ms });
        return answer();
      },
    }),
  };
  return { socket, sent };
}

const policy = () => {
  const said: string[] = [];
  return {
    said,
    policy: {
      refused: (error: { code: string; message: string }) => said.push(`refused ${error.code}`),
      unanswered: () => said.push('unanswered'),
    },
  };
};

describe(sendCommand.name, () => {
  it('sends the event and its payload with the 8 s limit and hands back the ok ack', async () => {
    const { socket, sent } = socketThat(async () => ({ ok: true, presence: 'away' }));
    const { said, policy: p } = policy();
    const ack = await sendCommand(socket, 'presence:set', { presence: 'away' }, p);
    expect(ack).toEqual({ ok: true, presence: 'away' });
    expect(sent).toEqual([
      { event: 'presence:set', payload: { presence: 'away' }, ms: COMMAND_TIMEOUT_MS },
    ]);
    expect(COMMAND_TIMEOUT_MS).toBe(8000);
    expect(said).toEqual([]);
  });

  it("turns no answer in time (socket.io's timeout error) into a TIMEOUT ack, and says so once", async () => {
    const { socket } = socketThat(() => Promise.reject(new Error('operation has timed out')));
    const { said, policy: p } = policy();
    const ack = await sendCommand(socket, 'ticket:list', {}, p);
    expect(ack).toEqual({ ok: false, error: { code: 'TIMEOUT', message: 'no answer' } });
    expect(said).toEqual(['unanswered']);
  });

  it("hands back the server's refusal as it came and tells the policy", async () => {
    const refusal = { ok: false, error: { code: 'CONFLICT', message: 'taken by another agent' } };
    const { socket } = socketThat(async () => refusal);
    const { said, policy: p } = policy();
    expect(await sendCommand(socket, 'ticket:accept', { ticketId: 't1' }, p)).toEqual(refusal);
    expect(said).toEqual(['refused CONFLICT']);
  });

  it('answers UNAVAILABLE without a socket (logged out) and says nothing', async () => {
    const { said, policy: p } = policy();
    expect(await sendCommand(null, 'ticket:list', {}, p)).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'offline' },
    });
    expect(said).toEqual([]);
  });

  it('leaves failures to the caller when the page has no policy (the supervisor desk)', async () => {
    const { socket } = socketThat(() => Promise.reject(new Error('timeout')));
    await expect(sendCommand(socket, 'monitor:snapshot', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT' },
    });
  });
});
