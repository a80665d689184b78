import { Injectable } from '@nestjs/common';
import { WordTokenizer } from 'natural/lib/natural/tokenizers';
import { Language, NluResult, OUT_OF_SCOPE } from './nlu.types';

// Starter intents for the foundation slice; the trained classifier replaces this rule table.
const STARTER_RULES: { intent: string; zh: string[]; en: string[] }[] = [
  {
    intent: 'agent.request',
    zh: ['转人工', '人工', '客服'],
    en: ['agent', 'human', 'person', 'operator'],
  },
  {
    intent: 'outage.report',
    zh: ['停电', '没电', '断电'],
    en: ['outage', 'blackout', 'no power', 'power is out', 'power out'],
  },
  {
    intent: 'billing.balance',
    zh: ['电费', '欠费', '账单'],
    en: ['bill', 'balance', 'owe', 'payment'],
  },
  { intent: 'greeting', zh: ['你好', '您好', '在吗'], en: ['hello', 'hi', 'hey', 'good morning'] },
];

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]{2,}/;

@Injectable()
export class NluService {
  private readonly tokenizer = new WordTokenizer();

  predict(text: string): NluResult {
    const language = detectLanguage(text);
    const lower = text.toLowerCase();
    const words = new Set(this.tokenizer.tokenize(lower) ?? []);
    for (const rule of STARTER_RULES) {
      const hit =
        rule.zh.some((k) => text.includes(k)) ||
        rule.en.some((k) => (k.includes(' ') ? lower.includes(k) : words.has(k)));
      if (hit) {
        return {
          language,
          intent: rule.intent,
          confidence: 0.9,
          oos: false,
          top: [{ intent: rule.intent, confidence: 0.9 }],
          entities: [],
        };
      }
    }
    return { language, intent: OUT_OF_SCOPE, confidence: 0.5, oos: true, top: [], entities: [] };
  }
}

export function detectLanguage(text: string): Language {
  const zh = HAN.test(text);
  const en = LATIN.test(text);
  if (zh && en) return 'mixed';
  return zh ? 'zh' : 'en';
}
