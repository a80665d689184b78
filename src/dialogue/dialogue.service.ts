import { Injectable } from '@nestjs/common';
import { ChatLanguage } from '../conversations/conversation.schema';
import { NluService } from '../nlu/nlu.service';
import { NluResult } from '../nlu/nlu.types';
import { REPLIES } from './replies';
import { BotDecision, decide, EscalationReason, MIN_CONFIDENCE } from './starter-policy';

export interface BotTurn {
  /** The language the bot answers in: the customer's, as detected on this message. */
  language: ChatLanguage;
  text: string;
  intent: string;
  confidence: number;
  escalate?: EscalationReason;
}

export interface DialogueContext {
  language: ChatLanguage;
  /** The intents of the bot's last turns, most recent last. */
  recentIntents: { intent: string; confidence: number }[];
}

@Injectable()
export class DialogueService {
  constructor(private readonly nlu: NluService) {}

  welcome(language: ChatLanguage): string {
    return REPLIES.welcome[language];
  }

  respond(text: string, context: DialogueContext): BotTurn {
    const nlu: NluResult = this.nlu.predict(text);
    const language: ChatLanguage = nlu.language === 'mixed' ? context.language : nlu.language;
    const streak = countLowConfidence(context.recentIntents);
    const decision: BotDecision = decide(nlu, streak);
    return {
      language,
      text: REPLIES[decision.reply][language],
      intent: nlu.intent,
      confidence: round(nlu.confidence),
      ...(decision.escalate && { escalate: decision.escalate }),
    };
  }
}

function countLowConfidence(recent: { intent: string; confidence: number }[]): number {
  let streak = 0;
  for (let i = recent.length - 1; i >= 0; i--) {
    const turn = recent[i];
    if (turn.intent !== 'oos' && turn.confidence >= MIN_CONFIDENCE) break;
    streak++;
  }
  return streak;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
