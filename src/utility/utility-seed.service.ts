import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { isDuplicateKey } from '../common/mongo-errors';
import { Account } from './account.schema';
import { Bill } from './bill.schema';
import { Customer } from './customer.schema';
import { DEFAULT_DEMO_CUSTOMERS, DemoData, generateDemoData } from './demo-data.generator';
import { MeterReading } from './meter-reading.schema';
import { Outage } from './outage.schema';
import { Payment } from './payment.schema';
import { ServiceRequest } from './service-request.schema';
import { UtilitySeed } from './utility-seed.schema';

export interface UtilitySeedOptions {
  seed: number;
  customers?: number;
  now?: Date;
}

export type UtilitySeedCounts = Record<keyof DemoData, number>;

export interface UtilitySeedResult {
  /** True when the database already held this seed's data and nothing was written. */
  skipped: boolean;
  counts: UtilitySeedCounts;
  durationMs: number;
}

/** About the batch FerretDB inserts fastest; larger batches gain nothing. */
const BATCH = 1000;
const MARKER_KEY = 'demo';

/** Loads the demo city. Idempotent per seed; prints nothing. */
@Injectable()
export class UtilitySeedService {
  constructor(
    @InjectModel(UtilitySeed.name) private readonly markers: Model<UtilitySeed>,
    @InjectModel(Customer.name) private readonly customers: Model<Customer>,
    @InjectModel(Account.name) private readonly accounts: Model<Account>,
    @InjectModel(Bill.name) private readonly bills: Model<Bill>,
    @InjectModel(MeterReading.name) private readonly readings: Model<MeterReading>,
    @InjectModel(Payment.name) private readonly payments: Model<Payment>,
    @InjectModel(Outage.name) private readonly outages: Model<Outage>,
    @InjectModel(ServiceRequest.name) private readonly requests: Model<ServiceRequest>,
  ) {}

  async seed(options: UtilitySeedOptions): Promise<UtilitySeedResult> {
    const started = Date.now();
    const customers = options.customers ?? DEFAULT_DEMO_CUSTOMERS;
    // Unique indexes first: they make the marker a lock and a resumed seed skip what it stored.
    await Promise.all(
      [
        this.markers,
        this.customers,
        this.accounts,
        this.bills,
        this.readings,
        this.payments,
        this.outages,
        this.requests,
      ].map((m) => m.createIndexes()),
    );

    let marker = await this.markers.findOne({ key: MARKER_KEY }).lean<UtilitySeed>();
    if (!marker) {
      try {
        const created = await this.markers.create({
          key: MARKER_KEY,
          seed: options.seed,
          customers,
          now: options.now ?? new Date(),
          status: 'seeding',
        });
        marker = created.toObject();
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        marker = await this.markers.findOne({ key: MARKER_KEY }).lean<UtilitySeed>();
        if (!marker) throw error;
      }
    }
    if (marker.seed !== options.seed || marker.customers !== customers) {
      throw new DomainError(
        'CONFLICT',
        `the database already holds demo data for seed ${marker.seed} (${marker.customers} customers)`,
      );
    }
    if (marker.status === 'complete') {
      return {
        skipped: true,
        counts: marker.counts as UtilitySeedCounts,
        durationMs: Date.now() - started,
      };
    }

    // A marker still 'seeding' is an interrupted or concurrent run: inserting again with the
    // marker's own `now` gives the same documents, and the unique indexes drop the repeats.
    const data = generateDemoData({ seed: marker.seed, customers, now: marker.now });
    await this.insertAll(this.customers, data.customers);
    await this.insertAll(this.accounts, data.accounts);
    await this.insertAll(this.outages, data.outages);
    await this.insertAll(this.bills, data.bills);
    await this.insertAll(this.readings, data.readings);
    await this.insertAll(this.payments, data.payments);
    const counts: UtilitySeedCounts = {
      customers: data.customers.length,
      accounts: data.accounts.length,
      bills: data.bills.length,
      readings: data.readings.length,
      payments: data.payments.length,
      outages: data.outages.length,
    };
    await this.markers.updateOne({ key: MARKER_KEY }, { $set: { status: 'complete', counts } });
    return { skipped: false, counts, durationMs: Date.now() - started };
  }

  private async insertAll<T>(model: Model<T>, docs: readonly T[]): Promise<void> {
    for (let i = 0; i < docs.length; i += BATCH) {
      try {
        // lean: the generator's objects are already in shape; skipping hydration and validation
        // is most of the speed.
        await model.insertMany(docs.slice(i, i + BATCH), { ordered: false, lean: true });
      } catch (error) {
        if (!onlyDuplicates(error)) throw error;
      }
    }
  }
}

function onlyDuplicates(error: unknown): boolean {
  if (isDuplicateKey(error)) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    return !Array.isArray(writeErrors) || writeErrors.every(isDuplicateKey);
  }
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every(isDuplicateKey);
}
