import { ActReading, detectAct } from '../nlu/dialogue-act';
import {
  hasEvidence,
  isContentless,
  isExplicitAgentRequest,
  isDamageClaim,
  isExplicitComplaint,
  isThreat,
} from '../nlu/intent-evidence';
import { afterCourtesy } from '../nlu/courtesy-lead';
import { familyReading } from '../nlu/family-reading';
import { monthReference, MonthReference } from '../nlu/month-reference';
import { NluResult, OUT_OF_SCOPE } from '../nlu/nlu.types';
import { extractSlots, restHasContent, SlotContext, Slots } from '../nlu/slot-extractor';
import { soundsNegative } from './escalation-policy';

/** Below this the bot says it did not understand instead of acting on a guess. */
export const MIN_CONFIDENCE = 0.45;

/** A new request must be at least this sure to interrupt the task the bot is in the middle of. */
export const INTERRUPT_CONFIDENCE = 0.6;

/** What customers say around a request, never instead of it ("谢谢，没有别的了" stays thanks). */
const COURTESY = /^(greeting|thanks|goodbye)$/;

/** Everything read from one customer message, before the dialogue decides what it means. */
export interface MessageReading {
  act?: ActReading;
  slots: Slots;
  /** The message is nothing but details (an account number, digits): no request of its own. */
  onlyDetails: boolean;
  /** The classifier's intent after the evidence guard (`oos` when it was not believed). */
  intent: string;
  confidence: number;
  understood: boolean;
  /** The classifier said this, but the text lacks the words for it. */
  unsupported?: string;
  month?: MonthReference;
  threat: boolean;
  negative: boolean;
  /** Symbols, emoji, a cat on the keyboard: nothing to understand, and no step towards a handoff. */
  contentless: boolean;
}

/**
 * Reads a message: the dialogue act, the details, and the intent of what is left once the
 * details are taken out ("户号…，手机尾号9012" is not a request to update the phone number).
 * `classify` is the intent classifier, called again on the rest when details were removed.
 */
export function readMessage(
  text: string,
  nlu: NluResult,
  context: SlotContext,
  classify: (text: string) => NluResult,
  now: Date = new Date(),
): MessageReading {
  const slots = extractSlots(text, nlu.entities, context);
  const hasDetails = [
    slots.accountNumber,
    slots.badAccountNumber,
    slots.phoneLast4,
    slots.phone,
    slots.district,
  ].some((d) => d !== undefined);
  const onlyDetails = hasDetails && !restHasContent(slots.rest);
  const act = detectAct(hasDetails ? slots.rest : text);
  const threat = isThreat(text);
  const base = {
    act,
    slots,
    onlyDetails,
    month: monthReference(text, now),
    threat,
    negative: soundsNegative(text),
    contentless: !hasDetails && isContentless(text),
  };
  if (onlyDetails || base.contentless) {
    return { ...base, intent: OUT_OF_SCOPE, confidence: 0, understood: false };
  }
  let predicted = believeFamily(hasDetails ? classify(slots.rest) : nlu, text);
  // "在吗在吗 电费单不对啊": a greeting (or thanks) before the request is not the request.
  const courtesy = afterCourtesy(hasDetails ? slots.rest : text);
  if (courtesy && restHasContent(courtesy) && COURTESY.test(predicted.top[0]?.intent ?? '')) {
    const after = believeFamily(classify(courtesy), text);
    if (believed(after, courtesy) && !COURTESY.test(after.intent)) predicted = after;
  }
  // "actually never mind, what about my outage?": when the whole message is no clear request,
  // the request is what follows the cancel. ("Stop the service", "cancel my account" are
  // requests as a whole: the cancel word is part of them.)
  if (
    act?.act === 'cancel' &&
    restHasContent(act.rest) &&
    (predicted.oos || predicted.confidence < INTERRUPT_CONFIDENCE)
  ) {
    const after = believeFamily(classify(act.rest), text);
    if (believed(after, act.rest)) predicted = after;
  }
  // A threat, a customer who says they want to complain ("我要投诉抄表的乱抄") or who claims for
  // damage ("你们赔吗"), is a complaint whatever it is about.
  const complaint = isExplicitComplaint(text) || isDamageClaim(text);
  if (threat || (complaint && predicted.intent !== 'agent.request')) {
    return { ...base, intent: 'service.complaint', confidence: 1, understood: true };
  }
  // Hazards and complaints hand over too, in their own faster lanes: only other readings yield.
  const ownLane = predicted.intent === 'safety.hazard' || predicted.intent === 'service.complaint';
  if (!ownLane && isExplicitAgentRequest(text)) {
    return { ...base, intent: 'agent.request', confidence: 1, understood: true };
  }
  let { intent } = predicted;
  let confidence = predicted.confidence;
  let unsupported: string | undefined;
  if (!predicted.oos && !hasEvidence(intent, text)) {
    // The next candidate that has its evidence, if it is still a reasonable reading.
    unsupported = intent;
    const next = predicted.top.find(
      (t) => t.intent !== intent && t.confidence >= MIN_CONFIDENCE && hasEvidence(t.intent, text),
    );
    intent = next?.intent ?? OUT_OF_SCOPE;
    confidence = next?.confidence ?? 0;
  }
  const understood = intent !== OUT_OF_SCOPE && !predicted.oos && confidence >= MIN_CONFIDENCE;
  return {
    ...base,
    intent: understood ? intent : predicted.oos ? OUT_OF_SCOPE : intent,
    confidence,
    understood,
    ...(unsupported && { unsupported }),
  };
}

/** A reading of part of the message that may replace the whole one's: sure, with its words. */
function believed(reading: NluResult, part: string): boolean {
  return !reading.oos && reading.confidence >= MIN_CONFIDENCE && hasEvidence(reading.intent, part);
}

/** Unsure between two outage intents, with outage words in the text: an outage question. */
function believeFamily(predicted: NluResult, text: string): NluResult {
  if (!predicted.oos) return predicted;
  const family = familyReading(predicted.top, text);
  return family ? { ...predicted, ...family, oos: false } : predicted;
}
