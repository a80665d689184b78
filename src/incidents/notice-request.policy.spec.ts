import { readNoticeRequest } from './notice-request.policy';

const fresh = { inOutage: false };
const inOutage = { inOutage: true };

describe('reading notice requests', () => {
  it.each([
    ['来电了通知我', fresh],
    ['停电了，恢复供电了发短信告诉我 13800001234', fresh],
    ['tell me when the power is back pls', fresh],
    ['can u let me know when its back on', inOutage],
    ['有电了提醒我一下', fresh],
  ])('reads %s as a subscription', (text, context) => {
    expect(readNoticeRequest(text, context)).toBe('subscribe');
  });

  it.each([
    ['不用通知了，谢谢', fresh],
    ['stop the updates please', inOutage],
    ['TD', inOutage],
    ['取消短信提醒', fresh],
  ])('reads %s as an opt-out', (text, context) => {
    expect(readNoticeRequest(text, context)).toBe('opt_out');
  });

  it('reads a wish to hear of planned outages the day before', () => {
    expect(readNoticeRequest('计划停电提前通知我，我在西山区', fresh)).toBe('subscribe_planned');
    expect(readNoticeRequest('pls remind me before planned outages in Xishan', fresh)).toBe(
      'subscribe_planned',
    );
    expect(readNoticeRequest('有没有计划停电', fresh)).toBeUndefined();
  });

  it('reads a callback only in an outage chat', () => {
    expect(readNoticeRequest('回电 13800001234', inOutage)).toBe('callback');
    expect(readNoticeRequest('call me back on 13800001234', fresh)).toBeUndefined();
  });

  it('leaves other requests to the dialogue', () => {
    expect(readNoticeRequest('告诉我电费多少', fresh)).toBeUndefined();
    expect(readNoticeRequest('let me know when my bill is due', fresh)).toBeUndefined();
    expect(readNoticeRequest('我家停电了', fresh)).toBeUndefined();
  });
});
