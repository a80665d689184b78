import { recountedCallbacks } from './callback-recount.policy';

describe('recountedCallbacks', () => {
  const quietSince = new Date('2026-12-01T12:00:00Z');
  const before = new Date('2026-12-01T11:59:00Z');
  const after = new Date('2026-12-01T12:00:10Z');

  it('leaves a counter that matches the callbacks', () => {
    expect(recountedCallbacks(2, { open: 2, lastChangeAt: before }, quietSince)).toBeUndefined();
    expect(recountedCallbacks(0, undefined, quietSince)).toBeUndefined();
  });

  it('corrects a counter that is wrong while the callbacks are quiet', () => {
    expect(recountedCallbacks(5, { open: 2, lastChangeAt: before }, quietSince)).toBe(2);
    expect(recountedCallbacks(-1, { open: 0, lastChangeAt: before }, quietSince)).toBe(0);
  });

  it('corrects to zero an incident with no open callbacks at all', () => {
    expect(recountedCallbacks(3, undefined, quietSince)).toBe(0);
  });

  it('sets a counter the incident never had', () => {
    expect(recountedCallbacks(undefined, { open: 1, lastChangeAt: before }, quietSince)).toBe(1);
    expect(recountedCallbacks(undefined, undefined, quietSince)).toBe(0);
  });

  it('leaves an incident whose callbacks changed since the quiet mark (its $inc may be on the way)', () => {
    expect(recountedCallbacks(1, { open: 2, lastChangeAt: after }, quietSince)).toBeUndefined();
    expect(
      recountedCallbacks(1, { open: 2, lastChangeAt: quietSince }, quietSince),
    ).toBeUndefined();
  });
});
