import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { maskPii } from '../common/pii-masker';
import { AppConfig } from '../config/app-config';
import { ChatLanguage } from '../conversations/conversation.schema';
import { IncidentsService } from '../incidents/incidents.service';
import { readNoticeRequest } from '../incidents/notice-request.policy';
import { stormText } from '../incidents/notice-texts';
import { heldBackInStorm } from '../incidents/storm.policy';
import { NluService } from '../nlu/nlu.service';
import { isExplicitComplaint } from '../nlu/intent-evidence';
import { NluStage, OUT_OF_SCOPE } from '../nlu/nlu.types';
import { NOTICE_INTENTS } from './answers/notice.answers';
import { DialogueState } from './dialogue-state.schema';
import { DialogueStateService } from './dialogue-state.service';
import { escalationFor, EscalationReason } from './escalation-policy';
import { MessageReading, readMessage } from './message-reading';
import { OpenTurns } from './open-turns';
import { PendingAnswers } from './pending-answers';
import { REPLIES, ReplyKey } from './replies';
import { TASK_NAMES } from './task-replies';
import { TaskRunner } from './task-runner';
import { BotReply, Turn } from './turn';

export { MIN_CONFIDENCE } from './message-reading';

/** Intents the customer can raise at any step, even while the bot waits for an answer. */
const WAY_OUT = new Set(['safety.hazard', 'agent.request', 'service.complaint']);

export interface CaseCard {
  intentPath: string[];
  accountNumber?: string;
  districtCode?: string;
  verification: 'verified' | 'not_verified' | 'failed';
  verifiedAccount?: string;
  answered: string[];
  lastMessages: string[];
}

export interface TurnResult {
  language: ChatLanguage;
  intent: string;
  confidence: number;
  replies: BotReply[];
  escalate?: EscalationReason;
  caseCard?: CaseCard;
  /** Whether the customer's message was understood (an intent, a detail or a dialogue act). */
  understood: boolean;
  districtCode?: string;
  /** What the NLU read in the customer's message (unmasked: the message store masks them). */
  entities: { type: string; value: string; unit?: string }[];
  /** The dialogue's state after this turn. */
  state: DialogueState;
  /** Which NLU stage read the message: the fast model, the encoder, or the fast model at the deadline. */
  stage: NluStage;
  /** The earlier message the bot answered confidently and the customer rejected: a bot miss. */
  rejected?: { text: string; intent: string; confidence: number };
}

const HANDOFF_REPLY: Partial<Record<EscalationReason, ReplyKey>> = {
  customer_request: 'handoff',
  complaint: 'handoffComplaint',
  not_understood: 'handoff',
  verification_failed: 'handoffVerification',
  frustration: 'handoffFrustrated',
};

/**
 * One turn of the dialogue: read the message (act, details, intent), interpret it against the
 * question the bot is waiting on, verify before revealing account data, answer from the
 * utility's records, and decide (through the escalation policy) when a person should take over.
 * State is loaded and saved per turn, so a restart loses nothing.
 */
@Injectable()
export class DialogueService {
  constructor(
    private readonly nlu: NluService,
    private readonly states: DialogueStateService,
    private readonly tasks: TaskRunner,
    private readonly pendingAnswers: PendingAnswers,
    private readonly openTurns: OpenTurns,
    private readonly incidents: IncidentsService,
    private readonly config: AppConfig,
  ) {}

  welcome(language: ChatLanguage): string {
    return REPLIES.welcome[language];
  }

  /**
   * Answers one customer message. With `known` (the state the chat read with the message) the
   * caller stores the returned `state` itself, in the same write as the turn's replies.
   */
  async respond(
    conversationId: Types.ObjectId,
    text: string,
    fallback: ChatLanguage,
    known?: DialogueState,
  ): Promise<TurnResult> {
    // The fast model answers at once; when it is unsure the encoder decides, within its deadline.
    const nlu = await this.nlu.predictCascade(text);
    // Digits alone ("4321", an account number) say nothing about the language: keep the chat's.
    const wordless = !/[A-Za-z]{2}|\p{Script=Han}/u.test(text);
    const language: ChatLanguage = nlu.language === 'mixed' || wordless ? fallback : nlu.language;
    const state = known ? structuredClone(known) : await this.states.load(conversationId);
    const masked = maskPii(text.slice(0, 300)).text;
    const previousText = state.lastCustomerTexts.at(-1);
    const repeated = previousText !== undefined && sameWords(previousText, masked);
    // The case card shows these to agents: masked like the transcript.
    state.lastCustomerTexts = [...state.lastCustomerTexts, masked].slice(-5);
    const reading = readMessage(
      text,
      nlu,
      {
        awaitingLast4: state.pending?.slot === 'phoneLast4',
        awaitingChoice: state.pending?.slot === 'accountChoice',
      },
      (rest) => this.nlu.predict(rest),
    );
    remember(state, reading, nlu.entities.find((e) => e.type === 'district')?.value);
    const turn = new Turn(
      conversationId,
      text,
      nlu,
      language,
      state,
      reading,
      this.config.SERVICE_TIMEZONE,
    );

    const missedBefore = state.misunderstood > 0;
    const previous = state.lastAnswer;
    state.lastAnswer = undefined;
    const rejected =
      previous &&
      !state.pending &&
      (reading.act?.act === 'reject_answer' || (repeated && sameWords(previous.text, masked)))
        ? previous
        : undefined;
    let acted: string | undefined;
    if (rejected) {
      turn.say('wrongAnswer');
      state.misunderstood += 1;
    } else {
      acted = await this.route(turn);
      if (acted === undefined && reading.contentless) {
        turn.say('notUnderstood');
      } else if (acted === undefined) {
        state.misunderstood += 1;
        if (state.misunderstood < 2) turn.say('notUnderstood');
      } else {
        state.misunderstood = 0;
      }
      if (
        acted &&
        acted === reading.intent &&
        reading.understood &&
        !/^(greeting|thanks|goodbye)$/.test(acted)
      ) {
        state.lastAnswer = { text: masked, intent: acted, confidence: round(reading.confidence) };
      }
    }

    let escalate = escalationFor({
      intent: reading.understood ? reading.intent : OUT_OF_SCOPE,
      misunderstood: state.misunderstood,
      verificationFailures: state.verificationFailures,
      repeated,
      negative: reading.negative || reading.act?.act === 'already_told',
      needsPerson: turn.needsPerson,
      threat: reading.threat,
      explicitComplaint: isExplicitComplaint(text),
      missedBefore: missedBefore || rejected !== undefined,
    });
    if (escalate && heldBackInStorm(escalate) && state.incidentId) {
      // Storm mode (issue #16): the incident's chats get its news and a callback, not a queue.
      const storm = await this.incidents.inStorm(state.incidentId);
      if (storm) {
        turn.sayText({
          zh: stormText(storm, 'zh', turn.timeZone),
          en: stormText(storm, 'en', turn.timeZone),
        });
        turn.noteAnswer(`storm mode on ${storm.id}: handoff held back (${escalate})`);
        escalate = undefined;
      }
    }
    const handoff = escalate && HANDOFF_REPLY[escalate];
    if (handoff) turn.say(handoff);
    if (escalate) state.pending = undefined;
    if (!known) await this.states.save(state);

    return {
      language,
      intent: acted ?? reading.intent,
      confidence: round(reading.confidence),
      stage: nlu.stage,
      replies: turn.replies,
      understood: acted !== undefined,
      entities: nlu.entities.map((e) => ({
        type: e.type,
        value: e.value,
        ...(e.unit && { unit: e.unit }),
      })),
      ...(state.districtCode && { districtCode: state.districtCode }),
      ...(escalate && { escalate, caseCard: caseCard(state) }),
      state,
      ...(rejected && { rejected }),
    };
  }

  /** What the message means here; returns the intent (or dialogue act) acted on. */
  private async route(turn: Turn): Promise<string | undefined> {
    const { state, reading } = turn;
    const pending = state.pending;
    if (reading.understood && WAY_OUT.has(reading.intent)) {
      state.pending = undefined;
      const task = pending && TASK_NAMES[pending.intent]?.[turn.language];
      // Safety instructions come first; then what was set aside, and the handoff.
      const acted = await this.tasks.act(turn, reading.intent);
      if (task) turn.say('setAside', { task });
      return acted;
    }
    // Notices (issue #16): "来电了通知我", "stop the updates", a callback, whatever is pending.
    const notice =
      pending?.slot === 'phoneLast4'
        ? undefined
        : readNoticeRequest(turn.text, {
            inOutage: !!state.incidentId || !!state.lastIntent?.startsWith('outage.'),
          });
    if (notice) {
      state.pending = undefined;
      return this.tasks.act(turn, NOTICE_INTENTS[notice]);
    }
    if (pending) return this.pendingAnswers.answer(turn, pending);
    return this.openTurns.answer(turn);
  }
}

/** Details are kept wherever they come from, for whichever task needs them next. */
function remember(state: DialogueState, reading: MessageReading, district?: string): void {
  const { slots } = reading;
  if (slots.accountNumber) state.accountNumber = slots.accountNumber;
  if (slots.phoneLast4) state.phoneLast4 = slots.phoneLast4;
  if (district) state.districtCode = district;
  if (
    slots.phone &&
    (reading.intent === 'account.update_contact' ||
      state.pending?.intent === 'account.update_contact')
  ) {
    state.newPhone = slots.phone;
  }
}

/** The same message again, give or take punctuation, spaces and case ("Why?" / "why"). */
function sameWords(a: string, b: string): boolean {
  const words = (t: string): string =>
    t
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\p{P}\p{S}\s]/gu, '');
  return words(a) === words(b) && words(a) !== '';
}

function round(confidence: number): number {
  return Math.round(confidence * 1000) / 1000;
}

/** What the bot hands an agent, from the dialogue's state (also for a handoff redone after a crash). */
export function caseCard(state: DialogueState): CaseCard {
  return {
    intentPath: state.intentPath,
    ...(state.accountNumber && { accountNumber: state.accountNumber }),
    ...(state.districtCode && { districtCode: state.districtCode }),
    verification: state.verifiedAccount
      ? 'verified'
      : state.verificationFailures > 0
        ? 'failed'
        : 'not_verified',
    ...(state.verifiedAccount && { verifiedAccount: state.verifiedAccount }),
    answered: state.answered,
    lastMessages: state.lastCustomerTexts,
  };
}
