import { afterCourtesy } from './courtesy-lead';

describe(afterCourtesy.name, () => {
  it.each([
    ['在吗在吗 电费单不对啊', '电费单不对啊'],
    ['hello?? anyone there? my bill is wrong,', 'my bill is wrong,'],
    ['你好你好，请问一下 我们小区停电了', '请问一下 我们小区停电了'],
    ['Good morning, my lights are off', 'my lights are off'],
    ['thanks! and last month?', 'and last month?'],
  ])('reads the request in "%s"', (text, rest) => {
    expect(afterCourtesy(text)).toBe(rest);
  });

  it.each(['hello', '在吗？', 'thanks!!', 'history of my bills', 'his account', 'my power is out'])(
    'finds nothing after the courtesy in "%s"',
    (text) => expect(afterCourtesy(text)).toBeUndefined(),
  );
});
