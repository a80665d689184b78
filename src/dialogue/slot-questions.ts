import { PendingQuestion } from './dialogue-state.schema';

/**
 * What a customer asks back instead of answering the bot's question: where to find the account
 * number, which phone is meant, or why the bot wants it at all. Each is help, never a failed
 * attempt and never a new request (the classifier reads "why do you need my phone number" as a
 * contact update, and "which number? the one on the bill?" too).
 */
export type SlotQuestion = 'find_account' | 'which_phone' | 'why_asked';

/** "I don't know my account number", "where do I find it?", "which number? the one on the bill?" */
const FIND_ACCOUNT =
  /不知道|不记得|忘了|忘记|找不到|没有户号|不清楚|在哪(里|儿)?(看|找|查)|哪里(看|找|查)|怎么(查|找|看)|哪个(号|户号|号码)|什么号|电费单上的?|don'?t know|do not know|forgot|can'?t find|cannot find|don'?t have (it|one|an account)|no idea|where (do|can|would) i (find|see|get|look)|where is it|how do i find|which (number|one|account)|what number|the one on (the|my) bill/i;

/** "Which phone?", "I changed my number": what the digits are, and the way round it. */
const WHICH_PHONE =
  /哪个(手机|电话|号码)|什么(手机|号码)|换(过)?(了)?(手机)?号|号码(换|改)了|不用那个号|which (phone|number|mobile)|what (phone|number)|changed my (phone|number|mobile)|new (phone|number)|old (phone|number)/i;

/** Asking why: "why do you need my phone number??", "为什么要我手机号？", "what for?" */
const WHY = /为什么|为啥|干嘛|干什么|凭什么|\bwhy\b|what for|how come/i;

/** What the bot's question is about, in the customer's words. */
const ABOUT: Partial<Record<PendingQuestion['slot'], RegExp>> = {
  account: /户号|账号|帐号|号码|account|number/i,
  phoneLast4: /手机|电话|号码|尾号|后四位|后4位|phone|number|digits|mobile/i,
};

/**
 * The question the customer asks about the awaited detail, if the message is one. The caller
 * reads the awaited detail first: a message that carries it is an answer, not a question.
 */
export function slotQuestion(
  text: string,
  slot: PendingQuestion['slot'],
): SlotQuestion | undefined {
  const folded = text.normalize('NFKC');
  const about = ABOUT[slot];
  if (!about) return undefined;
  if (WHY.test(folded) && (about.test(folded) || short(folded))) return 'why_asked';
  if (slot === 'account' && FIND_ACCOUNT.test(folded)) return 'find_account';
  if (slot === 'phoneLast4' && WHICH_PHONE.test(folded)) return 'which_phone';
  return undefined;
}

/** "why?", "为什么？", "what for": a why with nothing else is about the question just asked. */
function short(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.match(/[a-z]+/giu)?.length ?? 0;
  return han <= 5 && words <= 3;
}
