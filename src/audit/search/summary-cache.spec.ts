import { SummaryCache } from './summary-cache';
import { changingFieldsOf, StoredSummary } from './summary-document';

const created = new Date('2026-11-30T08:00:00Z');
const fields = { createdAt: created, language: 'zh', status: 'bot', channel: 'web' };

const stored = (over: Partial<StoredSummary> = {}): StoredSummary => ({
  _id: 'c1',
  ...fields,
  lines: [],
  terms: ['customer:c1'],
  indexedAt: created,
  rev: 1,
  ...over,
});

/** A read of the store that brings `docs`; `meanwhile` runs while it is under way. */
function read(cache: SummaryCache, docs: StoredSummary[], meanwhile: () => void = () => {}) {
  cache.beginRead();
  meanwhile();
  docs.forEach((doc) => cache.applySnapshot(doc));
  cache.endRead();
}

const found = (cache: SummaryCache, term: string) =>
  cache.match({ all: [term], skip: 0, take: 10 }).summaries.map((s) => s._id);

describe(SummaryCache.name, () => {
  it('shows an own write at once, creating the conversation only from a full set of fields', () => {
    const cache = new SummaryCache();
    cache.applyOwn('c1', { terms: ['停电'] });
    expect(cache.get('c1')).toBeUndefined();
    cache.applyOwn('c2', {
      fields,
      terms: ['电费'],
      lines: [{ seq: 2, sender: 'customer', text: '电费' }],
    });
    expect(found(cache, '电费')).toEqual(['c2']);
    expect(cache.get('c2')?.lines).toHaveLength(1);
  });

  it('replaces its copy with the stored one, terms and all', () => {
    const cache = new SummaryCache();
    read(cache, [stored({ terms: ['a', 'b'] })]);
    read(cache, [stored({ terms: ['b', 'c'], status: 'closed', rev: 2 })]);
    expect(cache.termsOf('c1').sort()).toEqual(['b', 'c']);
    expect(cache.get('c1')?.status).toBe('closed');
    expect(cache.isCurrent('c1', 2)).toBe(true);
    expect(cache.isCurrent('c1', 3)).toBe(false);
  });

  it('puts back an own write that a copy read while it was acknowledged does not have', () => {
    const cache = new SummaryCache();
    read(cache, [stored()]);
    // Our write is acknowledged while the read is on its way; the copy predates it.
    read(cache, [stored({ terms: ['customer:c1', 'theirs'], rev: 2 })], () =>
      cache.applyOwn('c1', { terms: ['ours'], lines: [{ seq: 3, sender: 'agent', text: 'hi' }] }),
    );
    expect(cache.termsOf('c1').sort()).toEqual(['customer:c1', 'ours', 'theirs']);
    expect(cache.get('c1')?.lines.map((l) => l.seq)).toEqual([3]);
  });

  it('keeps own writes only while a read is under way', () => {
    const cache = new SummaryCache();
    read(cache, [stored()]);
    cache.applyOwn('c1', { terms: ['ours'] });
    expect(cache.ownChangesKept).toBe(0);
    cache.beginRead();
    cache.applyOwn('c1', { terms: ['again'] });
    expect(cache.ownChangesKept).toBe(1);
    expect(() => cache.beginRead()).toThrow();
    cache.endRead();
    expect(cache.ownChangesKept).toBe(0);
    // A read begun after our writes: the store's copy is the truth.
    read(cache, [stored({ terms: ['customer:c1'], rev: 3 })]);
    expect(found(cache, 'ours')).toEqual([]);
  });

  it('keeps retention’s forgetting over a copy read while it happened', () => {
    const cache = new SummaryCache();
    const personal = stored({
      customerName: '王芳',
      terms: ['customer:c1', 'customer:王芳', 'account:ab', '停电'],
    });
    read(cache, [personal]);
    read(cache, [{ ...personal, rev: 2 }], () => {
      cache.applyOwn('c1', 'forget');
      expect(cache.get('c1')?.customerName).toBeUndefined();
    });
    expect(cache.get('c1')?.customerName).toBeUndefined();
    expect(cache.termsOf('c1').sort()).toEqual(['customer:c1', '停电']);
  });

  it('keeps lines one per seq, in order', () => {
    const cache = new SummaryCache();
    const line = (seq: number) => ({ seq, sender: 'customer', text: `t${seq}` });
    read(cache, [stored({ lines: [line(4), line(2), line(2)] })]);
    cache.applyOwn('c1', { lines: [line(3), line(4)] });
    expect(cache.get('c1')?.lines.map((l) => l.seq)).toEqual([2, 3, 4]);
  });

  it('takes a status change for a conversation it has, and creates none from one', () => {
    const cache = new SummaryCache();
    const view = {
      id: 'c9',
      status: 'closed' as const,
      language: 'en' as const,
      channel: 'web',
      createdAt: created.toISOString(),
    };
    cache.applyOwn('c9', { fields: changingFieldsOf(view) });
    expect(cache.get('c9')).toBeUndefined();
    read(cache, [stored({ _id: 'c9', status: 'bot' })]);
    cache.applyOwn('c9', { fields: changingFieldsOf(view) });
    expect(cache.get('c9')).toMatchObject({ status: 'closed', createdAt: created });
  });
});
