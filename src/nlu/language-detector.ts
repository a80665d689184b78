import { Language } from './nlu.types';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]{2,}/gi;

/**
 * zh, en or mixed. A single English word inside a Chinese sentence ("我的app登不上") still counts as
 * mixed, because the reply language is then a choice the dialogue makes, not the classifier.
 */
export function detectLanguage(text: string): Language {
  const normalized = text.normalize('NFKC');
  const han = normalized.match(HAN)?.length ?? 0;
  const latin = normalized.match(LATIN_WORD)?.length ?? 0;
  if (han > 0 && latin > 0) return 'mixed';
  return han > 0 ? 'zh' : 'en';
}
