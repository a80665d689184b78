import { about } from './log-fields';
import { idsInPath, logOptions, maskLogArguments } from './log-options';

const MOBILE = '13812345678';

describe('log options', () => {
  it('names the conversation or ticket a path is about', () => {
    const id = '65a1b2c3d4e5f60718293a4b';
    expect(idsInPath(`/transcripts/${id}?x=1`)).toEqual({ conversationId: id });
    expect(idsInPath(`/tickets/${id}`)).toEqual({ ticketId: id });
    expect(idsInPath('/transcripts/search?q=1')).toEqual({});
  });

  it('masks personal numbers in message strings and merging objects, not in errors', () => {
    const error = new Error(`boom ${MOBILE}`);
    const [obj, msg, err] = maskLogArguments([
      { context: 'X', nested: { phone: MOBILE } },
      `call ${MOBILE}`,
      error,
    ]) as [Record<string, { phone: string }>, string, Error];
    expect(JSON.stringify(obj)).not.toContain(MOBILE);
    expect(msg).not.toContain(MOBILE);
    expect(err).toBe(error);
  });

  it('masks what the error serializer writes', () => {
    const serializers = logOptions('log').serializers as Record<string, (e: unknown) => unknown>;
    expect(JSON.stringify(serializers.err(new Error(`dup key ${MOBILE}`)))).not.toContain(MOBILE);
  });

  it('maps Nest levels to pino levels', () => {
    expect(logOptions('log').level).toBe('info');
    expect(logOptions('verbose').level).toBe('trace');
  });

  it('builds a line about a conversation with its text masked', () => {
    expect(about({ conversationId: 'c1' }, `phone ${MOBILE}`)).toEqual({
      conversationId: 'c1',
      msg: expect.not.stringContaining(MOBILE) as string,
    });
  });
});
