import { Injectable } from '@nestjs/common';
import { hasEvidence } from '../nlu/intent-evidence';
import { addMonths } from '../utility/billing-period';
import { numbered, PendingAnswers } from './pending-answers';
import { TaskRunner, VERIFY_ONLY } from './task-runner';
import { Turn } from './turn';

/** Questions that can be answered again for "say that again" (nothing is logged twice). */
const REPEATABLE =
  /^(outage\.(status|planned)|billing\.(balance|explain|tariff|payment)|meter\.reading)$/;

const OTHER_ACCOUNT =
  /另一个|另外一个|其他户号|别的户号|换一个|不是这个|the other( one| account)?|another account|different account|wrong account|my other/i;
/** "And …?", "what about …?", "那…呢": the last question again, about something else. */
const ELLIPSIS = /^\s*(and|what about|how about|then|那|还有|再)|呢\s*[?？]?\s*$/i;
/** Look-ups of one account's data: asked again about another account by an ellipsis. */
const ACCOUNT_LOOK_UP = /^(billing\.(balance|explain)|meter\.reading)$/;
const RESALE_QUESTION =
  /(过户|转户).*(还是|或者|或).*(开户|新装|新户)|(开户|新装|新户).*(还是|或者|或).*(过户|转户)|transfer.*\bor\b.*(new account|new connection|open)|(new account|new connection).*\bor\b.*transfer/i;

/**
 * A message while no question is open: "the other account", dialogue acts ("ok", "never mind",
 * "say that again"), elliptical follow-ups ("and last month?", "那石桥呢"), then the intent.
 */
@Injectable()
export class OpenTurns {
  constructor(
    private readonly tasks: TaskRunner,
    private readonly pendingAnswers: PendingAnswers,
  ) {}

  async answer(turn: Turn): Promise<string | undefined> {
    const { state, reading } = turn;
    const act = reading.act?.act;
    if (state.verifiedAccount && state.lastIntent && OTHER_ACCOUNT.test(turn.text)) {
      const switched = await this.switchAccount(turn, state.lastIntent);
      if (switched) return switched;
    }
    if (act && !(reading.understood && /^(thanks|goodbye)$/.test(reading.intent))) {
      const handled = await this.freeAct(turn, act);
      if (handled) return handled;
    }
    const followUp = this.followUp(turn);
    if (followUp) return this.tasks.act(turn, followUp.intent, followUp.period);
    if (reading.understood) {
      if (RESALE_QUESTION.test(turn.text)) {
        turn.say('transferOrNew');
        return this.tasks.act(turn, 'account.transfer');
      }
      return this.tasks.act(turn, reading.intent, reading.month);
    }
    if (reading.onlyDetails && state.accountNumber) {
      return (await this.tasks.verifyOnly(turn)) ?? this.tasks.act(turn, VERIFY_ONLY);
    }
    return undefined;
  }

  /** An act with no question waiting: "ok", "never mind", "say that again". */
  private async freeAct(turn: Turn, act: string): Promise<string | undefined> {
    const { state, reading } = turn;
    switch (act) {
      case 'affirm':
        // "ok thx": a thank-you with an ok in front.
        if (hasEvidence('thanks', turn.text)) return this.tasks.act(turn, 'thanks');
        turn.say('anythingElse');
        return 'dialogue.affirm';
      case 'deny':
        // "No" with no question open answers "anything else?": the customer is done.
        turn.say('goodbye');
        return 'dialogue.deny';
      case 'cancel':
        if (reading.understood && reading.act?.rest) return undefined;
        turn.say('cancelled');
        return 'dialogue.cancel';
      case 'repeat':
        if (state.lastIntent && REPEATABLE.test(state.lastIntent)) {
          return this.tasks.act(turn, state.lastIntent, state.lastPeriod);
        }
        turn.say('anythingElse');
        return 'dialogue.repeat';
      case 'already_told':
        turn.say('wrongAnswer');
        return 'dialogue.already_told';
      case 'correct':
        // "No, I meant 1000002038" / "sorry, Xishan": the last question again with the new detail.
        if (state.lastIntent && (reading.slots.accountNumber || turn.entity('district'))) {
          return this.tasks.act(turn, state.lastIntent, state.lastPeriod);
        }
        return undefined;
    }
    return undefined;
  }

  /** "No, the other account": switch among the verified holder's accounts and answer again. */
  private async switchAccount(turn: Turn, intent: string): Promise<string | undefined> {
    const { state } = turn;
    const others = await this.pendingAnswers.otherAccounts(turn);
    if (others.length === 0) return undefined;
    if (others.length === 1) {
      state.accountNumber = others[0].accountNumber;
      turn.say('switchedAccount', { account: others[0].accountNumber });
      return this.tasks.act(turn, intent, state.lastPeriod);
    }
    turn.ask(intent, 'accountChoice', 'chooseAccount', {
      list: numbered(others.map((a) => a.accountNumber)),
    });
    return intent;
  }

  /**
   * Elliptical follow-ups: "and last month?" after a bill (the month before that bill, not the
   * calendar's), "and what about Xishan?" after an outage answer.
   */
  private followUp(turn: Turn): { intent: string; period?: string } | undefined {
    const { state, reading } = turn;
    const last = state.lastIntent;
    if (!last) return undefined;
    const short = !reading.understood || turn.text.length < 24;
    if ((last === 'billing.explain' || last === 'billing.balance') && reading.month && short) {
      const sameFamily = !reading.understood || reading.intent.startsWith('billing.');
      if (!sameFamily && !ELLIPSIS.test(turn.text)) return undefined;
      const month = reading.month;
      const period =
        month === 'latest-1' && state.lastPeriod ? addMonths(state.lastPeriod, -1) : month;
      // "那上个月呢" is the same question; "这个月的交了没有" after an explanation is a new one.
      const asked =
        !ELLIPSIS.test(turn.text) && reading.understood && sameFamily ? reading.intent : last;
      return { intent: asked, period };
    }
    // "and what about my neighbour's account 1000003051?": the same look-up on that account,
    // which the task verifies afresh.
    if (
      ACCOUNT_LOOK_UP.test(last) &&
      reading.slots.accountNumber &&
      !reading.understood &&
      ELLIPSIS.test(turn.text)
    ) {
      return { intent: last };
    }
    if (last.startsWith('outage.') && turn.entity('district') && short) {
      return { intent: last === 'outage.report' ? 'outage.status' : last };
    }
    return undefined;
  }
}
