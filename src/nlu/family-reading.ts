import { IntentScore } from './nlu.types';

/**
 * Families of intents whose members are answered alike, from the same look-up, and the words
 * without which the family is not believed. "是不是只有我家停电啊？" splits the classifier between
 * outage.status (0.55) and outage.report (0.43): no single intent is sure enough, so the detector
 * calls it out of scope, yet the customer plainly asks about their outage. Only outages qualify:
 * every outage answer starts from the location and the records, so taking the wrong member still
 * tells the customer what the records say.
 */
const FAMILIES: Record<string, RegExp> = {
  outage:
    /停电|没电|断电|停点|来电|供电|跳闸|黑了|outage|power|electric|lights? (are |is )?(out|off)|blackout|no light/i,
};

/** How much of the probability the family's two best members must hold together. */
export const FAMILY_MASS = 0.85;

/**
 * The family reading of an unsure prediction: the best member, with the family's mass as its
 * confidence, when the two best intents are of one listed family and the text has its words.
 */
export function familyReading(top: readonly IntentScore[], text: string): IntentScore | undefined {
  const [first, second] = top;
  if (!first || !second) return undefined;
  const family = first.intent.split('.')[0];
  const words = FAMILIES[family];
  if (!words || second.intent.split('.')[0] !== family) return undefined;
  const mass = first.confidence + second.confidence;
  if (mass < FAMILY_MASS || !words.test(text.normalize('NFKC'))) return undefined;
  return { intent: first.intent, confidence: Math.min(1, mass) };
}
