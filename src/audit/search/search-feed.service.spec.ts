import { parseNotice } from './search-feed.service';

describe('search change notices', () => {
  it('reads the sender and the ids', () => {
    expect(parseNotice(JSON.stringify({ from: 'i1', ids: ['a', 'b'] }))).toEqual({
      from: 'i1',
      ids: ['a', 'b'],
    });
  });

  it('drops what is malformed instead of throwing', () => {
    expect(parseNotice('not json')).toBeNull();
    expect(parseNotice('null')).toBeNull();
    expect(parseNotice(JSON.stringify({ ids: ['a'] }))).toBeNull();
    expect(parseNotice(JSON.stringify({ from: 'i1', ids: 'a' }))).toBeNull();
    expect(parseNotice(JSON.stringify({ from: 'i1', ids: ['a', 7, '', 'x'.repeat(65)] }))).toEqual({
      from: 'i1',
      ids: ['a'],
    });
  });
});
