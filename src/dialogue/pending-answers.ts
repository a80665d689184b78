import { Injectable } from '@nestjs/common';
import { restHasContent } from '../nlu/slot-extractor';
import { AccountsService } from '../utility/accounts.service';
import { districtList } from './answers/outage.answers';
import { PendingQuestion } from './dialogue-state.schema';
import { INTERRUPT_CONFIDENCE } from './message-reading';
import { ReplyKey } from './replies';
import { slotQuestion } from './slot-questions';
import { NEEDS_VERIFICATION, TaskRunner } from './task-runner';
import { SLOT_NAMES, TASK_NAMES } from './task-replies';
import { Turn } from './turn';

/** Re-prompts for one slot before the bot stops asking. */
const MAX_PROMPTS = 2;

/** Answers anyone may have at any time: they never disturb the question in hand. */
const PUBLIC = /^(outage\.(status|planned)|billing\.(tariff|payment))$/;

/** Look-ups that change nothing: answered while a confirmation waits, which then still waits. */
const LOOK_UP =
  /^(outage\.(status|planned)|billing\.(balance|explain|tariff|payment)|meter\.reading)$/;

/** The prompt each slot is asked with, for a re-ask that does not count ("say that again"). */
const PROMPT: Record<PendingQuestion['slot'], ReplyKey> = {
  account: 'askAccount',
  district: 'askDistrict',
  phoneLast4: 'askLast4',
  accountChoice: 'chooseAccount',
  confirm: 'confirmAgain',
  newContact: 'askNewPhone',
};

/**
 * The customer's message while the bot waits for an answer. Dialogue acts are read against the
 * question (yes to a summary, never mind, I already told you); the awaited detail is taken from
 * wherever it is in the message; a confident new request sets the waiting task aside.
 */
@Injectable()
export class PendingAnswers {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tasks: TaskRunner,
  ) {}

  async answer(turn: Turn, pending: PendingQuestion): Promise<string | undefined> {
    const { state, reading } = turn;
    const act = reading.act?.act;
    const task = TASK_NAMES[pending.intent]?.[turn.language] ?? '';
    if (pending.slot === 'confirm') {
      if (act === 'affirm') {
        state.pending = undefined;
        return this.tasks.submit(turn, pending.intent, pending.said);
      }
      if (act === 'deny' || act === 'cancel') {
        state.pending = undefined;
        // "算了不销了，我家停电了什么时候来电": nothing is submitted, and the new question is answered.
        const rest = reading.act?.rest ?? '';
        if (restHasContent(rest) && reading.understood && reading.intent !== pending.intent) {
          turn.say('cancelledTaskOnly', { task });
          return this.tasks.act(turn, reading.intent, reading.month);
        }
        turn.say('cancelledTask', { task });
        return pending.intent;
      }
    } else if (act === 'cancel') {
      state.pending = undefined;
      if (reading.act?.rest && restHasContent(reading.act.rest) && reading.understood) {
        turn.say('setAside', { task });
        return this.tasks.act(turn, reading.intent, reading.month);
      }
      turn.say('cancelledTask', { task });
      return 'dialogue.cancel';
    }
    if (act === 'repeat') return this.reask(turn, pending);
    if (act === 'already_told') {
      turn.say('alreadyTold', { what: SLOT_NAMES[pending.slot][turn.language] });
      return this.reask(turn, pending, false);
    }

    const { slots } = reading;
    const answered =
      pending.slot === 'account'
        ? slots.accountNumber !== undefined
        : slots.phoneLast4 !== undefined || slots.phone !== undefined;
    // A question about the question: help, then the same question, never counted as an attempt.
    const asked = answered ? undefined : slotQuestion(turn.text, pending.slot);
    const values = { account: state.accountNumber ?? '' };
    if (asked === 'which_phone') {
      turn.say('whichPhone', values);
      return pending.intent;
    }
    if (asked === 'find_account' || (asked === 'why_asked' && !slots.district)) {
      turn.say(asked === 'find_account' ? 'findAccount' : whyKey(pending.slot), values);
      return this.reask(turn, pending);
    }
    const mark = turn.replies.length;
    const filled = await this.fill(turn, pending);
    if (filled !== undefined) {
      await this.alsoAsked(turn, pending, mark);
      return filled;
    }
    if (
      pending.slot === 'confirm' &&
      this.interrupts(turn, pending) &&
      LOOK_UP.test(reading.intent)
    ) {
      // A question before saying yes ("first show me the readings") does not drop the request.
      state.pending = undefined;
      const acted = await this.tasks.act(turn, reading.intent, reading.month);
      if (!state.pending) {
        state.pending = pending;
        state.lastIntent = pending.intent;
        turn.say('confirmAgain');
      }
      return acted;
    }
    if (this.interrupts(turn, pending)) {
      state.pending = undefined;
      if (task) turn.say('setAside', { task });
      return this.tasks.act(turn, reading.intent, reading.month);
    }
    if (act === 'deny' && pending.slot !== 'confirm') {
      state.pending = undefined;
      turn.say('noDetails');
      return 'dialogue.deny';
    }
    return this.retry(turn, pending);
  }

  /** A confident request for something else: the waiting task is set aside for it. */
  private interrupts(turn: Turn, pending: PendingQuestion): boolean {
    const { reading } = turn;
    return (
      reading.understood &&
      !reading.onlyDetails &&
      reading.confidence >= INTERRUPT_CONFIDENCE &&
      reading.intent !== pending.intent
    );
  }

  /**
   * The answer came with another question ("1000001014, and is there planned work in Xishan?").
   * Once the task is done the question is answered; while the bot still waits (for the digits),
   * a public question is answered first and the bot's question stays the last thing it says.
   */
  private async alsoAsked(turn: Turn, pending: PendingQuestion, mark: number): Promise<void> {
    const { reading, state } = turn;
    const family = (intent: string): string => intent.split('.')[0];
    if (!this.interrupts(turn, pending) || family(reading.intent) === family(pending.intent))
      return;
    const waiting = state.pending;
    if (!waiting) {
      await this.tasks.act(turn, reading.intent, reading.month);
      return;
    }
    const located = !reading.intent.startsWith('outage.') || turn.entity('district');
    if (!PUBLIC.test(reading.intent) || !located) return;
    const question = turn.replies.splice(mark);
    state.pending = undefined;
    await this.tasks.act(turn, reading.intent, reading.month);
    state.pending = waiting;
    state.lastIntent = waiting.intent;
    turn.replies.push(...question);
  }

  /** Takes the awaited detail from the message; undefined when it is not there. */
  private async fill(turn: Turn, pending: PendingQuestion): Promise<string | undefined> {
    const { state, reading } = turn;
    const { slots } = reading;
    switch (pending.slot) {
      case 'account':
      case 'district': {
        if (slots.badAccountNumber) return this.retry(turn, pending, 'badAccount');
        if (slots.accountNumber) {
          if (!(await this.accounts.findByAccountNumber(slots.accountNumber))) {
            state.accountNumber = undefined;
            return this.retry(turn, pending, 'badAccount');
          }
        } else if (!turn.entity('district') || NEEDS_VERIFICATION.has(pending.intent)) {
          // A district does not answer "which account?": it belongs to another question, if any.
          return undefined;
        }
        state.pending = undefined;
        return this.tasks.act(turn, pending.intent, pending.period);
      }
      case 'phoneLast4': {
        const account = state.accountNumber;
        if (!account) return this.retry(turn, pending, 'askAccount');
        if (!slots.phoneLast4 && slots.phone) {
          // A whole number is not the awaited kind: never a failed attempt.
          if (await this.accounts.verifyPhoneLast4(account, slots.phone.slice(-4))) {
            state.phoneLast4 = slots.phone.slice(-4);
          } else {
            turn.say('needLast4NotPhone', { account });
            return pending.intent;
          }
        }
        if (!state.phoneLast4 && !slots.accountNumber) return undefined;
        return this.tasks.act(turn, pending.intent, pending.period);
      }
      case 'accountChoice': {
        const others = await this.otherAccounts(turn);
        const chosen =
          others.find((a) => a.accountNumber === slots.accountNumber) ??
          (slots.choice ? others[slots.choice - 1] : undefined);
        if (!chosen) return undefined;
        state.accountNumber = chosen.accountNumber;
        state.pending = undefined;
        turn.say('switchedAccount', { account: chosen.accountNumber });
        return this.tasks.act(turn, pending.intent, pending.period);
      }
      case 'newContact': {
        if (!slots.phone) return undefined;
        state.newPhone = slots.phone;
        state.pending = undefined;
        return this.tasks.submit(turn, pending.intent, pending.said);
      }
      case 'confirm':
        return undefined;
    }
  }

  private async retry(
    turn: Turn,
    pending: PendingQuestion,
    key: ReplyKey = PROMPT[pending.slot],
  ): Promise<string | undefined> {
    if (pending.attempts >= MAX_PROMPTS) {
      turn.state.pending = undefined;
      turn.say('tooManyPrompts');
      return undefined;
    }
    turn.ask(pending.intent, pending.slot, key, await this.values(turn));
    return pending.intent;
  }

  /** The same question again, without counting it as a failed attempt. */
  private async reask(turn: Turn, pending: PendingQuestion, say = true): Promise<string> {
    if (say) turn.say(PROMPT[pending.slot], await this.values(turn));
    return pending.intent;
  }

  private async values(turn: Turn): Promise<Record<string, string>> {
    const { state } = turn;
    const others = state.pending?.slot === 'accountChoice' ? await this.otherAccounts(turn) : [];
    return {
      account: state.accountNumber ?? '',
      districts: districtList(turn.language),
      list: numbered(others.map((a) => a.accountNumber)),
    };
  }

  /** The verified holder's accounts other than the one in hand, in the order the bot lists them. */
  async otherAccounts(turn: Turn): Promise<{ accountNumber: string }[]> {
    const { state } = turn;
    if (!state.verifiedAccount) return [];
    const current = state.accountNumber ?? state.verifiedAccount;
    return (await this.accounts.listSiblingAccounts(state.verifiedAccount)).filter(
      (a) => a.accountNumber !== current,
    );
  }
}

/** Why the bot asks for the account, or for the phone's digits. */
function whyKey(slot: PendingQuestion['slot']): ReplyKey {
  return slot === 'account' ? 'whyAccount' : 'whyLast4';
}

/**
 * "1) … ；2) …": the separator is not a space, so that no account number runs into the next
 * item's digits (a run of digits and spaces would not be recognised, and masked, as an account).
 */
export function numbered(items: string[]): string {
  return items.map((item, i) => `${i + 1}) ${item}`).join('; ');
}
