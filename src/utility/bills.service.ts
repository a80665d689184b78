import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { Account } from './account.schema';
import { assertAccountNumber } from './accounts.service';
import { Bill } from './bill.schema';
import {
  isBillingPeriod,
  monthlyRecordId,
  previousPeriod,
  sameMonthLastYear,
} from './billing-period';
import { MeterReading } from './meter-reading.schema';
import { Payment } from './payment.schema';
import { RESIDENTIAL_TARIFF } from './tariff.config';
import { BillComparison, compareBills, ExplanationStep, explainBill } from './tariff-calculator';
import {
  BillView,
  MeterReadingView,
  PaymentView,
  toBillView,
  toMeterReadingView,
  toPaymentView,
} from './utility.views';

export interface BalanceView {
  accountNumber: string;
  unpaid: BillView[];
  totalDueFen: number;
  /** The earliest due date among unpaid bills. */
  nextDueDate: string | null;
  overdue: boolean;
}

export interface BillExplanationView {
  bill: BillView;
  steps: ExplanationStep[];
  otherPlan: { plan: Bill['tariffPlan']; amountFen: number };
  comparison: BillComparison;
}

/** How far back the bot looks: the balance counts unpaid bills within these months. */
const HISTORY_MONTHS = 13;

/**
 * Bills, payments and meter readings of an account. Every read is by `_id`
 * (`<accountNumber>:<YYYY-MM>`), walking back from the account's last billed month: FerretDB v1 on
 * SQLite pushes down no other filter, and a scan of 45k bills takes seconds (docs/storage.md).
 */
@Injectable()
export class BillsService {
  constructor(
    @InjectModel(Account.name) private readonly accounts: Model<Account>,
    @InjectModel(Bill.name) private readonly bills: Model<Bill>,
    @InjectModel(Payment.name) private readonly payments: Model<Payment>,
    @InjectModel(MeterReading.name) private readonly readings: Model<MeterReading>,
  ) {}

  /** Newest first. */
  async listBills(accountNumber: string, limit = HISTORY_MONTHS): Promise<BillView[]> {
    return (await this.recent(this.bills, accountNumber, limit)).map(toBillView);
  }

  async findBill(accountNumber: string, period: string): Promise<BillView | null> {
    const bill = await this.findRaw(accountNumber, period);
    return bill ? toBillView(bill) : null;
  }

  async latestBill(accountNumber: string): Promise<BillView | null> {
    const [latest] = await this.listBills(accountNumber, 1);
    return latest ?? null;
  }

  async balance(accountNumber: string, now = new Date()): Promise<BalanceView> {
    const unpaid = (await this.recent(this.bills, accountNumber, HISTORY_MONTHS))
      .filter((b) => b.status === 'unpaid')
      .reverse();
    const first = unpaid[0];
    return {
      accountNumber,
      unpaid: unpaid.map(toBillView),
      totalDueFen: unpaid.reduce((sum, b) => sum + b.amountFen, 0),
      nextDueDate: first ? first.dueDate.toISOString() : null,
      overdue: unpaid.some((b) => b.dueDate.getTime() < now.getTime()),
    };
  }

  /**
   * A bill explained tier by tier and period by period, compared with the previous month and the
   * same month last year. Without `period`, the latest bill. Null when there is no such bill.
   */
  async explain(accountNumber: string, period?: string): Promise<BillExplanationView | null> {
    const bill = period
      ? await this.findRaw(accountNumber, period)
      : ((await this.recent(this.bills, accountNumber, 1))[0] ?? null);
    if (!bill) return null;
    const explanation = explainBill(
      {
        kwh: bill.kwh,
        peakKwh: bill.peakKwh,
        valleyKwh: bill.valleyKwh,
        yearToDateKwhBefore: bill.yearToDateKwhBefore,
        plan: bill.tariffPlan,
      },
      RESIDENTIAL_TARIFF,
    );
    const snapshot = async (
      p: string,
    ): Promise<{ period: string; kwh: number; amountFen: number } | null> => {
      const b = await this.bills.findById(monthlyRecordId(accountNumber, p)).lean<Bill>();
      return b ? { period: b.period, kwh: b.kwh, amountFen: b.amountFen } : null;
    };
    return {
      bill: toBillView(bill),
      steps: explanation.steps,
      otherPlan: explanation.otherPlan,
      comparison: compareBills(
        { period: bill.period, kwh: bill.kwh, amountFen: bill.amountFen },
        await snapshot(previousPeriod(bill.period)),
        await snapshot(sameMonthLastYear(bill.period)),
      ),
    };
  }

  /** Payments of the recent bills, newest first. */
  async listPayments(accountNumber: string, months = HISTORY_MONTHS): Promise<PaymentView[]> {
    const payments = await this.recent(this.payments, accountNumber, months, true);
    return payments.sort((a, b) => b.paidAt.getTime() - a.paidAt.getTime()).map(toPaymentView);
  }

  /** Newest first. */
  async listReadings(accountNumber: string, limit = HISTORY_MONTHS): Promise<MeterReadingView[]> {
    return (await this.recent(this.readings, accountNumber, limit)).map(toMeterReadingView);
  }

  private async findRaw(accountNumber: string, period: string): Promise<Bill | null> {
    assertAccountNumber(accountNumber);
    if (!isBillingPeriod(period)) throw new DomainError('VALIDATION', 'period must be YYYY-MM');
    return this.bills.findById(monthlyRecordId(accountNumber, period)).lean<Bill>();
  }

  /**
   * Up to `limit` monthly records, newest first, from the last billed month back over `limit`
   * months (a vacant month has no record). Sequential on purpose: FerretDB answers parallel
   * lookups slower than one after another.
   */
  private async recent<T>(
    model: Model<T>,
    accountNumber: string,
    limit: number,
    /** Look at exactly `limit` months, even where records are missing (payments). */
    monthsOnly = false,
  ): Promise<T[]> {
    assertAccountNumber(accountNumber);
    const account = await this.accounts.findOne({ accountNumber }).lean<Account>();
    if (!account?.lastBilledPeriod) return [];
    const found: T[] = [];
    let period = account.lastBilledPeriod;
    for (let i = 0; i < limit + (monthsOnly ? 0 : 2) && found.length < limit; i++) {
      const doc = await model.findById(monthlyRecordId(accountNumber, period)).lean<T>();
      if (doc) found.push(doc);
      period = previousPeriod(period);
    }
    return found;
  }
}
