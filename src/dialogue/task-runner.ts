import { VerificationAttemptsService } from '../common/verification-attempts.service';
import { VERIFICATION_COOL_DOWN } from '../common/verification-limit';
import { Injectable } from '@nestjs/common';
import { findDistrict } from '../nlu/service-area';
import { AccountsService } from '../utility/accounts.service';
import { BillsService } from '../utility/bills.service';
import { formatYuan } from '../utility/money';
import { AccountAnswers, REQUEST_FOR_INTENT } from './answers/account-answers';
import { districtList, OutageAnswers } from './answers/outage.answers';
import { MAX_VERIFICATION_FAILURES } from './escalation-policy';
import { ReplyKey } from './replies';
import { Turn } from './turn';

/** Intents whose answer reveals one account's data: they need a verified account. */
export const NEEDS_VERIFICATION = new Set([
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

const NOTHING_ELSE =
  /没有别的|没别的|没有其他|没其他|没有了|就这些|就这样|不用了|that'?s all|nothing else|that'?s it|all good|no more questions/i;

/** Not a catalogue intent: the customer proved who they are before saying what they want. */
export const VERIFY_ONLY = 'dialogue.verify';

/** Requests that cannot be taken back: a summary and a yes before anything is submitted. */
const CONFIRM_FIRST: Record<string, ReplyKey> = {
  'account.stop_service': 'confirmStop',
  'account.transfer': 'confirmTransfer',
  'account.start_service': 'confirmStart',
  'billing.arrangement': 'confirmArrangement',
};

/**
 * Carries out one intent: answers from the records, or the questions towards them (where, which
 * account, who the customer is), and the confirmation before an irreversible request.
 */
@Injectable()
export class TaskRunner {
  constructor(
    private readonly accounts: AccountsService,
    private readonly bills: BillsService,
    private readonly outages: OutageAnswers,
    private readonly answers: AccountAnswers,
    private readonly attempts: VerificationAttemptsService,
  ) {}

  /** Runs an intent; returns the intent acted on. `period`: a month reference (YYYY-MM, latest-N). */
  async act(turn: Turn, intent: string, period?: string): Promise<string> {
    const { state } = turn;
    state.intentPath = [...state.intentPath, intent].slice(-20);
    state.lastIntent = intent;
    switch (intent) {
      case 'greeting':
      case 'goodbye':
        turn.say(intent);
        return intent;
      case 'thanks':
        // "谢谢，没有别的了": thanked and done, so a goodbye rather than "anything else?".
        turn.say(NOTHING_ELSE.test(turn.text) ? 'goodbye' : 'thanks');
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
      case VERIFY_ONLY:
        turn.say('verifiedNoTask');
        return intent;
    }
    if (intent.startsWith('outage.')) {
      await this.outages.answer(turn, intent);
      return intent;
    }
    if (NEEDS_DISTRICT.has(intent)) {
      if (!state.districtCode && !state.accountNumber) {
        turn.ask(intent, 'district', 'askDistrict', { districts: districtList(turn.language) });
        if (state.pending) state.pending.said = turn.text.slice(0, 500);
        return intent;
      }
      await this.confirmOrSubmit(turn, intent);
      return intent;
    }
    if (NEEDS_VERIFICATION.has(intent)) {
      const account = await this.verifiedAccount(turn, intent, period);
      if (!account) return intent;
      if (intent === 'billing.balance' && period)
        await this.answers.billAmount(turn, account, period);
      else if (intent === 'billing.balance') await this.answers.balance(turn, account);
      else if (intent === 'billing.explain')
        await this.answers.explain(turn, account, period ?? state.lastPeriod);
      else if (intent === 'meter.reading') await this.answers.readings(turn, account);
      else if (intent === 'account.update_contact' && !state.newPhone) {
        turn.ask(intent, 'newContact', 'askNewPhone');
      } else if (REQUEST_FOR_INTENT[intent]) await this.confirmOrSubmit(turn, intent);
      return intent;
    }
    turn.say('greeting');
    return intent;
  }

  /** The customer said yes to the summary: the request is submitted with their first words. */
  async submit(turn: Turn, intent: string, said?: string): Promise<string> {
    const { state } = turn;
    await this.answers.request(
      turn,
      intent,
      {
        ...(state.accountNumber && { accountNumber: state.accountNumber }),
        ...(state.districtCode && { districtCode: state.districtCode }),
      },
      {
        said: said ?? turn.text,
        ...(intent === 'account.update_contact' && state.newPhone && { newPhone: state.newPhone }),
      },
    );
    if (intent === 'account.update_contact') state.newPhone = undefined;
    return intent;
  }

  private async confirmOrSubmit(turn: Turn, intent: string): Promise<void> {
    const key = CONFIRM_FIRST[intent];
    if (!key) {
      await this.submit(turn, intent);
      return;
    }
    const { state } = turn;
    const said = state.pending?.said ?? turn.text.slice(0, 500);
    const account = state.accountNumber
      ? await this.accounts.findByAccountNumber(state.accountNumber)
      : null;
    const district = findDistrict(state.districtCode ?? account?.districtCode ?? '');
    const owed =
      intent === 'billing.arrangement' && state.accountNumber
        ? (await this.bills.balance(state.accountNumber)).totalDueFen
        : 0;
    turn.ask(intent, 'confirm', key, {
      account: state.accountNumber ?? '',
      address: account?.address[turn.language] ?? '',
      district: district?.[turn.language] ?? '',
      amount: formatYuan(owed),
    });
    if (state.pending) state.pending.said = said;
  }

  /**
   * The account the customer may see, or a question towards it: the account number first, then
   * the last four digits of its registered phone (taken at once if they came with it). A
   * verified holder may see all their accounts.
   */
  async verifiedAccount(turn: Turn, intent: string, period?: string): Promise<string | undefined> {
    const { state } = turn;
    const account = state.accountNumber ?? state.verifiedAccount;
    const keep = (): void => {
      if (state.pending) {
        state.pending.period = period;
        state.pending.said ??= turn.text.slice(0, 500);
      }
    };
    if (!account) {
      turn.ask(intent, 'account', 'askAccount');
      keep();
      return undefined;
    }
    if (state.verifiedAccount === account) return account;
    if (state.verifiedAccount) {
      const siblings = await this.accounts.listSiblingAccounts(state.verifiedAccount);
      if (siblings.some((a) => a.accountNumber === account)) return account;
    }
    if (!(await this.accounts.findByAccountNumber(account))) {
      state.accountNumber = undefined;
      turn.ask(intent, 'account', 'badAccount');
      keep();
      return undefined;
    }
    if (state.phoneLast4) return this.verify(turn, intent, account, period);
    turn.ask(intent, 'phoneLast4', 'askLast4', { account });
    keep();
    return undefined;
  }

  /** Checks the digits given; a failure counts, and three hand the chat to a person. */
  private async verify(
    turn: Turn,
    intent: string,
    account: string,
    period?: string,
  ): Promise<string | undefined> {
    const { state } = turn;
    const last4 = state.phoneLast4 as string;
    state.phoneLast4 = undefined;
    // Attempts count per account across conversations (and instances): opening a new chat
    // does not buy more guesses.
    const allowed = await this.attempts.check(account);
    if (!allowed.allowed) return this.coolDown(turn, intent, allowed.retryAfterSeconds);
    if (!(await this.accounts.verifyPhoneLast4(account, last4))) {
      const after = await this.attempts.failed(account);
      if (!after.allowed) return this.coolDown(turn, intent, after.retryAfterSeconds);
      state.verificationFailures += 1;
      turn.noteAnswer(`verification failed for ${account} (${state.verificationFailures})`);
      if (state.verificationFailures >= MAX_VERIFICATION_FAILURES) {
        state.pending = undefined;
        return undefined;
      }
      const said = state.pending?.said ?? turn.text.slice(0, 500);
      turn.ask(intent, 'phoneLast4', 'verifyFailed', {
        left: MAX_VERIFICATION_FAILURES - state.verificationFailures,
      });
      if (state.pending) Object.assign(state.pending, { period, said });
      return undefined;
    }
    await this.attempts.succeeded(account);
    state.verifiedAccount = account;
    state.verificationFailures = 0;
    if (state.pending?.slot === 'phoneLast4') state.pending = undefined;
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
    return account;
  }

  /**
   * Too many wrong digits for this account lately: the customer is told when to try again.
   * Not verified, like a failed attempt (the caller then answers nothing more).
   */
  private coolDown(turn: Turn, intent: string, retryAfterSeconds: number): undefined {
    turn.state.pending = undefined;
    turn.sayText(VERIFICATION_COOL_DOWN, {
      minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)),
    });
    turn.noteAnswer(`verification cooling down (${intent})`);
    return undefined;
  }

  /** Digits given with no task in hand: verify, then ask what the customer wants. */
  async verifyOnly(turn: Turn): Promise<string | undefined> {
    const { state } = turn;
    const account = state.accountNumber;
    if (!account || !state.phoneLast4 || state.verifiedAccount === account) return undefined;
    if (!(await this.accounts.findByAccountNumber(account))) return undefined;
    if (await this.verify(turn, VERIFY_ONLY, account)) turn.say('verifiedNoTask');
    return VERIFY_ONLY;
  }
}
