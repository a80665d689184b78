import { countUnread, titleWithUnread } from './unread';

describe('unread replies', () => {
  it('counts agent, bot and system messages that arrive out of sight', () => {
    let n = 0;
    n = countUnread(n, { sender: 'agent' }, false, false);
    n = countUnread(n, { sender: 'bot' }, false, false);
    n = countUnread(n, { sender: 'system' }, false, false);
    expect(n).toBe(3);
  });

  it("never counts the customer's own messages, internal notes or a message shown already", () => {
    expect(countUnread(2, { sender: 'customer' }, false, false)).toBe(2);
    expect(countUnread(2, { sender: 'agent', internal: true }, false, false)).toBe(2);
    expect(countUnread(2, { sender: 'agent' }, false, true)).toBe(2);
  });

  it('is zero while the chat is seen', () => {
    expect(countUnread(4, { sender: 'agent' }, true, false)).toBe(0);
  });

  it("puts the count in front of the page's title, and gives it back at zero", () => {
    expect(titleWithUnread('Binjiang Power', 2, '(2) New reply')).toBe(
      '(2) New reply Binjiang Power',
    );
    expect(titleWithUnread('Binjiang Power', 0, '')).toBe('Binjiang Power');
  });
});
