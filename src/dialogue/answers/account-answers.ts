import { Injectable } from '@nestjs/common';
import { findDistrict } from '../../nlu/service-area';
import { resolveBillPeriod } from '../../utility/billing-period';
import { BillsService } from '../../utility/bills.service';
import { formatYuan } from '../../utility/money';
import { ServiceRequestType } from '../../utility/service-request.schema';
import { ServiceRequestsService } from '../../utility/service-requests.service';
import { TariffService } from '../../utility/tariff.service';
import { fill } from '../../common/bilingual';
import { READING_KINDS, REPLIES, REQUEST_TEXTS } from '../replies';
import { formatPeriod, Turn } from '../turn';

/** Which service request each intent opens. */
export const REQUEST_FOR_INTENT: Record<string, ServiceRequestType> = {
  'account.start_service': 'start_service',
  'account.stop_service': 'stop_service',
  'account.transfer': 'transfer_service',
  'account.update_contact': 'contact_update',
  'meter.fault': 'meter_check',
  'solar.connect': 'solar_connection',
  'billing.arrangement': 'billing_arrangement',
};

const PAYMENT_LINK = 'https://pay.example-utility.cn/qinghe';

/**
 * Answers about one account (bills, balance, readings) once the customer is verified, public
 * answers (tariffs, how to pay), and the service requests that open a case with a reference.
 */
@Injectable()
export class AccountAnswers {
  constructor(
    private readonly bills: BillsService,
    private readonly requests: ServiceRequestsService,
    private readonly tariffs: TariffService,
  ) {}

  tariff(turn: Turn): void {
    const table = this.tariffs.residentialTariff();
    turn.say('tariffIntro', {}, { type: 'tariff', data: { tariff: table } });
    for (const line of table.lines) turn.addLine(line);
    turn.noteAnswer('tariff tables');
  }

  payment(turn: Turn): void {
    turn.say('payment', { link: PAYMENT_LINK });
    turn.noteAnswer('payment channels');
  }

  async balance(turn: Turn, account: string): Promise<void> {
    const balance = await this.bills.balance(account);
    if (balance.unpaid.length === 0) {
      turn.say('balanceNone', { account });
    } else {
      turn.say(
        'balanceDue',
        {
          account,
          amount: formatYuan(balance.totalDueFen),
          count: balance.unpaid.length,
          due: balance.nextDueDate ? turn.date(balance.nextDueDate) : '—',
          overdue: balance.overdue ? REPLIES.overdue[turn.language] : '',
        },
        { type: 'bill', data: { balance } },
      );
    }
    turn.noteAnswer(
      `balance ${account}: ${formatYuan(balance.totalDueFen)} due (${balance.unpaid.length} bills)`,
    );
  }

  /** The bill of one month: its amount and whether it is paid ("这个月电费多少"). */
  async billAmount(turn: Turn, account: string, wanted: string): Promise<void> {
    const period = await this.resolve(turn, account, wanted);
    if (!period) return;
    const bill = await this.bills.findBill(account, period);
    if (!bill) return;
    turn.say(
      'billAmount',
      {
        account,
        period: formatPeriod(period, turn.language),
        amount: formatYuan(bill.amountFen),
        status:
          bill.status === 'paid'
            ? REPLIES.billPaid[turn.language]
            : fill(REPLIES.billUnpaid[turn.language], {
                due: turn.date(bill.dueDate),
              }),
      },
      { type: 'bill', data: { bill } },
    );
    this.noteMonth(turn, wanted, period);
    turn.noteAnswer(`bill ${account} ${period}: ${formatYuan(bill.amountFen)} yuan`);
  }

  async explain(turn: Turn, account: string, wanted?: string): Promise<void> {
    const period = await this.resolve(turn, account, wanted);
    if (!period) return;
    const explanation = await this.bills.explain(account, period);
    if (!explanation) return;
    const { bill } = explanation;
    turn.say(
      'billIntro',
      { account, period: formatPeriod(bill.period, turn.language) },
      { type: 'bill', data: { explanation } },
    );
    for (const step of explanation.steps) turn.addLine(step.text);
    for (const line of explanation.comparison.text) turn.addLine(line);
    this.noteMonth(turn, wanted, period);
    turn.noteAnswer(`explained bill ${account} ${bill.period}: ${formatYuan(bill.amountFen)} yuan`);
  }

  /**
   * The bill a month reference means ("this month" = the latest issued), or an honest answer
   * that there is none, naming the latest there is.
   */
  private async resolve(turn: Turn, account: string, wanted?: string): Promise<string | undefined> {
    const issued = (await this.bills.listBills(account)).map((b) => b.period);
    const resolved = resolveBillPeriod(wanted, issued);
    if (resolved.period) {
      turn.state.lastPeriod = resolved.period;
      return resolved.period;
    }
    const values = {
      account,
      period: wanted && /^\d{4}-\d{2}$/.test(wanted) ? formatPeriod(wanted, turn.language) : '',
      latest: resolved.latest ? formatPeriod(resolved.latest, turn.language) : '—',
    };
    turn.say(resolved.latest && values.period ? 'billMissingLatest' : 'billMissing', values);
    turn.noteAnswer(`no bill ${account} ${wanted ?? 'latest'}`);
    return undefined;
  }

  /** "This month" answered with an earlier month: say so, so nobody pays the wrong bill. */
  private noteMonth(turn: Turn, wanted: string | undefined, period: string): void {
    if (wanted === 'latest' && period !== new Date().toISOString().slice(0, 7)) {
      turn.addLine('latestBillNote', { period: formatPeriod(period, turn.language) });
    }
  }

  async readings(turn: Turn, account: string): Promise<void> {
    const readings = await this.bills.listReadings(account, 3);
    turn.say('readings', { account });
    for (const r of readings) {
      turn.addLine('readingItem', {
        period: formatPeriod(r.period, turn.language),
        peak: r.peakRegisterKwh,
        valley: r.valleyRegisterKwh,
        kind: READING_KINDS[r.kind]?.[turn.language] ?? r.kind,
      });
    }
    turn.noteAnswer(`meter readings ${account}`);
  }

  async request(
    turn: Turn,
    intent: string,
    where: { accountNumber?: string; districtCode?: string },
    extra: { said?: string; newPhone?: string } = {},
  ): Promise<void> {
    const type = REQUEST_FOR_INTENT[intent];
    const request = await this.requests.create({
      type,
      language: turn.language,
      ...(where.accountNumber && { accountNumber: where.accountNumber }),
      ...(where.districtCode &&
        findDistrict(where.districtCode) && { districtCode: where.districtCode }),
      conversationId: turn.conversationId.toHexString(),
      ...(extra.newPhone && { contactPhone: extra.newPhone }),
      details: { customerSaid: (extra.said ?? turn.text).slice(0, 500) },
    });
    const texts = REQUEST_TEXTS[type];
    if (type === 'billing_arrangement') {
      // Arrears relief is a person's decision: the request is logged and the chat handed over.
      turn.needsPerson = true;
      turn.say('handoffDecision', { reference: request.reference });
    } else {
      turn.say(
        'requestCreated',
        {
          what: texts.what[turn.language],
          reference: request.reference,
          next: texts.next[turn.language],
        },
        { type: 'request', data: { reference: request.reference, type } },
      );
    }
    turn.noteAnswer(`opened ${type} ${request.reference}`);
  }
}
