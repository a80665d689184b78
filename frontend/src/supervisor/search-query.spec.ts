import { highlight, searchMissing, searchParams, stars } from './search-query';

describe('searchParams', () => {
  it('leaves out empty fields, trims values and asks for one page', () => {
    const params = searchParams({ q: ' 停电 ', customer: '', district: 'QH-DH' }, 2);
    expect(params.toString()).toBe(
      new URLSearchParams({ q: '停电', district: 'QH-DH', page: '2', limit: '20' }).toString(),
    );
  });
});

describe('highlight', () => {
  it('marks every occurrence, case-insensitively, keeping the text around it', () => {
    expect(highlight('Outage? an OUTAGE.', 'outage')).toEqual([
      { text: 'Outage', match: true },
      { text: '? an ', match: false },
      { text: 'OUTAGE', match: true },
      { text: '.', match: false },
    ]);
    expect(highlight('家里停电了', '停电')).toEqual([
      { text: '家里', match: false },
      { text: '停电', match: true },
      { text: '了', match: false },
    ]);
  });

  it('marks nothing without a query', () => {
    expect(highlight('家里停电了', ' ')).toEqual([{ text: '家里停电了', match: false }]);
  });
});

describe('searchMissing and stars', () => {
  it('tells a server without the search endpoint from a failed search', () => {
    expect(searchMissing(404, '')).toBe(true);
    expect(searchMissing(400, 'conversationId must be a mongodb id')).toBe(true);
    expect(searchMissing(400, 'q is too long')).toBe(false);
    expect(searchMissing(500, '')).toBe(false);
  });

  it('draws a rating out of five', () => {
    expect(stars(4)).toBe('★★★★☆');
    expect(stars(0)).toBe('');
  });
});
