import { facet } from './search-terms';
import { deltaOps, forgetOps, LINES_KEPT, lineOf, mergeLines, toSummary } from './summary-document';

const now = new Date('2026-12-01T10:00:00Z');
type UpdateOne = {
  updateOne: { filter: unknown; update: Record<string, unknown>; upsert?: boolean };
};

describe('summary documents', () => {
  it('adds terms and lines with atomic operators only, then sorts and trims the lines', () => {
    const line = lineOf({ seq: 2, sender: 'customer', text: 'x'.repeat(500) });
    expect(line.text).toHaveLength(400);
    const [add, trim] = deltaOps(
      'c1',
      { terms: ['a', 'a', 'b'], lines: [line] },
      now,
    ) as UpdateOne[];
    expect(add.updateOne).toEqual({
      filter: { _id: 'c1' },
      upsert: false,
      update: {
        $max: { indexedAt: now },
        $inc: { rev: 1 },
        $addToSet: { terms: { $each: ['a', 'b'] }, lines: { $each: [line] } },
      },
    });
    expect(trim.updateOne.update).toEqual({
      $push: { lines: { $each: [], $sort: { seq: 1 }, $slice: LINES_KEPT } },
    });
  });

  it('creates a summary with its fields and an empty terms array', () => {
    const fields = { status: 'bot', channel: 'web' };
    const ops = deltaOps('c1', { fields }, now, true) as UpdateOne[];
    expect(ops).toHaveLength(1);
    expect(ops[0].updateOne.upsert).toBe(true);
    expect(ops[0].updateOne.update).toMatchObject({ $set: fields, $setOnInsert: { terms: [] } });
  });

  it('forgets account and name facets but not the conversation’s own id', () => {
    const [op] = forgetOps('65f0c1', now) as UpdateOne[];
    const update = op.updateOne.update as { $pull: { terms: { $regex: string } }; $unset: object };
    expect(update.$unset).toEqual({ customerName: '' });
    const pattern = new RegExp(update.$pull.terms.$regex);
    const terms = [
      facet.customer('65f0c1'),
      facet.customer('王芳'),
      facet.account('ab12'),
      '停电',
      facet.agent('a1'),
    ];
    expect(terms.filter((t) => pattern.test(t))).toEqual([
      facet.customer('王芳'),
      facet.account('ab12'),
    ]);
  });

  it('reads a stored summary with its lines one per seq, sorted, the first LINES_KEPT', () => {
    const lines = Array.from({ length: LINES_KEPT + 5 }, (_, i) => ({
      seq: 100 - i,
      sender: 'customer',
      text: '',
    }));
    const summary = toSummary({
      _id: 'c1',
      createdAt: now,
      language: 'en',
      status: 'closed',
      channel: 'web',
      lines: [...lines, lines[0]],
      terms: [],
      indexedAt: now,
      rev: 3,
    });
    expect(summary.lines).toHaveLength(LINES_KEPT);
    expect(summary.lines[0].seq).toBe(56);
    expect(mergeLines([], [])).toEqual([]);
  });
});
