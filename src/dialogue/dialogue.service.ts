import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { maskPii } from '../common/pii-masker';
import { isValidAccountNumber } from '../nlu/account-number';
import { NluService } from '../nlu/nlu.service';
import { OUT_OF_SCOPE } from '../nlu/nlu.types';
import { ChatLanguage } from '../conversations/conversation.schema';
import { AccountsService } from '../utility/accounts.service';
import { AccountAnswers, REQUEST_FOR_INTENT } from './answers/account-answers';
import { districtList, OutageAnswers } from './answers/outage.answers';
import { DialogueState } from './dialogue-state.schema';
import { DialogueStateService } from './dialogue-state.service';
import {
  escalationFor,
  EscalationReason,
  MAX_VERIFICATION_FAILURES,
  soundsNegative,
} from './escalation-policy';
import { REPLIES, ReplyKey } from './replies';
import { BotReply, Turn } from './turn';

/** Below this the bot says it did not understand instead of acting on a guess. */
export const MIN_CONFIDENCE = 0.45;

/** Re-prompts for one slot before the bot stops asking. */
const MAX_PROMPTS = 2;

/** Intents whose answer reveals one account's data: they need a verified account. */
const NEEDS_VERIFICATION = new Set([
  'billing.balance',
  'billing.explain',
  'billing.arrangement',
  'meter.reading',
  'meter.fault',
  'account.stop_service',
  'account.transfer',
  'account.update_contact',
]);

/** Intents that need only a place (no account exists yet, or the answer is public). */
const NEEDS_DISTRICT = new Set(['account.start_service', 'solar.connect']);

/** Intents the customer can raise at any step, even while the bot waits for an answer. */
const WAY_OUT = new Set(['agent.request', 'safety.hazard', 'service.complaint']);

const CANCEL = /^\s*(取消|算了|不用了|不要了|cancel|never ?mind|forget it|stop)\s*[.!。！]?\s*$/i;
const OTHER_ACCOUNT =
  /另一个|另外一个|其他户号|别的户号|换一个|不是这个|the other( one| account)?|another account|different account|wrong account/i;

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
  /** Whether the customer's message was understood (in scope, confident enough). */
  understood: boolean;
  districtCode?: string;
  /** What the NLU read in the customer's message (unmasked: the message store masks them). */
  entities: { type: string; value: string; unit?: string }[];
  /** The dialogue's state after this turn. */
  state: DialogueState;
}

const HANDOFF_REPLY: Partial<Record<EscalationReason, ReplyKey>> = {
  customer_request: 'handoff',
  complaint: 'handoffComplaint',
  not_understood: 'handoff',
  verification_failed: 'handoffVerification',
  frustration: 'handoffFrustrated',
};

/**
 * One turn of the dialogue: understand, fill what is missing, verify before revealing account
 * data, answer from the utility's records, and decide (through the escalation policy) when a
 * person should take over. State is loaded and saved per turn, so a restart loses nothing.
 */
@Injectable()
export class DialogueService {
  constructor(
    private readonly nlu: NluService,
    private readonly states: DialogueStateService,
    private readonly accounts: AccountsService,
    private readonly outages: OutageAnswers,
    private readonly answers: AccountAnswers,
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
    const nlu = this.nlu.predict(text);
    // Digits alone ("4321", an account number) say nothing about the language: keep the chat's.
    const wordless = !/[A-Za-z]{2}|\p{Script=Han}/u.test(text);
    const language: ChatLanguage = nlu.language === 'mixed' || wordless ? fallback : nlu.language;
    const state = known ? structuredClone(known) : await this.states.load(conversationId);
    const repeated =
      state.lastCustomerTexts.at(-1)?.trim() === maskPii(text.slice(0, 300)).text.trim();
    // The case card shows these to agents: masked like the transcript.
    state.lastCustomerTexts = [...state.lastCustomerTexts, maskPii(text.slice(0, 300)).text].slice(
      -5,
    );
    this.remember(
      state,
      nlu.entities.find((e) => e.type === 'account_number')?.value,
      nlu.entities.find((e) => e.type === 'district')?.value,
    );

    const turn = new Turn(conversationId, text, nlu, language, state);
    const understood = !nlu.oos && nlu.confidence >= MIN_CONFIDENCE;
    let acted: string | undefined;

    if (CANCEL.test(text)) {
      state.pending = undefined;
      turn.say('cancelled');
      acted = 'cancel';
    } else if (understood && WAY_OUT.has(nlu.intent)) {
      state.pending = undefined;
      acted = await this.act(turn, nlu.intent);
    } else if (state.pending) {
      acted = await this.fillSlot(turn);
    } else if (state.verifiedAccount && OTHER_ACCOUNT.test(text) && state.lastIntent) {
      acted = await this.switchAccount(turn);
    } else if (this.isFollowUp(turn, understood)) {
      acted = await this.act(turn, state.lastIntent as string, this.followUpPeriod(turn));
    } else if (understood) {
      acted = await this.act(turn, nlu.intent, periodOf(turn.entity('date')));
    }

    if (acted === undefined) {
      state.misunderstood += 1;
      if (state.misunderstood < 2) turn.say('notUnderstood');
    } else {
      state.misunderstood = 0;
    }

    const escalate = escalationFor({
      intent: understood ? nlu.intent : OUT_OF_SCOPE,
      misunderstood: state.misunderstood,
      verificationFailures: state.verificationFailures,
      repeated,
      negative: soundsNegative(text),
      needsPerson: turn.needsPerson,
    });
    const handoff = escalate && HANDOFF_REPLY[escalate];
    if (handoff) turn.say(handoff);
    if (escalate) state.pending = undefined;
    if (!known) await this.states.save(state);

    return {
      language,
      intent: acted && acted !== 'cancel' ? acted : nlu.intent,
      confidence: Math.round(nlu.confidence * 1000) / 1000,
      replies: turn.replies,
      understood,
      entities: nlu.entities.map((e) => ({
        type: e.type,
        value: e.value,
        ...(e.unit && { unit: e.unit }),
      })),
      ...(state.districtCode && { districtCode: state.districtCode }),
      ...(escalate && { escalate, caseCard: caseCard(state) }),
      state,
    };
  }

  /** Runs an intent; returns the intent acted on. */
  private async act(turn: Turn, intent: string, period?: string): Promise<string> {
    const { state } = turn;
    state.intentPath = [...state.intentPath, intent].slice(-20);
    state.lastIntent = intent;
    switch (intent) {
      case 'greeting':
      case 'goodbye':
      case 'thanks':
        turn.say(intent);
        return intent;
      case 'safety.hazard':
        turn.say('hazard');
        turn.noteAnswer('safety instructions given');
        return intent;
      case 'agent.request':
      case 'service.complaint':
        return intent; // the escalation policy hands over and says so
      case 'billing.tariff':
        this.answers.tariff(turn);
        return intent;
      case 'billing.payment':
        this.answers.payment(turn);
        return intent;
    }
    if (intent.startsWith('outage.')) {
      await this.outages.answer(turn, intent);
      return intent;
    }
    if (NEEDS_DISTRICT.has(intent)) {
      if (!state.districtCode && !state.accountNumber) {
        turn.ask(intent, 'district', 'askDistrict', { districts: districtList(turn.language) });
        return intent;
      }
      await this.answers.request(turn, intent, {
        districtCode: state.districtCode,
        accountNumber: state.accountNumber,
      });
      return intent;
    }
    if (NEEDS_VERIFICATION.has(intent)) {
      const account = await this.verifiedAccount(turn, intent, period);
      if (!account) return intent;
      if (intent === 'billing.balance') await this.answers.balance(turn, account);
      else if (intent === 'billing.explain')
        await this.answers.explain(turn, account, period ?? state.lastPeriod);
      else if (intent === 'meter.reading') await this.answers.readings(turn, account);
      else if (REQUEST_FOR_INTENT[intent])
        await this.answers.request(turn, intent, { accountNumber: account });
      return intent;
    }
    turn.say('greeting');
    return intent;
  }

  /**
   * The account the customer may see, or a question towards it: the account number first, then
   * the last four digits of its registered phone. A verified holder may see all their accounts.
   */
  private async verifiedAccount(
    turn: Turn,
    intent: string,
    period?: string,
  ): Promise<string | undefined> {
    const { state } = turn;
    const account = state.accountNumber ?? state.verifiedAccount;
    if (!account) {
      turn.ask(intent, 'account', 'askAccount');
      if (state.pending) state.pending.period = period;
      return undefined;
    }
    if (state.verifiedAccount === account) return account;
    if (state.verifiedAccount) {
      const siblings = await this.accounts.listSiblingAccounts(state.verifiedAccount);
      if (siblings.some((a) => a.accountNumber === account)) return account;
    }
    turn.ask(intent, 'phoneLast4', 'askLast4', { account });
    if (state.pending) state.pending.period = period;
    return undefined;
  }

  /** The customer's answer to the bot's question. */
  private async fillSlot(turn: Turn): Promise<string | undefined> {
    const { state } = turn;
    const pending = state.pending;
    if (!pending) return undefined;
    const retry = async (
      key: ReplyKey,
      values: Record<string, string | number> = {},
    ): Promise<string | undefined> => {
      if (pending.attempts >= MAX_PROMPTS) {
        state.pending = undefined;
        turn.say('tooManyPrompts');
        return undefined;
      }
      turn.ask(pending.intent, pending.slot, key, values);
      return pending.intent;
    };

    switch (pending.slot) {
      case 'account':
      case 'district': {
        const digits = turn.entity('account_number') ?? /\b\d{10}\b/.exec(turn.text)?.[0];
        if (digits) {
          const known =
            isValidAccountNumber(digits) && (await this.accounts.findByAccountNumber(digits));
          if (!known) return retry('badAccount');
          state.accountNumber = digits;
        } else if (turn.entity('district')) {
          state.districtCode = turn.entity('district');
          if (NEEDS_VERIFICATION.has(pending.intent)) return retry('askAccount');
        } else {
          return retry(pending.slot === 'district' ? 'badDistrict' : 'askAccount', {
            districts: districtList(turn.language),
          });
        }
        state.pending = undefined;
        return this.act(turn, pending.intent, pending.period);
      }
      case 'phoneLast4': {
        const account = state.accountNumber;
        const last4 = /(?<!\d)\d{4}(?!\d)/.exec(turn.text)?.[0] ?? turn.entity('phone')?.slice(-4);
        if (!account) return retry('askAccount');
        if (!last4) return retry('askLast4', { account });
        if (!(await this.accounts.verifyPhoneLast4(account, last4))) {
          state.verificationFailures += 1;
          turn.noteAnswer(`verification failed for ${account} (${state.verificationFailures})`);
          if (state.verificationFailures >= MAX_VERIFICATION_FAILURES) {
            state.pending = undefined;
            return pending.intent;
          }
          turn.ask(pending.intent, 'phoneLast4', 'verifyFailed', {
            left: MAX_VERIFICATION_FAILURES - state.verificationFailures,
          });
          return pending.intent;
        }
        state.verifiedAccount = account;
        state.verificationFailures = 0;
        state.pending = undefined;
        turn.say('verified');
        turn.noteAnswer(`verified ${account} by phone`);
        const siblings = (await this.accounts.listSiblingAccounts(account)).filter(
          (a) => a.accountNumber !== account,
        );
        if (siblings.length > 0) {
          turn.say('otherAccounts', {
            list: siblings
              .map((a) => `${a.accountNumber}（${a.address[turn.language]}）`)
              .join(turn.language === 'zh' ? '；' : '; '),
          });
        }
        return this.act(turn, pending.intent, pending.period);
      }
      case 'accountChoice': {
        const siblings = state.verifiedAccount
          ? await this.accounts.listSiblingAccounts(state.verifiedAccount)
          : [];
        const index = Number(/^\s*(\d)\s*$/.exec(turn.text)?.[1]);
        const chosen =
          siblings.find((a) => a.accountNumber === turn.entity('account_number')) ??
          (Number.isInteger(index) ? siblings[index - 1] : undefined);
        if (!chosen)
          return retry('chooseAccount', { list: numbered(siblings.map((a) => a.accountNumber)) });
        state.accountNumber = chosen.accountNumber;
        state.pending = undefined;
        turn.say('switchedAccount', { account: chosen.accountNumber });
        return this.act(turn, pending.intent, pending.period);
      }
    }
  }

  /** "No, the other account": switch among the verified holder's accounts and answer again. */
  private async switchAccount(turn: Turn): Promise<string | undefined> {
    const { state } = turn;
    const siblings = await this.accounts.listSiblingAccounts(state.verifiedAccount as string);
    const others = siblings.filter(
      (a) => a.accountNumber !== (state.accountNumber ?? state.verifiedAccount),
    );
    if (others.length === 0) return undefined;
    if (others.length === 1) {
      state.accountNumber = others[0].accountNumber;
      turn.say('switchedAccount', { account: others[0].accountNumber });
      return this.act(turn, state.lastIntent as string, state.lastPeriod);
    }
    turn.ask(state.lastIntent as string, 'accountChoice', 'chooseAccount', {
      list: numbered(others.map((a) => a.accountNumber)),
    });
    return state.lastIntent;
  }

  /** "And last month?" after a bill answer: the same question about another month. */
  private isFollowUp(turn: Turn, understood: boolean): boolean {
    const last = turn.state.lastIntent;
    if (!last || !turn.entity('date')) return false;
    const sameFamily = understood && turn.nlu.intent.split('.')[0] === last.split('.')[0];
    return (
      (last === 'billing.explain' || last === 'billing.balance') &&
      (!understood || sameFamily || turn.text.length < 20)
    );
  }

  /**
   * "And last month?" right after a bill means the month before that bill, not the calendar's
   * last month; an absolute month ("3月", "March") means itself.
   */
  private followUpPeriod(turn: Turn): string | undefined {
    const date = turn.nlu.entities.find((e) => e.type === 'date');
    const last = turn.state.lastPeriod;
    if (
      last &&
      date &&
      /上个?月|前一个?月|last month|previous month|month before/i.test(date.text)
    ) {
      return shiftMonth(last, -1);
    }
    return periodOf(date?.value);
  }

  private remember(state: DialogueState, account?: string, district?: string): void {
    if (account && isValidAccountNumber(account)) state.accountNumber = account;
    if (district) state.districtCode = district;
  }
}

function periodOf(date: string | undefined): string | undefined {
  return date && /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : undefined;
}

function shiftMonth(period: string, by: number): string {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function numbered(items: string[]): string {
  return items.map((item, i) => `${i + 1}) ${item}`).join('  ');
}

function caseCard(state: DialogueState): CaseCard {
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
