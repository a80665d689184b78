import type { CannedReply } from '../shared/protocol';
import { cannedMatches } from './canned-fill';

const greeting: CannedReply = {
  id: 'greeting',
  title: { zh: '问候', en: 'Greeting' },
  text: { zh: '您好，我是客服{agent}。', en: 'Hello, this is {agent}.' },
};

describe('cannedMatches', () => {
  it('finds a reply by its title or text in either language, ignoring case', () => {
    expect(cannedMatches(greeting, 'greet')).toBe(true);
    expect(cannedMatches(greeting, '问候')).toBe(true);
    expect(cannedMatches(greeting, 'HELLO')).toBe(true);
    expect(cannedMatches(greeting, '客服')).toBe(true);
  });

  it('matches everything while the search is empty, nothing unrelated', () => {
    expect(cannedMatches(greeting, '  ')).toBe(true);
    expect(cannedMatches(greeting, 'outage')).toBe(false);
  });
});
