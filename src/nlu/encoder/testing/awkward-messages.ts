/** What customers really send now and then; each must get a sane answer, never an exception. */
export const AWKWARD_MESSAGES = [
  '',
  '   ',
  '😀😀🔌⚡️',
  '停电了'.repeat(3334), // 10,002 characters
  'my bill '.repeat(1250), // 10,000 characters
  '<script>alert(1)</script><b>why is my bill</b> so <i>high</i>?',
  'my 电费 is 太高了 this month, 为什么?? acct 8001234569',
  'Ｍｙ ｐｏｗｅｒ ｉｓ ｏｕｔ　停電了',
  '\u0000\u200b\ud800 broken surrogate',
];
