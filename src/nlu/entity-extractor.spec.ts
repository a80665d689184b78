import { EntityExtractor } from './entity-extractor';
import { Entity } from './nlu.types';

// A Wednesday, so week arithmetic is visible.
const REFERENCE = new Date('2026-03-18T10:00:00Z');

function extract(text: string): Pick<Entity, 'type' | 'value' | 'text' | 'unit'>[] {
  return new EntityExtractor()
    .extract(text, REFERENCE)
    .map(({ type, value, text: t, unit }) =>
      unit ? { type, value, text: t, unit } : { type, value, text: t },
    );
}

describe(EntityExtractor.name, () => {
  describe('account numbers', () => {
    it('accepts a Luhn-valid 10-digit number in Chinese text', () => {
      expect(extract('我的户号是8001234569')).toEqual([
        { type: 'account_number', value: '8001234569', text: '8001234569' },
      ]);
    });

    it('accepts grouped digits in English text', () => {
      expect(extract('account 8001 234 569 please')).toEqual([
        { type: 'account_number', value: '8001234569', text: '8001 234 569' },
      ]);
    });

    it('rejects a number whose check digit is wrong', () => {
      expect(extract('account 8001234567')).toEqual([]);
      expect(extract('户号8001234568')).toEqual([]);
    });

    it('reads full-width digits and maps offsets back to the original text', () => {
      const [entity] = new EntityExtractor().extract('户号：８００１２３４５６９', REFERENCE);
      expect(entity).toEqual({
        type: 'account_number',
        value: '8001234569',
        text: '８００１２３４５６９',
        start: 3,
        end: 13,
      });
    });
  });

  describe('phone numbers', () => {
    it('finds a Chinese mobile in Chinese text', () => {
      expect(extract('手机号改成139-1234-5678')).toEqual([
        { type: 'phone', value: '13912345678', text: '139-1234-5678' },
      ]);
    });

    it('stores +86 mobiles in national form and others in E.164', () => {
      expect(extract('call +86 139 1234 5678 or +44 7700 900123')).toEqual([
        { type: 'phone', value: '13912345678', text: '+86 139 1234 5678' },
        { type: 'phone', value: '+447700900123', text: '+44 7700 900123' },
      ]);
    });

    it('does not read a landline-length or 12-digit number as a mobile', () => {
      expect(extract('139123456789')).toEqual([]);
    });
  });

  describe('money', () => {
    it('reads yuan amounts written with ￥, 元, 块钱 and Chinese numerals', () => {
      expect(extract('交了￥２５６.５０，又交了200块钱和两百元')).toEqual([
        { type: 'money', value: '256.50', text: '￥２５６.５０', unit: 'CNY' },
        { type: 'money', value: '200.00', text: '200块钱', unit: 'CNY' },
        { type: 'money', value: '200.00', text: '两百元', unit: 'CNY' },
      ]);
    });

    it('reads English amounts in dollars, yuan and RMB', () => {
      expect(extract('i paid $45.20, 1,200 yuan and RMB 80')).toEqual([
        { type: 'money', value: '45.20', text: '$45.20', unit: 'USD' },
        { type: 'money', value: '1200.00', text: '1,200 yuan', unit: 'CNY' },
        { type: 'money', value: '80.00', text: 'RMB 80', unit: 'CNY' },
      ]);
    });

    it('does not read 块 as money when it counts things', () => {
      expect(extract('两块电池没电了')).toEqual([]);
    });
  });

  describe('kWh', () => {
    it('reads 度, 度电 and 千瓦时 but not temperatures', () => {
      expect(extract('空调开到26度，这个月用了一百二十度电，上月300千瓦时')).toEqual([
        { type: 'date', value: '2026-03', text: '这个月' },
        { type: 'kwh', value: '120', text: '一百二十度电', unit: 'kWh' },
        { type: 'date', value: '2026-02', text: '上月' },
        { type: 'kwh', value: '300', text: '300千瓦时', unit: 'kWh' },
      ]);
    });

    it('reads kWh in English, including the ㎾h ligature', () => {
      expect(extract('charged for 350 kWh, i used 12.5 kilowatt hours')).toEqual([
        { type: 'kwh', value: '350', text: '350 kWh', unit: 'kWh' },
        { type: 'kwh', value: '12.5', text: '12.5 kilowatt hours', unit: 'kWh' },
      ]);
    });
  });

  describe('dates', () => {
    it('resolves Chinese absolute and relative dates against the reference date', () => {
      expect(extract('昨天停电，3月5号也停过，上个月和下周呢，２０２６年１月２日')).toEqual([
        { type: 'date', value: '2026-03-17', text: '昨天' },
        { type: 'date', value: '2026-03-05', text: '3月5号' },
        { type: 'date', value: '2026-02', text: '上个月' },
        { type: 'date', value: '2026-03-23', text: '下周' },
        { type: 'date', value: '2026-01-02', text: '２０２６年１月２日' },
      ]);
    });

    it('resolves English absolute and relative dates', () => {
      expect(
        extract(
          'on 2026-03-05, March 5th, 5 march 2025, yesterday, the day before yesterday and last month',
        ),
      ).toEqual([
        { type: 'date', value: '2026-03-05', text: '2026-03-05' },
        { type: 'date', value: '2026-03-05', text: 'March 5th' },
        { type: 'date', value: '2025-03-05', text: '5 march 2025' },
        { type: 'date', value: '2026-03-17', text: 'yesterday' },
        { type: 'date', value: '2026-03-16', text: 'the day before yesterday' },
        { type: 'date', value: '2026-02', text: 'last month' },
      ]);
    });

    it('rejects impossible calendar dates', () => {
      expect(extract('2月30号 and 2026-13-01')).toEqual([]);
    });

    it('handles Chinese numeral dates and "N days ago"', () => {
      expect(extract('三月五日，三天前')).toEqual([
        { type: 'date', value: '2026-03-05', text: '三月五日' },
        { type: 'date', value: '2026-03-15', text: '三天前' },
      ]);
      expect(extract('it went out 3 days ago')).toEqual([
        { type: 'date', value: '2026-03-15', text: '3 days ago' },
      ]);
    });
  });

  describe('districts', () => {
    it('finds districts by Chinese name and short form', () => {
      expect(extract('东湖区和高新都停电了')).toEqual([
        { type: 'district', value: 'QH-DH', text: '东湖区' },
        { type: 'district', value: 'QH-GX', text: '高新' },
      ]);
    });

    it('finds districts by English name, case-insensitively, on word boundaries', () => {
      expect(extract('outage in XISHAN district and Linjiang')).toEqual([
        { type: 'district', value: 'QH-XS', text: 'XISHAN district' },
        { type: 'district', value: 'QH-LJ', text: 'Linjiang' },
      ]);
      expect(extract('xishanese food')).toEqual([]);
    });

    it('finds pinyin typed syllable by syllable', () => {
      expect(extract('power out in xi shan')).toEqual([
        { type: 'district', value: 'QH-XS', text: 'xi shan' },
      ]);
      expect(extract('any outage in Gao Xin?')).toEqual([
        { type: 'district', value: 'QH-GX', text: 'Gao Xin' },
      ]);
    });
  });

  it('returns nothing, without throwing, for empty, emoji and very long input', () => {
    const extractor = new EntityExtractor();
    expect(extractor.extract('', REFERENCE)).toEqual([]);
    expect(extractor.extract('😀🔥⚡', REFERENCE)).toEqual([]);
    expect(extractor.extract('9'.repeat(10_000), REFERENCE)).toEqual([]);
  });

  it('finds the same districts alone as in a full reading', () => {
    const extractor = new EntityExtractor();
    const texts = [
      '东湖区停电了，户号1000001014，昨天下午3点开始',
      'power out in Xishan District since 2026-11-30, paid ¥120 for 300 kWh',
      '我在西山 还是东湖？电话13812345678',
      'no district here at all',
    ];
    for (const text of texts) {
      const full = extractor.extract(text, REFERENCE).filter((e) => e.type === 'district');
      expect(extractor.districts(text)).toEqual(full);
    }
    expect(extractor.districts(texts[0]).length).toBeGreaterThan(0);
  });
});
