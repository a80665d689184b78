/**
 * Dialogue acts: what a short message does to the conversation ("yes", "never mind", "I already
 * told you") rather than what it asks for. They are read before the intent classifier, because
 * the classifier has no idea what the bot just asked ("ok" alone looks like goodbye to it).
 */
export type DialogueAct =
  'affirm' | 'deny' | 'cancel' | 'correct' | 'repeat' | 'already_told' | 'reject_answer';

export interface ActReading {
  act: DialogueAct;
  /** What is left of the message once the act's words are gone ("forget that, just …" → "just …"). */
  rest: string;
}

const FILLER_EN = new Set([
  'thx',
  'ty',
  'tnx',
  'thanx',
  'cheers',
  'actually',
  'please',
  'pls',
  'plz',
  'thanks',
  'thank',
  'you',
  'then',
  'just',
  'oh',
  'um',
  'uh',
  'well',
  'that',
  'it',
  'and',
  'so',
]);
const FILLER_ZH = /[吧啊呀呢哦哈嘛了的啦喔噢嗯唉哎]+/g;

/** Words before a "never mind" that do not change it ("actually no, never mind"). */
const LEAD_EN = new Set([
  'whatever',
  'ugh',
  'meh',
  'actually',
  'oh',
  'hmm',
  'wait',
  'no',
  'um',
  'sorry',
  'ok',
  'okay',
  'well',
  'so',
  'please',
  'just',
  'erm',
]);

const AFFIRM_EN = [
  'go for it',
  'please proceed',
  'thats fine',
  'that is fine',
  'yes',
  'yeah',
  'yep',
  'yup',
  'ya',
  'yea',
  'y',
  'ok',
  'okay',
  'okey',
  'k',
  'sure',
  'fine',
  'correct',
  'right',
  'confirm',
  'confirmed',
  'go ahead',
  'do it',
  'please do',
  'submit',
  'submit it',
  'proceed',
  'sounds good',
  'thats right',
  'that is right',
  'alright',
  'all right',
  'absolutely',
  'of course',
  'yes please',
  'go on',
  'lets do it',
  'agreed',
  'exactly',
];
const DENY_EN = [
  'no',
  'nope',
  'nah',
  'not really',
  'dont',
  'do not',
  'no thanks',
  'wrong',
  'incorrect',
  'not now',
  'negative',
];
const CANCEL_EN = [
  'cancel',
  'cancel it',
  'cancel that',
  'never mind',
  'nevermind',
  'forget it',
  'forget that',
  'forget about it',
  'stop',
  'dont bother',
  'skip it',
  'skip that',
  'leave it',
  'no forget it',
];
const REPEAT_EN = [
  'say that again',
  'say again',
  'repeat',
  'repeat that',
  'pardon',
  'come again',
  'what did you say',
  'sorry what',
  'what',
];

/** Typos worth forgiving: one edit on words of three letters or more ("yse", "cancle", "okya"). */
const TYPO_TARGETS = [
  'yes',
  'yeah',
  'okay',
  'sure',
  'cancel',
  'confirm',
  'correct',
  'nope',
  'never',
  'mind',
  'forget',
  'repeat',
  'pardon',
  'submit',
  'proceed',
];

const AFFIRM_ZH =
  /^(是的?|对的?|对啊|好的?|行|可以|没问题|确认|确定|提交|办吧|办理|就这样|没错|同意|嗯+|恩+|ok|好滴|好嘞|中|要的?|需要)+$/;
const DENY_ZH = /^(不是?|不对|不要|不用|别|不了|错了|否|没有|不需要|不行)+$/;
const CANCEL_LEAD_ZH =
  /^(取消|算了|不用了|不要了|不办了|不弄了|先不办了|先不了|以后再说|不查了|算了算了)[，,。.!！\s]*/;
const REPEAT_ZH = /^(再说一遍|再说一次|重复一下|重复一遍|没看清|没看懂|什么|啥|你说什么)[？?]*$/;
const ALREADY_TOLD = [
  /i (already|just) (told|gave|said|sent|typed)/i,
  /i told you|already told you|told you already|i said that already|i have already given/i,
  /(已经|刚才|刚刚|之前|前面)(都)?(说|讲|告诉|给|发|输入?)(过|了)/,
  /不是(告诉|说|给)(过)?(你)?了/,
  /说过了|讲过了/,
];
const REJECT_ANSWER = [
  /(that'?s|that is|this is) not what i (asked|meant|want(ed)?)/i,
  /not what i (asked|meant)|you('re| are) not listening|wrong answer|that doesn'?t answer|didn'?t answer my question|i didn'?t ask (about|for) that/i,
  /不是问这个|我问的不是|答非所问|没问(你)?这个|不是我问的|你没听懂|你根本没懂|不是这个意思/,
];
const CORRECT = [
  /^(no|nope|not that|wrong)[, ]+(i meant|i mean|it'?s|it is|the other|another|my other)/i,
  /^(不是|不对|错了)[，, ]*(是|我说的是|我是说|另一个|另外一个|应该是)/,
  /\b(i meant|i mean|sorry,? i meant|correction)\b/i,
  /我是说|我的意思是|说错了|打错了|输错了|更正/,
];

/** The dialogue act of a message, if it is one. */
export function detectAct(text: string): ActReading | undefined {
  const folded = text.normalize('NFKC').toLowerCase().trim();
  if (!folded) return undefined;
  if (ALREADY_TOLD.some((re) => re.test(folded))) return { act: 'already_told', rest: '' };
  if (REJECT_ANSWER.some((re) => re.test(folded))) return { act: 'reject_answer', rest: '' };
  if (CORRECT.some((re) => re.test(folded))) return { act: 'correct', rest: folded };

  const lead = CANCEL_LEAD_ZH.exec(folded);
  if (lead) return { act: 'cancel', rest: folded.slice(lead[0].length).trim() };
  const zh = folded.replace(/[\p{P}\p{S}\s]/gu, '').replace(FILLER_ZH, '');
  if (/\p{Script=Han}/u.test(folded) && zh) {
    if (AFFIRM_ZH.test(zh)) return { act: 'affirm', rest: '' };
    if (DENY_ZH.test(zh)) return { act: 'deny', rest: '' };
    if (REPEAT_ZH.test(zh)) return { act: 'repeat', rest: '' };
  }
  if (/^(👍|👌|✅|🙆|🆗)+$/u.test(zh || folded)) return { act: 'affirm', rest: '' };
  return englishAct(folded);
}

function englishAct(folded: string): ActReading | undefined {
  const words = folded
    .replace(/[’']/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean)
    .map(squeeze)
    .map(fixTypo);
  if (words.length === 0 || /\p{Script=Han}/u.test(folded)) return undefined;
  // A leading "cancel/never mind/forget that" may carry the real request after it.
  let lead = 0;
  while (lead < words.length - 1 && LEAD_EN.has(words[lead])) lead++;
  for (const phrase of CANCEL_EN) {
    const n = phrase.split(' ').length;
    if (words.slice(lead, lead + n).join(' ') === phrase) {
      const after = words.slice(lead + n);
      const rest = after.filter((w) => !FILLER_EN.has(w));
      return { act: 'cancel', rest: rest.length > 0 ? after.join(' ') : '' };
    }
  }
  const all = words.join(' ');
  if (coveredBy(all, AFFIRM_EN)) return { act: 'affirm', rest: '' };
  const core = words.filter((w) => !FILLER_EN.has(w)).join(' ');
  if (core === '' && words.includes('thank')) return undefined;
  if (coveredBy(core, AFFIRM_EN)) return { act: 'affirm', rest: '' };
  if (coveredBy(core, DENY_EN)) return { act: 'deny', rest: '' };
  if (coveredBy(core, REPEAT_EN) && words.length <= 5) return { act: 'repeat', rest: '' };
  return undefined;
}

/** A phrase list, longest first, and every word its phrases use (see `coveredBy`). */
interface PhraseList {
  sorted: readonly string[];
  words: ReadonlySet<string>;
}
const phraseLists = new Map<readonly string[], PhraseList>();

function phraseList(phrases: readonly string[]): PhraseList {
  let list = phraseLists.get(phrases);
  if (!list) {
    list = {
      sorted: [...phrases].sort((a, b) => b.length - a.length),
      words: new Set(phrases.flatMap((p) => p.split(' '))),
    };
    phraseLists.set(phrases, list);
  }
  return list;
}

/** Whether the phrase is nothing but phrases of the list ("yes ok sure", "ok go ahead"). */
function coveredBy(core: string, phrases: readonly string[]): boolean {
  if (!core) return false;
  const { sorted, words } = phraseList(phrases);
  // Most messages have a word no phrase of the list has: then none can cover it (every message
  // is read for its act, and the splitting below is the costly part).
  if (core.split(' ').some((w) => !words.has(w))) return false;
  let rest = ` ${core} `;
  for (const p of sorted) rest = rest.split(` ${p} `).join(' ');
  for (const p of sorted) rest = rest.split(` ${p} `).join(' ');
  return rest.trim() === '';
}

/** "yesss" → "yes", "okkk" → "ok": customers stretch short words. */
function squeeze(word: string): string {
  return word.replace(/(.)\1{2,}/g, '$1').replace(/^(ye)s+$/, '$1s');
}

const TYPO_TARGET_SET = new Set(TYPO_TARGETS);
/** Words already looked at: customers' words repeat, the edit distances do not need to. */
const typoFixes = new Map<string, string>();
const TYPO_FIXES_KEPT = 5000;

function fixTypo(word: string): string {
  if (word.length < 3 || TYPO_TARGET_SET.has(word)) return word;
  const known = typoFixes.get(word);
  if (known !== undefined) return known;
  const fixed =
    TYPO_TARGETS.find((t) => Math.abs(t.length - word.length) <= 1 && distance(t, word) <= 1) ??
    word;
  if (typoFixes.size >= TYPO_FIXES_KEPT) typoFixes.clear();
  typoFixes.set(word, fixed);
  return fixed;
}

/** Damerau–Levenshtein (optimal string alignment): a swap of neighbours is one edit. */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
