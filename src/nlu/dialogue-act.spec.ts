import { detectAct, distance } from './dialogue-act';

describe('detectAct', () => {
  it.each([
    ['yes', 'affirm'],
    ['yse', 'affirm'],
    ['yesss please', 'affirm'],
    ['ok go ahead', 'affirm'],
    ['ok fine do it', 'affirm'],
    ['sure, submit it', 'affirm'],
    ['👍', 'affirm'],
    ['好的，可以，提交吧', 'affirm'],
    ['确认', 'affirm'],
    ['嗯嗯 对的', 'affirm'],
    ['no', 'deny'],
    ['nope', 'deny'],
    ['不用', 'deny'],
    ['不是', 'deny'],
    ['never mind', 'cancel'],
    ['actually no, never mind', 'cancel'],
    ['cancle', 'cancel'],
    ['whatever, forget it', 'cancel'],
    ['算了', 'cancel'],
    ['不办了', 'cancel'],
    ['say that again?', 'repeat'],
    ['再说一遍', 'repeat'],
    ['I already told you!', 'already_told'],
    ['我刚才不是说过了吗', 'already_told'],
    ["that's not what I asked", 'reject_answer'],
    ['我问的不是这个', 'reject_answer'],
    ['no, I meant the other account', 'correct'],
    ['不是，我是说另一个', 'correct'],
  ])('reads "%s" as %s', (text, act) => {
    expect(detectAct(text)?.act).toBe(act);
  });

  it.each([
    'my power is out',
    'how much do I owe',
    '我家停电了',
    'no power since this morning',
    '不知道户号',
    'thank you',
    'okay so what is the tariff for peak hours',
  ])('finds no act in a request: "%s"', (text) => {
    expect(detectAct(text)).toBeUndefined();
  });

  it('keeps the request after a leading never mind', () => {
    expect(detectAct('forget that, just change my phone number')).toEqual({
      act: 'cancel',
      rest: 'just change my phone number',
    });
    expect(detectAct('算了，西山区有没有计划停电')).toEqual({
      act: 'cancel',
      rest: '西山区有没有计划停电',
    });
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(distance('yes', 'yse')).toBe(1);
    expect(distance('cancel', 'cancle')).toBe(1);
    expect(distance('okay', 'okey')).toBe(1);
    expect(distance('no', 'yes')).toBe(3);
  });
});
