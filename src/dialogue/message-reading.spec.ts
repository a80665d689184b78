import { EntityExtractor } from '../nlu/entity-extractor';
import { IntentScore, NluResult } from '../nlu/nlu.types';
import { readMessage } from './message-reading';

const entities = new EntityExtractor();

/** A classifier that answers from a table of texts (the rest of a message once details are out). */
function classifierOf(table: Record<string, IntentScore[]>): (text: string) => NluResult {
  return (text) => {
    const top = table[text.trim()] ?? [{ intent: 'greeting', confidence: 0.2 }];
    const sure = top[0].confidence >= 0.6;
    return {
      language: /\p{Script=Han}/u.test(text) ? 'zh' : 'en',
      intent: sure ? top[0].intent : 'oos',
      confidence: sure ? top[0].confidence : 1 - top[0].confidence,
      oos: !sure,
      top,
      entities: entities.extract(text, new Date('2026-12-01T00:00:00Z')),
      stage: 'fast',
    };
  };
}

function read(text: string, table: Record<string, IntentScore[]>) {
  const classify = classifierOf(table);
  return readMessage(text, classify(text), {}, classify);
}

describe(readMessage.name, () => {
  it('reads the request after "never mind" when the whole message is no clear request', () => {
    const reading = read('actually never mind, what about my outage? account 1000001014', {
      'actually never mind, what about my outage?': [
        { intent: 'service.complaint', confidence: 0.43 },
        { intent: 'outage.status', confidence: 0.22 },
      ],
      'what about my outage': [
        { intent: 'outage.status', confidence: 0.56 },
        { intent: 'outage.planned', confidence: 0.3 },
      ],
    });
    expect(reading).toMatchObject({ intent: 'outage.status', understood: true });
    expect(reading.act?.act).toBe('cancel');
    expect(reading.slots.accountNumber).toBe('1000001014');
  });

  it('keeps the whole reading when the cancel word is part of the request', () => {
    const reading = read('please stop the service on account 1000004067, last four 4321', {
      'please stop the service on ,': [{ intent: 'account.stop_service', confidence: 0.98 }],
      'the service on': [{ intent: 'service.complaint', confidence: 0.9 }],
    });
    expect(reading).toMatchObject({ intent: 'account.stop_service', understood: true });
  });

  it('takes an outage question split between two outage intents as an outage question', () => {
    const reading = read('是不是只有我家停电啊？', {
      '是不是只有我家停电啊？': [
        { intent: 'outage.status', confidence: 0.55 },
        { intent: 'outage.report', confidence: 0.43 },
      ],
    });
    expect(reading).toMatchObject({ intent: 'outage.status', understood: true });
  });

  it('still does not understand a split without outage words', () => {
    const reading = read('is it just me?', {
      'is it just me?': [
        { intent: 'outage.status', confidence: 0.55 },
        { intent: 'outage.report', confidence: 0.43 },
      ],
    });
    expect(reading.understood).toBe(false);
  });

  it('reads the request after a greeting the classifier took for the whole message', () => {
    const reading = read('在吗在吗 电费单不对啊 户号1000003051 尾号9012', {
      '在吗在吗 电费单不对啊': [{ intent: 'greeting', confidence: 0.99 }],
      电费单不对啊: [{ intent: 'billing.explain', confidence: 0.9 }],
    });
    expect(reading).toMatchObject({ intent: 'billing.explain', understood: true });
    expect(reading.slots.phoneLast4).toBe('9012');
  });

  it('keeps a greeting that is only a greeting', () => {
    const reading = read('hello?? anyone there?', {
      'hello?? anyone there?': [{ intent: 'greeting', confidence: 0.99 }],
    });
    expect(reading.intent).toBe('greeting');
  });

  it('keeps thanks before a goodbye, or before a rest without the words of its reading', () => {
    expect(
      read('谢谢，没有别的了', {
        '谢谢，没有别的了': [{ intent: 'thanks', confidence: 1 }],
        没有别的了: [{ intent: 'goodbye', confidence: 0.65 }],
      }).intent,
    ).toBe('thanks');
    expect(
      read('hi, the dog', {
        'hi, the dog': [{ intent: 'greeting', confidence: 0.9 }],
        'the dog': [{ intent: 'safety.hazard', confidence: 0.7 }],
      }).intent,
    ).toBe('greeting');
  });
});
