import { amountRuns, linkify, safeHttpUrl } from './linkify';

describe('linkify', () => {
  it('makes http(s) and www addresses links, without the sentence punctuation after them', () => {
    expect(linkify('See https://example.com/outages?area=dh. Or www.95598.cn，thanks')).toEqual([
      { kind: 'text', text: 'See ' },
      {
        kind: 'url',
        text: 'https://example.com/outages?area=dh',
        href: 'https://example.com/outages?area=dh',
      },
      { kind: 'text', text: '. Or ' },
      { kind: 'url', text: 'www.95598.cn', href: 'https://www.95598.cn' },
      { kind: 'text', text: '，thanks' },
    ]);
  });

  it('makes mobiles, landlines and +country numbers tel: links', () => {
    const links = linkify('请拨打 138 0013 8000、0571-87654321 或 +44 2071234567。').filter(
      (s) => s.kind !== 'text',
    );
    expect(links).toEqual([
      { kind: 'tel', text: '138 0013 8000', href: 'tel:13800138000' },
      { kind: 'tel', text: '0571-87654321', href: 'tel:057187654321' },
      { kind: 'tel', text: '+44 2071234567', href: 'tel:+442071234567' },
    ]);
  });

  it('makes the service and emergency lines links where the text says to call them', () => {
    const links = (text: string) =>
      linkify(text)
        .filter((s) => s.kind === 'tel')
        .map((s) => s.href);
    expect(links('请远离，并拨打 95598（或 119/110）。')).toEqual([
      'tel:95598',
      'tel:119',
      'tel:110',
    ]);
    expect(links('call 95598 (or 119/110) now; hotline 400-800-9559')).toEqual([
      'tel:95598',
      'tel:119',
      'tel:110',
      'tel:4008009559',
    ]);
    // Not after "call": a tier's kWh, a count.
    expect(links('Tier 1 up to 120 kWh, then 110 households or 95598 kWh')).toEqual([]);
  });

  it('leaves account numbers, masked numbers, amounts and dates as text', () => {
    for (const text of [
      '户号1000001014',
      'account 12******90',
      '¥1380013800.00',
      '2026-11-28 09:22',
      '应缴 213.45 元，用电 1380013800123 度',
    ]) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('keeps every character: the segments join to the input', () => {
    const text = 'a <b>https://x.cn/?q="1"</b> 13800138000!';
    expect(
      linkify(text)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });

  it('never links a javascript: or data: address', () => {
    expect(linkify('javascript:alert(1) data:text/html,<b>')).toHaveLength(1);
    expect(safeHttpUrl('javascript:alert(1)')).toBe(false);
    expect(safeHttpUrl('https://example.com')).toBe(true);
  });
});

describe('amountRuns', () => {
  it('marks prices and amounts with their units as unbreakable runs', () => {
    expect(amountRuns('第二档 0.5783 元/kWh，合计 ¥213.45')).toEqual([
      { text: '第二档 ', amount: false },
      { text: '0.5783 元/kWh', amount: true },
      { text: '，合计 ', amount: false },
      { text: '¥213.45', amount: true },
    ]);
  });

  it('leaves text without numbers as one run', () => {
    expect(amountRuns('Tiered tariff')).toEqual([{ text: 'Tiered tariff', amount: false }]);
  });
});
