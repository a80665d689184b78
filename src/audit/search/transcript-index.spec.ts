import { TranscriptIndex, TranscriptSummary } from './transcript-index';

const summary = (id: string, day: string, extra: Partial<TranscriptSummary> = {}) => ({
  _id: id,
  createdAt: new Date(`${day}T12:00:00Z`),
  language: 'zh',
  status: 'closed',
  channel: 'web',
  lines: [],
  ...extra,
});

const ids = (index: TranscriptIndex, query: Parameters<TranscriptIndex['match']>[0]) =>
  index.match(query).summaries.map((s) => s._id);

describe('TranscriptIndex', () => {
  let index: TranscriptIndex;

  beforeEach(() => {
    index = new TranscriptIndex();
    index.put(summary('a1', '2026-01-01'), ['停电', 'outcome:escalated']);
    index.put(summary('b2', '2026-01-02'), ['停电', '电费']);
    index.put(summary('c3', '2026-01-03'), ['电费']);
  });

  it('finds every term of a query, newest first', () => {
    expect(ids(index, { all: ['停电'], skip: 0, take: 10 })).toEqual(['b2', 'a1']);
    expect(ids(index, { all: ['停电', '电费'], skip: 0, take: 10 })).toEqual(['b2']);
    expect(ids(index, { all: ['unknown'], skip: 0, take: 10 })).toEqual([]);
  });

  it('lists every conversation for no terms, and leaves out the `none` terms', () => {
    expect(ids(index, { all: [], skip: 0, take: 10 })).toEqual(['c3', 'b2', 'a1']);
    expect(ids(index, { all: [], none: ['outcome:escalated'], skip: 0, take: 10 })).toEqual([
      'c3',
      'b2',
    ]);
  });

  it('keeps to the days asked for', () => {
    const q = { all: [], fromDay: '2026-01-02', toDay: '2026-01-02', skip: 0, take: 10 };
    expect(ids(index, q)).toEqual(['b2']);
  });

  it('pages with a total and hasMore', () => {
    const first = index.match({ all: [], skip: 0, take: 2 });
    expect(first.summaries.map((s) => s._id)).toEqual(['c3', 'b2']);
    expect(first).toMatchObject({ hasMore: true, matched: 3 });
    const second = index.match({ all: [], skip: 2, take: 2 });
    expect(second.summaries.map((s) => s._id)).toEqual(['a1']);
    expect(second.hasMore).toBe(false);
  });

  it('adds a term once and reports only the new ones', () => {
    expect(index.addTerms('c3', ['电费', '投诉'])).toEqual(['投诉']);
    expect(index.addTerms('c3', ['投诉'])).toEqual([]);
    expect(ids(index, { all: ['投诉'], skip: 0, take: 10 })).toEqual(['c3']);
    expect(index.addTerms('nobody', ['投诉'])).toEqual([]);
  });

  it('keeps postings sorted when an older conversation gains a term late', () => {
    index.addTerms('c3', ['late']);
    index.addTerms('a1', ['late']);
    expect(ids(index, { all: ['late', '电费'], skip: 0, take: 10 })).toEqual(['c3']);
    expect(ids(index, { all: ['late'], skip: 0, take: 10 })).toEqual(['c3', 'a1']);
  });

  it('replaces a summary without losing its terms, and removes a term', () => {
    index.put(summary('a1', '2026-01-01', { status: 'open', customerName: '王芳' }), [
      'customer:王芳',
    ]);
    expect(index.get('a1')).toMatchObject({ status: 'open', customerName: '王芳' });
    expect(ids(index, { all: ['停电', 'customer:王芳'], skip: 0, take: 10 })).toEqual(['a1']);
    index.removeTerm('a1', 'customer:王芳');
    expect(index.has('a1', 'customer:王芳')).toBe(false);
    expect(index.termsOf('a1').sort()).toEqual(['all:', 'outcome:escalated', '停电']);
    expect(ids(index, { all: ['customer:王芳'], skip: 0, take: 10 })).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('orders conversations of the same second by id', () => {
    index.put(summary('d4', '2026-01-03'), ['电费']);
    expect(ids(index, { all: ['电费'], skip: 0, take: 10 })).toEqual(['d4', 'c3', 'b2']);
  });

  it('sets a conversation’s terms to exactly a stored list', () => {
    index.setTerms('b2', ['电费', '投诉']);
    expect(index.termsOf('b2').sort()).toEqual(['all:', '投诉', '电费'].sort());
    expect(ids(index, { all: ['停电'], skip: 0, take: 10 })).toEqual(['a1']);
    expect(ids(index, { all: [], skip: 0, take: 10 })).toContain('b2');
  });
});
