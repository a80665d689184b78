import { translator } from '../shared/translate';
import { answeredNote } from './answered-note';

describe('answeredNote', () => {
  const zh = translator('zh');
  const en = translator('en');

  it("puts the bot's case-card lines into the agent's words", () => {
    expect(answeredNote('verified 10******51 by phone', zh)).toBe('已通过电话核验户号 10******51');
    expect(answeredNote('explained bill 10******51 2026-10: 356.51 yuan', en)).toBe(
      'Explained the 2026-10 bill of 10******51: ¥356.51',
    );
    expect(answeredNote('no bill 10******51 latest', zh)).toBe(
      '户号 10******51 没有 最近一个月 的账单',
    );
    expect(answeredNote('planned outages GX: none', en)).toBe('Planned outages in GX: —');
    expect(answeredNote('verification failed for 10******51 (2)', zh)).toBe(
      '户号 10******51 核验失败（第 2 次）',
    );
  });

  it('leaves a line it does not know to the caller', () => {
    expect(answeredNote('subscribed to INC-1 in chat', zh)).toBeNull();
  });
});
