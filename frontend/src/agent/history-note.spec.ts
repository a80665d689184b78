import { translator } from '../shared/translate';
import { historyNote } from './history-note';

const names: Record<string, string> = { a1: '李娜 Li Na' };
const nameOf = (id: string) => names[id];
const at = '2026-12-01T10:00:00.000Z';

describe('historyNote', () => {
  const zh = translator('zh');
  const en = translator('en');

  it('puts the server-written notes into words', () => {
    expect(
      historyNote({ at, status: 'queued', by: 'bot', note: 'person_must_decide' }, zh, nameOf),
    ).toBe('需人工决定');
    expect(
      historyNote(
        { at, status: 'queued', by: 'a1', note: 'transferred to skill billing' },
        zh,
        nameOf,
      ),
    ).toBe('转给 电费');
    expect(
      historyNote({ at, status: 'queued', by: 'a1', note: 'transferred to agent a1' }, en, nameOf),
    ).toBe('transferred to 李娜 Li Na');
    expect(
      historyNote(
        { at, status: 'queued', by: 'system', note: 'agent a1 disconnected' },
        en,
        nameOf,
      ),
    ).toBe('李娜 Li Na went offline');
    expect(
      historyNote({ at, status: 'queued', by: 'bot', note: 'reopened: complaint' }, en, nameOf),
    ).toBe('reopened: Complaint');
    expect(historyNote({ at, status: 'offered', by: 'system', note: 'a1' }, en, nameOf)).toBe(
      '李娜 Li Na',
    );
    expect(
      historyNote({ at, status: 'resolved', by: 'a1', note: 'information_given' }, en, nameOf),
    ).toBe('Information given');
  });

  it("shows an agent's own closing note as written", () => {
    expect(
      historyNote(
        { at, status: 'resolved', by: 'a1', note: 'Gave the outage estimate' },
        en,
        nameOf,
      ),
    ).toBe('Gave the outage estimate');
  });
});
