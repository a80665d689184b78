import { NluResult } from '../nlu/nlu.types';
import { ReplyKey } from './replies';

export type EscalationReason =
  'customer_request' | 'safety_hazard' | 'complaint' | 'not_understood';

export interface BotDecision {
  reply: ReplyKey;
  escalate?: EscalationReason;
}

/** Below this the bot says it did not understand instead of acting on a guess. */
export const MIN_CONFIDENCE = 0.45;

/**
 * The foundation slice's dialogue policy: one reply per intent family and the escalation
 * rules. `lowConfidenceStreak` counts the bot turns in a row that did not understand.
 */
export function decide(nlu: NluResult, lowConfidenceStreak: number): BotDecision {
  const understood = !nlu.oos && nlu.confidence >= MIN_CONFIDENCE;
  if (!understood) {
    // Two misunderstandings in a row: a person will do better than a third guess.
    return lowConfidenceStreak >= 1
      ? { reply: 'handoff', escalate: 'not_understood' }
      : { reply: 'notUnderstood' };
  }
  const [family] = nlu.intent.split('.');
  switch (nlu.intent) {
    case 'agent.request':
      return { reply: 'handoff', escalate: 'customer_request' };
    case 'safety.hazard':
      return { reply: 'hazard', escalate: 'safety_hazard' };
    case 'service.complaint':
      return { reply: 'handoff', escalate: 'complaint' };
    case 'greeting':
      return { reply: 'greeting' };
    case 'goodbye':
      return { reply: 'goodbye' };
    case 'thanks':
      return { reply: 'thanks' };
  }
  if (family === 'outage') return { reply: 'outage' };
  if (family === 'billing' || family === 'meter') return { reply: 'billing' };
  return { reply: 'greeting' };
}
