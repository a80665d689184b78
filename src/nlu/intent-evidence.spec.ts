import { readFileSync } from 'fs';
import { join } from 'path';
import {
  GUARDED_INTENTS,
  hasEvidence,
  isContentless,
  isDamageClaim,
  isExplicitAgentRequest,
  isExplicitComplaint,
  isThreat,
} from './intent-evidence';

describe('hasEvidence', () => {
  it.each([
    ['safety.hazard', 'first line\nsecond line'],
    ['goodbye', '排队排了半天'],
    ['goodbye', 'go ahead'],
    ['greeting', '~~~ meow meow'],
    ['billing.arrangement', 'where do I pay, does Alipay work?'],
    ['billing.arrangement', 'I will sue you'],
  ])('does not believe %s for "%s"', (intent, text) => {
    expect(hasEvidence(intent, text)).toBe(false);
  });

  it.each([
    ['safety.hazard', '楼下电线掉下来了，还在冒火花'],
    ['safety.hazard', "there's smoke coming out of the meter box"],
    ['billing.arrangement', '电费能不能缓几天交'],
    ['billing.arrangement', 'can I pay in instalments?'],
    ['agent.request', '转人工'],
    ['service.complaint', '我要投诉'],
    ['greeting', 'hello?'],
    ['goodbye', '再见'],
  ])('believes %s for "%s"', (intent, text) => {
    expect(hasEvidence(intent, text)).toBe(true);
  });

  it('lets intents without a word list pass', () => {
    expect(hasEvidence('billing.balance', 'how much')).toBe(true);
  });
});

describe('isContentless', () => {
  it.each(['😺', '👍👍', '~~~ ### @@@', '喵喵喵 meow meow', 'asdf qwer zxcv', '???', '...'])(
    'finds nothing to read in "%s"',
    (text) => expect(isContentless(text)).toBe(true),
  );

  it.each(['no', 'ok', '停电', '1234 please', 'first line\nsecond line', '为什么'])(
    'reads "%s"',
    (text) => expect(isContentless(text)).toBe(false),
  );
});

describe('isThreat', () => {
  it.each([
    'I will sue you',
    'my lawyer will call',
    '我要告你们',
    '我要去法院起诉',
    '找媒体曝光你们',
  ])('recognises "%s"', (text) => expect(isThreat(text)).toBe(true));

  it.each(['my power is out', '我想查电费', 'a court yard light is broken'.replace('court ', '')])(
    'does not see a threat in "%s"',
    (text) => expect(isThreat(text)).toBe(false),
  );
});

describe('isExplicitComplaint', () => {
  it('tells a complaint from a customer who is only fed up', () => {
    expect(isExplicitComplaint('我要投诉你们的抄表员')).toBe(true);
    expect(isExplicitComplaint('I want to make a complaint about your staff')).toBe(true);
    expect(isExplicitComplaint('this is useless, you are useless!!!')).toBe(false);
    expect(isExplicitComplaint('气死我了')).toBe(false);
  });
});

describe('the evidence lists against the labelled data', () => {
  // A guard that drops real requests is worse than none: every guarded intent's training and
  // validation utterances must (almost all) carry their words.
  const rows = ['utility-train.jsonl', 'utility-validation.jsonl'].flatMap((file) =>
    readFileSync(join(__dirname, 'data', file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { text: string; intent: string }),
  );

  it.each(GUARDED_INTENTS)('keeps at least 98%% of the utterances labelled %s', (intent) => {
    const labelled = rows.filter((r) => r.intent === intent);
    const kept = labelled.filter((r) => hasEvidence(intent, r.text)).length;
    expect(labelled.length).toBeGreaterThan(50);
    expect(kept / labelled.length).toBeGreaterThanOrEqual(0.98);
  });
});

describe('isExplicitAgentRequest', () => {
  it.each([
    '停电两个小时了还没来电，转人工',
    '别跟我绕了 我要人工客服',
    'this is going nowhere, can i talk to a real person',
    'just get me a human pls',
    'I want to speak with an agent about my bill',
  ])('hears a handoff asked for in so many words: %s', (text) => {
    expect(isExplicitAgentRequest(text)).toBe(true);
  });

  it.each([
    '不用转人工了，已经来电了',
    'no need for an agent, it came back on',
    '人工智能电表是什么',
    'the person who read my meter was rude',
    '我家停电了',
  ])('does not take this as a request for a person: %s', (text) => {
    expect(isExplicitAgentRequest(text)).toBe(false);
  });
});

describe('isDamageClaim', () => {
  it.each([
    '停电这么久，冰箱里的东西都坏了，你们赔吗',
    '损失谁来补偿',
    'all the food in my fridge is ruined. will you compensate me?',
    'who will pay for the damage to my TV',
  ])('hears a claim for a person: %s', (text) => expect(isDamageClaim(text)).toBe(true));

  it.each(['我家停电了', 'how do I pay my bill', 'the meter test: is an overcharge refunded?'])(
    'hears no claim in: %s',
    (text) => expect(isDamageClaim(text)).toBe(false),
  );
});
