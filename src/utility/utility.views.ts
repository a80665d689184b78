import type { Bilingual } from '../common/bilingual';
import type { Account } from './account.schema';
import type { Bill } from './bill.schema';
import type { Customer } from './customer.schema';
import type { MeterReading } from './meter-reading.schema';
import type { Outage } from './outage.schema';
import type { Payment } from './payment.schema';
import type { ServiceRequest } from './service-request.schema';

/**
 * What the utility services hand to the dialogue: plain data, dates as ISO strings, money in fen,
 * customer-facing text in both languages. Nothing of mongoose leaves the module.
 */
export interface CustomerView {
  customerNo: string;
  name: Bilingual;
  preferredLanguage: 'zh' | 'en';
}

export interface AccountView {
  accountNumber: string;
  customerNo: string;
  holderName: Bilingual;
  address: Bilingual;
  districtCode: string;
  feederId: string;
  tariffPlan: Account['tariffPlan'];
  status: Account['status'];
  /** Masked: the full phone is for verification inside the module only. */
  phoneMasked: string;
}

export interface BillView {
  accountNumber: string;
  period: string;
  tariffPlan: Bill['tariffPlan'];
  kwh: number;
  peakKwh: number;
  valleyKwh: number;
  tierKwh: [number, number, number];
  yearToDateKwhBefore: number;
  estimated: boolean;
  amountFen: number;
  issuedAt: string;
  dueDate: string;
  status: Bill['status'];
  paidAt?: string;
}

export interface PaymentView {
  paymentRef: string;
  accountNumber: string;
  period: string;
  amountFen: number;
  channel: Payment['channel'];
  paidAt: string;
}

export interface MeterReadingView {
  accountNumber: string;
  period: string;
  readAt: string;
  kind: MeterReading['kind'];
  peakRegisterKwh: number;
  valleyRegisterKwh: number;
}

export interface EtaChangeView {
  at: string;
  estimatedRestoration: string;
  note: Bilingual;
}

export interface OutageView {
  outageNo: string;
  kind: Outage['kind'];
  status: Outage['status'];
  districtCode: string;
  feederIds: string[];
  wholeDistrict: boolean;
  area: Bilingual;
  cause: Bilingual;
  startAt: string;
  estimatedRestoration?: string;
  restoredAt?: string;
  affectedCustomers: number;
  etaHistory: EtaChangeView[];
  updatedAt: string;
}

export interface ServiceRequestView {
  reference: string;
  type: ServiceRequest['type'];
  status: ServiceRequest['status'];
  accountNumber?: string;
  districtCode?: string;
  feederId?: string;
  language: 'zh' | 'en';
  conversationId?: string;
  details: Record<string, string>;
  createdAt: string;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function toCustomerView(c: Customer): CustomerView {
  return {
    customerNo: c.customerNo,
    name: { zh: c.nameZh, en: c.nameEn },
    preferredLanguage: c.preferredLanguage,
  };
}

export function toAccountView(a: Account): AccountView {
  return {
    accountNumber: a.accountNumber,
    customerNo: a.customerNo,
    holderName: { zh: a.holderNameZh, en: a.holderNameEn },
    address: { zh: a.addressZh, en: a.addressEn },
    districtCode: a.districtCode,
    feederId: a.feederId,
    tariffPlan: a.tariffPlan,
    status: a.status,
    phoneMasked: maskPhone(a.phone),
  };
}

export function toBillView(b: Bill): BillView {
  return {
    accountNumber: b.accountNumber,
    period: b.period,
    tariffPlan: b.tariffPlan,
    kwh: b.kwh,
    peakKwh: b.peakKwh,
    valleyKwh: b.valleyKwh,
    tierKwh: [b.tier1Kwh, b.tier2Kwh, b.tier3Kwh],
    yearToDateKwhBefore: b.yearToDateKwhBefore,
    estimated: b.estimated,
    amountFen: b.amountFen,
    issuedAt: b.issuedAt.toISOString(),
    dueDate: b.dueDate.toISOString(),
    status: b.status,
    ...(b.paidAt && { paidAt: b.paidAt.toISOString() }),
  };
}

export function toPaymentView(p: Payment): PaymentView {
  return {
    paymentRef: p.paymentRef,
    accountNumber: p.accountNumber,
    period: p.period,
    amountFen: p.amountFen,
    channel: p.channel,
    paidAt: p.paidAt.toISOString(),
  };
}

export function toMeterReadingView(r: MeterReading): MeterReadingView {
  return {
    accountNumber: r.accountNumber,
    period: r.period,
    readAt: r.readAt.toISOString(),
    kind: r.kind,
    peakRegisterKwh: r.peakRegisterKwh,
    valleyRegisterKwh: r.valleyRegisterKwh,
  };
}

export function toOutageView(o: Outage): OutageView {
  return {
    outageNo: o.outageNo,
    kind: o.kind,
    status: o.status,
    districtCode: o.districtCode,
    feederIds: [...o.feederIds],
    wholeDistrict: o.wholeDistrict,
    area: { zh: o.areaZh, en: o.areaEn },
    cause: { zh: o.causeZh, en: o.causeEn },
    startAt: o.startAt.toISOString(),
    ...(o.estimatedRestoration && { estimatedRestoration: o.estimatedRestoration.toISOString() }),
    ...(o.restoredAt && { restoredAt: o.restoredAt.toISOString() }),
    affectedCustomers: o.affectedCustomers,
    etaHistory: o.etaHistory.map((e) => ({
      at: e.at.toISOString(),
      estimatedRestoration: e.estimatedRestoration.toISOString(),
      note: { zh: e.noteZh, en: e.noteEn },
    })),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function toServiceRequestView(r: ServiceRequest): ServiceRequestView {
  return {
    reference: r.reference,
    type: r.type,
    status: r.status,
    ...(r.accountNumber !== undefined && { accountNumber: r.accountNumber }),
    ...(r.districtCode !== undefined && { districtCode: r.districtCode }),
    ...(r.feederId !== undefined && { feederId: r.feederId }),
    language: r.language,
    ...(r.conversationId !== undefined && { conversationId: r.conversationId }),
    details: { ...r.details },
    createdAt: r.createdAt.toISOString(),
  };
}
