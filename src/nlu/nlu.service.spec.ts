import { performance } from 'node:perf_hooks';
import { NluService, detectLanguage } from './nlu.service';
import { INTENT_NAMES } from './intent-catalogue';
import { OUT_OF_SCOPE } from './nlu.types';

describe(NluService.name, () => {
  let service: NluService;

  beforeAll(() => {
    service = new NluService();
  });

  it('loads the built-in model in well under 2 s', () => {
    const started = performance.now();
    new NluService();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('knows exactly the catalogue intents plus oos', () => {
    const labels = [
      ...(service as unknown as { classifier: { labels: string[] } }).classifier.labels,
    ];
    expect(labels.sort()).toEqual([...INTENT_NAMES, OUT_OF_SCOPE].sort());
  });

  describe('classification', () => {
    it.each([
      ['停电了', 'outage.report'],
      ['我家突然没电了', 'outage.report'],
      ['什么时候来电', 'outage.status'],
      ['电线冒火花', 'safety.hazard'],
      ['我家停电了，门口电线还在冒火花', 'safety.hazard'],
      ['我欠了多少电费', 'billing.balance'],
      ['转人工', 'agent.request'],
      ['谢谢', 'thanks'],
      ['I want to talk to a person', 'agent.request'],
      ['my power is out', 'outage.report'],
      ['there is a wire down and sparking on my street', 'safety.hazard'],
      ['how much do I owe', 'billing.balance'],
      ['why is my bill so high', 'billing.explain'],
      ['hello', 'greeting'],
      ['我家power out了', 'outage.report'],
    ])('%s → %s', (text, intent) => {
      const result = service.predict(text);
      expect(result.intent).toBe(intent);
      expect(result.oos).toBe(false);
      expect(result.top[0].intent).toBe(intent);
    });

    it.each([
      ['the power is out and the transformer is smoking', 'safety.hazard'],
      ['电费涨了三倍，肯定是电表坏了', 'meter.fault'],
      ['the reading on my bill is estimated', 'meter.reading'],
      ['检修停电几点结束', 'outage.planned'],
      ['still no power after 4 hours, when will it be back', 'outage.status'],
      ['能不能分期交电费', 'billing.arrangement'],
      ['我买了二手房，要改户名', 'account.transfer'],
      ['新房没电表', 'account.start_service'],
      ['how do i install an ev charger', 'solar.connect'],
    ])('applies the catalogue rule for a confusable case: %s → %s', (text, intent) => {
      expect(service.predict(text).intent).toBe(intent);
    });

    it.each([
      'my water bill is too high',
      '手机没电了',
      'where can I buy a power bank',
      '明天天气怎么样',
    ])('treats the look-alike %s as out of scope', (text) => {
      const result = service.predict(text);
      expect(result.intent).toBe(OUT_OF_SCOPE);
      expect(result.oos).toBe(true);
    });

    it('returns calibrated probabilities, best first, at most three', () => {
      const { top, confidence } = service.predict('my power is out');
      expect(top.length).toBeLessThanOrEqual(3);
      expect(top[0].confidence).toBe(confidence);
      for (let i = 1; i < top.length; i++) {
        expect(top[i].confidence).toBeLessThanOrEqual(top[i - 1].confidence);
      }
      expect(top.reduce((s, t) => s + t.confidence, 0)).toBeLessThanOrEqual(1.0001);
    });

    it('attaches entities', () => {
      const result = service.predict('户号8001234569昨天停电了', {
        referenceDate: new Date('2026-03-18T00:00:00Z'),
      });
      expect(result.entities.map((e) => [e.type, e.value])).toEqual([
        ['account_number', '8001234569'],
        ['date', '2026-03-17'],
      ]);
    });
  });

  describe('robustness', () => {
    const sane = (text: string): void => {
      const result = service.predict(text);
      expect(result.oos || result.confidence < 0.5).toBe(true);
      expect(Number.isFinite(result.confidence)).toBe(true);
    };

    it('handles empty and whitespace-only text', () => {
      sane('');
      sane('   \n\t ');
    });

    it('handles emoji only', () => sane('😀😀🔥⚡'));

    it('handles 10,000 characters quickly', () => {
      const started = performance.now();
      sane('a'.repeat(10_000));
      expect(() => service.predict('停电'.repeat(5_000))).not.toThrow();
      expect(performance.now() - started).toBeLessThan(500);
    });

    it('handles numbers only', () => {
      sane('42');
      sane('1234567890');
    });

    it('handles HTML, reading the words and ignoring the markup', () => {
      sane('<script>alert(1)</script>');
      expect(service.predict('<p>my <b>power</b> is out</p>').intent).toBe('outage.report');
    });

    it('folds full-width text', () => {
      expect(service.predict('ＭＹ ＰＯＷＥＲ ＩＳ ＯＵＴ').intent).toBe('outage.report');
    });

    it('never throws on a non-string payload', () => {
      expect(() => service.predict(undefined as unknown as string)).not.toThrow();
    });
  });
});

describe('detectLanguage', () => {
  it('tells zh, en and mixed apart', () => {
    expect(detectLanguage('停电了')).toBe('zh');
    expect(detectLanguage('my power is out')).toBe('en');
    expect(detectLanguage('我家power out了')).toBe('mixed');
    expect(detectLanguage('ＰＯＷＥＲ')).toBe('en');
  });
});
