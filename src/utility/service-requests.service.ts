import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomInt } from 'crypto';
import { Model } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { isDuplicateKey } from '../common/mongo-errors';
import { assertAccountNumber } from './accounts.service';
import { IndexReadiness } from './index-readiness';
import { ServiceRequest, ServiceRequestType } from './service-request.schema';
import { ServiceRequestView, toServiceRequestView } from './utility.views';

export interface NewServiceRequest {
  type: ServiceRequestType;
  language: 'zh' | 'en';
  accountNumber?: string;
  districtCode?: string;
  feederId?: string;
  contactPhone?: string;
  conversationId?: string;
  details?: Record<string, string>;
}

/** A clash needs six random digits to repeat on the same day; more than a few in a row is a fault. */
const MAX_ATTEMPTS = 5;

/**
 * `SR` + the UTC date + six random digits, e.g. `SR250615-483920`: digits only, because customers
 * read it out over the phone. Uniqueness comes from the index, not from a counter: FerretDB v1
 * loses concurrent `$inc`s, but a clashing insert is always refused.
 */
export function makeReference(
  now: Date,
  random: () => number = () => randomInt(1_000_000),
): string {
  const day = now.toISOString().slice(2, 10).replace(/-/g, '');
  return `SR${day}-${String(random()).padStart(6, '0')}`;
}

@Injectable()
export class ServiceRequestsService {
  private readonly indexes: IndexReadiness;
  /** Replaceable in tests to force clashes. */
  referenceSource: (now: Date) => string = (now) => makeReference(now);

  constructor(@InjectModel(ServiceRequest.name) private readonly requests: Model<ServiceRequest>) {
    this.indexes = new IndexReadiness(() => this.requests.createIndexes());
  }

  async create(input: NewServiceRequest): Promise<ServiceRequestView> {
    if (input.accountNumber !== undefined) assertAccountNumber(input.accountNumber);
    await this.indexes.wait();
    for (let attempt = 1; ; attempt++) {
      const now = new Date();
      try {
        const created = await this.requests.create({
          ...input,
          reference: this.referenceSource(now),
          status: 'received',
          details: input.details ?? {},
          createdAt: now,
        });
        return toServiceRequestView(created.toObject());
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw new DomainError('UNAVAILABLE', 'could not allocate a reference number');
        }
      }
    }
  }

  async findByReference(reference: string): Promise<ServiceRequestView | null> {
    const request = await this.requests
      .findOne({ reference: reference.trim().toUpperCase() })
      .lean<ServiceRequest>();
    return request ? toServiceRequestView(request) : null;
  }

  /** Newest first. */
  async listByAccount(accountNumber: string, limit = 10): Promise<ServiceRequestView[]> {
    assertAccountNumber(accountNumber);
    const requests = await this.requests
      .find({ accountNumber })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean<ServiceRequest[]>();
    return requests.map(toServiceRequestView);
  }
}
