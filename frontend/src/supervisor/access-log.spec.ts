import { accessTarget, accessTargets, mergeEntries, scopeLine } from './access-log';
import type { AccessEntry, Transcript } from './supervisor-protocol';

const id = '65a1b2c3d4e5f60718293a4b';

const entry = (at: string, target = `conversation:${id}`): AccessEntry => ({
  staffId: 's1',
  username: 'supervisor.zhou',
  action: 'transcript.read',
  target,
  at,
});

describe('accessTarget', () => {
  it('reads a bare conversation id as its transcript target, and leaves the rest alone', () => {
    expect(accessTarget(` ${id.toUpperCase()} `)).toBe(`conversation:${id}`);
    expect(accessTarget('ticket:abc')).toBe('ticket:abc');
    expect(accessTarget('')).toBe('');
  });
});

describe('accessTargets', () => {
  const shown = {
    conversation: { id },
    messages: [
      { id: 'm1', text: '我的手机号是138****5678' },
      { id: 'm2', text: '您好' },
    ],
    tickets: [],
  } as unknown as Transcript;

  it('asks for the masked messages of the transcript on screen too', () => {
    expect(accessTargets(`conversation:${id}`, shown)).toEqual({
      conversationId: id,
      targets: [`conversation:${id}`, 'message:m1'],
      messageCount: 1,
    });
  });

  it('asks for the target alone for another conversation or any other target', () => {
    const other = '75a1b2c3d4e5f60718293a4b';
    expect(accessTargets(`conversation:${other}`, shown)).toEqual({
      conversationId: other,
      targets: [`conversation:${other}`],
      messageCount: null,
    });
    expect(accessTargets('', shown).targets).toEqual(['']);
  });
});

describe('mergeEntries', () => {
  it('merges the answers newest first and keeps at most 100', () => {
    const merged = mergeEntries([
      [entry('2026-12-01T10:00:02Z'), entry('2026-12-01T10:00:00Z')],
      [entry('2026-12-01T10:00:01Z', 'message:m1')],
    ]);
    expect(merged.map((e) => e.at)).toEqual([
      '2026-12-01T10:00:02Z',
      '2026-12-01T10:00:01Z',
      '2026-12-01T10:00:00Z',
    ]);
    const many = Array.from({ length: 150 }, (_, i) => entry(new Date(i * 1000).toISOString()));
    expect(mergeEntries([many])).toHaveLength(100);
  });
});

describe('scopeLine', () => {
  it('says what the list covers', () => {
    expect(scopeLine('', null, null).key).toBe('supAccessScopeAll');
    expect(scopeLine('ticket:x', null, null)).toEqual({
      key: 'supAccessScopeTarget',
      values: { target: 'ticket:x' },
    });
    expect(scopeLine(`conversation:${id}`, id, null).key).toBe('supAccessScopeConversationOnly');
    expect(scopeLine(`conversation:${id}`, id, 2)).toEqual({
      key: 'supAccessScopeConversation',
      values: { id, n: 2 },
    });
  });
});
