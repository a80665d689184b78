import { findDistrict, SERVICE_AREA } from '../nlu/service-area';
import { luhnCheckDigit } from '../nlu/account-number';
import type { Account } from './account.schema';
import type { Bill } from './bill.schema';
import { addMonths, monthlyRecordId, parsePeriod, periodOf, periodOfDate } from './billing-period';
import type { Customer } from './customer.schema';
import { DEMO_FEEDERS, Feeder, WELL_KNOWN_ACCOUNTS, WellKnownAccount } from './demo-city';
import type { MeterReading } from './meter-reading.schema';
import type { Outage } from './outage.schema';
import type { Payment, PaymentChannel } from './payment.schema';
import { createSeededRandom, SeededRandom } from './seeded-random';
import { RESIDENTIAL_TARIFF } from './tariff.config';
import { computeBill, TariffPlan } from './tariff-calculator';

/** Pure: builds the demo city's records as plain objects; UtilitySeedService stores them. */

export interface DemoDataOptions {
  seed: number;
  /** Customers, the well-known ones included. */
  customers?: number;
  /** Bills and outages are placed relative to this instant. */
  now: Date;
  /**
   * Billed months per account. 13 by default: a year of history plus the month a year before the
   * latest, so the latest bill can always be compared with the same month last year.
   */
  months?: number;
}

export interface DemoData {
  customers: Customer[];
  accounts: Account[];
  bills: Bill[];
  readings: MeterReading[];
  payments: Payment[];
  outages: Outage[];
}

export const DEFAULT_DEMO_CUSTOMERS = 3000;
export const DEFAULT_DEMO_MONTHS = 13;

/** Bills of a month are issued on this day of the next month (UTC). */
const ISSUE_DAY = 5;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Seasonal factor by calendar month: air conditioning peaks in July–August, heating in
 * December–February, shoulder months are lowest.
 */
const SEASON = [1.35, 1.25, 0.95, 0.8, 0.82, 1.05, 1.5, 1.55, 1.1, 0.85, 0.95, 1.25];

const SURNAMES: readonly [string, string][] = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['黄', 'Huang'],
  ['赵', 'Zhao'],
  ['吴', 'Wu'],
  ['周', 'Zhou'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['马', 'Ma'],
  ['朱', 'Zhu'],
  ['胡', 'Hu'],
  ['郭', 'Guo'],
  ['何', 'He'],
  ['林', 'Lin'],
  ['罗', 'Luo'],
  ['高', 'Gao'],
];
const GIVEN_NAMES: readonly [string, string][] = [
  ['伟', 'Wei'],
  ['芳', 'Fang'],
  ['娜', 'Na'],
  ['敏', 'Min'],
  ['静', 'Jing'],
  ['丽', 'Li'],
  ['强', 'Qiang'],
  ['磊', 'Lei'],
  ['军', 'Jun'],
  ['洋', 'Yang'],
  ['勇', 'Yong'],
  ['艳', 'Yan'],
  ['杰', 'Jie'],
  ['涛', 'Tao'],
  ['明', 'Ming'],
  ['超', 'Chao'],
  ['秀英', 'Xiuying'],
  ['桂英', 'Guiying'],
  ['建华', 'Jianhua'],
  ['志强', 'Zhiqiang'],
  ['海燕', 'Haiyan'],
  ['晓东', 'Xiaodong'],
  ['雪梅', 'Xuemei'],
  ['国庆', 'Guoqing'],
  ['子涵', 'Zihan'],
  ['浩然', 'Haoran'],
  ['欣怡', 'Xinyi'],
  ['宇轩', 'Yuxuan'],
];
const LATIN_NAMES: readonly [string, string][] = [
  ['David', 'Miller'],
  ['Sarah', 'Johnson'],
  ['Kofi', 'Osei'],
  ['Anna', 'Schmidt'],
  ['Ravi', 'Patel'],
  ['Maria', 'Garcia'],
  ['Tom', 'Wilson'],
  ['Yuki', 'Tanaka'],
];
/** Two streets per district: enough variety for a demo, predictable enough to read. */
const STREETS: Record<string, readonly [string, string][]> = {
  'QH-DH': [
    ['湖滨路', 'Hubin Rd'],
    ['东湖大道', 'Donghu Ave'],
  ],
  'QH-XS': [
    ['西山路', 'Xishan Rd'],
    ['枫林街', 'Fenglin St'],
  ],
  'QH-NG': [
    ['港湾路', 'Gangwan Rd'],
    ['海关街', 'Haiguan St'],
  ],
  'QH-BC': [
    ['北城大街', 'Beicheng St'],
    ['建设路', 'Jianshe Rd'],
  ],
  'QH-GX': [
    ['科技大道', 'Keji Ave'],
    ['创新路', 'Chuangxin Rd'],
  ],
  'QH-LJ': [
    ['临江路', 'Linjiang Rd'],
    ['滨江大道', 'Binjiang Ave'],
  ],
  'QH-LT': [
    ['柳塘街', 'Liutang St'],
    ['荷花路', 'Hehua Rd'],
  ],
  'QH-SQ': [
    ['石桥街', 'Shiqiao St'],
    ['古镇路', 'Guzhen Rd'],
  ],
};
/** Urban districts hold most households. */
const DISTRICT_WEIGHTS: Record<string, number> = {
  'QH-DH': 18,
  'QH-XS': 15,
  'QH-NG': 15,
  'QH-BC': 16,
  'QH-GX': 14,
  'QH-LJ': 12,
  'QH-LT': 5,
  'QH-SQ': 5,
};
const CHANNELS: readonly PaymentChannel[] = [
  'wechat',
  'wechat',
  'alipay',
  'alipay',
  'bank',
  'direct_debit',
  'counter',
];

type PayHabit = 'prompt' | 'late' | 'arrears';

interface AccountPlan {
  account: Account;
  /** Average monthly kWh before seasonal variation. */
  baseKwh: number;
  /** Share of kWh in peak hours. */
  peakShare: number;
  habit: PayHabit;
}

function withCheckDigit(body: string): string {
  return `${body}${luhnCheckDigit(body)}`;
}

function pickWeightedDistrict(random: SeededRandom): string {
  const total = Object.values(DISTRICT_WEIGHTS).reduce((a, b) => a + b, 0);
  let r = random.next() * total;
  for (const d of SERVICE_AREA) {
    r -= DISTRICT_WEIGHTS[d.code] ?? 1;
    if (r < 0) return d.code;
  }
  return SERVICE_AREA[0].code;
}

function feedersIn(districtCode: string): Feeder[] {
  return DEMO_FEEDERS.filter((f) => f.districtCode === districtCode);
}

function address(random: SeededRandom, districtCode: string): { zh: string; en: string } {
  const district = findDistrict(districtCode);
  const [streetZh, streetEn] = random.pick(STREETS[districtCode] ?? [['中心路', 'Zhongxin Rd']]);
  const no = random.int(1, 388);
  const building = random.int(1, 24);
  const room = `${random.int(1, 28)}${String(random.int(1, 4)).padStart(2, '0')}`;
  return {
    zh: `青禾市${district?.zh ?? ''}${streetZh}${no}号${building}栋${room}室`,
    en: `Room ${room}, Bldg ${building}, ${no} ${streetEn}, ${district?.en ?? ''}, Qinghe`,
  };
}

function mobile(random: SeededRandom): string {
  const prefix = random.pick([
    '130',
    '135',
    '136',
    '138',
    '139',
    '150',
    '158',
    '177',
    '186',
    '189',
  ]);
  return `${prefix}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** The latest month whose bill has been issued by `now`. */
function latestIssuedPeriod(now: Date): string {
  const current = periodOfDate(now);
  const issuedThisMonth = now.getUTCDate() >= ISSUE_DAY;
  return addMonths(current, issuedThisMonth ? -1 : -2);
}

function issueDate(period: string): Date {
  const next = parsePeriod(addMonths(period, 1));
  return new Date(Date.UTC(next.year, next.month - 1, ISSUE_DAY, 1));
}

export function generateDemoData(options: DemoDataOptions): DemoData {
  const random = createSeededRandom(options.seed);
  const customerCount = Math.max(options.customers ?? DEFAULT_DEMO_CUSTOMERS, 4);
  const months = options.months ?? DEFAULT_DEMO_MONTHS;
  const now = options.now;

  const latest = latestIssuedPeriod(now);
  const periods = Array.from({ length: months }, (_, i) => addMonths(latest, i - months + 1));
  // Usage is simulated from the January of the first billed year, because the annual ladder of
  // the first billed month depends on the months before it.
  const firstYear = parsePeriod(periods[0]).year;
  const simulated: string[] = [];
  for (let p = periodOf(firstYear, 1); p <= latest; p = addMonths(p, 1)) simulated.push(p);

  const customers: Customer[] = [];
  const plans: AccountPlan[] = [];
  const usedNumbers = new Set<string>();
  const openedAt = new Date(Date.UTC(firstYear - 3, 0, 1));

  const addAccount = (
    customer: Customer,
    spec: Omit<
      Account,
      'customerNo' | 'holderNameZh' | 'holderNameEn' | 'status' | 'openedAt' | 'phone'
    >,
    baseKwh: number,
    habit: PayHabit,
  ): void => {
    usedNumbers.add(spec.accountNumber);
    plans.push({
      account: {
        ...spec,
        customerNo: customer.customerNo,
        holderNameZh: customer.nameZh,
        holderNameEn: customer.nameEn,
        phone: customer.phone,
        status: 'active',
        openedAt,
      },
      baseKwh,
      peakShare:
        spec.tariffPlan === 'tou' ? 0.45 + random.next() * 0.15 : 0.55 + random.next() * 0.2,
      habit,
    });
  };

  // The well-known accounts first, with fixed identities; their usage still comes from the seed.
  const wellKnown = Object.values(WELL_KNOWN_ACCOUNTS) as WellKnownAccount[];
  for (const known of wellKnown) {
    let customer = customers.find((c) => c.customerNo === known.customerNo);
    if (!customer) {
      customer = {
        customerNo: known.customerNo,
        nameZh: known.holderNameZh,
        nameEn: known.holderNameEn,
        phone: known.phone,
        preferredLanguage: known === WELL_KNOWN_ACCOUNTS.heavyUserEnglish ? 'en' : 'zh',
      };
      customers.push(customer);
    }
    const where = address(random, known.districtCode);
    addAccount(
      customer,
      {
        accountNumber: known.accountNumber,
        addressZh: where.zh,
        addressEn: where.en,
        districtCode: known.districtCode,
        feederId: known.feederId,
        tariffPlan: known.plan,
      },
      known === WELL_KNOWN_ACCOUNTS.heavyUserEnglish ? 520 : random.int(150, 260),
      known === WELL_KNOWN_ACCOUNTS.unpaidBill ? 'arrears' : 'prompt',
    );
  }

  while (customers.length < customerCount) {
    const latin = random.chance(0.03);
    let nameZh: string;
    let nameEn: string;
    if (latin) {
      const [first, last] = random.pick(LATIN_NAMES);
      nameEn = `${first} ${last}`;
      nameZh = nameEn;
    } else {
      const [sZh, sEn] = random.pick(SURNAMES);
      const [gZh, gEn] = random.pick(GIVEN_NAMES);
      nameZh = `${sZh}${gZh}`;
      nameEn = `${sEn} ${gEn}`;
    }
    const customer: Customer = {
      customerNo: `C${String(customers.length + 1).padStart(7, '0')}`,
      nameZh,
      nameEn,
      phone: mobile(random),
      preferredLanguage: latin ? 'en' : 'zh',
    };
    customers.push(customer);
    const accountCount = random.chance(0.03) ? 3 : random.chance(0.1) ? 2 : 1;
    for (let a = 0; a < accountCount; a++) {
      let accountNumber: string;
      do {
        // Generated numbers start with 2–9, the well-known ones with 1.
        accountNumber = withCheckDigit(
          `${random.int(2, 9)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
        );
      } while (usedNumbers.has(accountNumber));
      const districtCode = pickWeightedDistrict(random);
      const where = address(random, districtCode);
      const plan: TariffPlan = random.chance(0.25) ? 'tou' : 'flat';
      // Roughly log-normal household sizes: most 120–250 kWh a month, a few heavy users.
      const baseKwh = Math.round(90 * Math.exp(random.next() * 1.1 + random.next() * 0.4));
      const r = random.next();
      addAccount(
        customer,
        {
          accountNumber,
          addressZh: where.zh,
          addressEn: where.en,
          districtCode,
          feederId: random.pick(feedersIn(districtCode)).feederId,
          tariffPlan: plan,
        },
        baseKwh,
        r < 0.04 ? 'arrears' : r < 0.18 ? 'late' : 'prompt',
      );
    }
  }

  const bills: Bill[] = [];
  const readings: MeterReading[] = [];
  const payments: Payment[] = [];
  const billed = new Set(periods);

  for (const plan of plans) {
    const { account } = plan;
    let peakRegister = random.int(1_000, 30_000);
    let valleyRegister = random.int(500, 15_000);
    let yearToDate = 0;
    const accountBills: Bill[] = [];
    for (const period of simulated) {
      const { month } = parsePeriod(period);
      if (month === 1) yearToDate = 0;
      const kwh = Math.max(
        0,
        Math.round(plan.baseKwh * SEASON[month - 1] * (0.85 + random.next() * 0.3)),
      );
      const peakKwh = Math.round(kwh * plan.peakShare);
      const valleyKwh = kwh - peakKwh;
      peakRegister += peakKwh;
      valleyRegister += valleyKwh;
      const estimated = random.chance(0.04);
      if (billed.has(period)) {
        const issuedAt = issueDate(period);
        readings.push({
          _id: monthlyRecordId(account.accountNumber, period),
          accountNumber: account.accountNumber,
          period,
          readAt: new Date(issuedAt.getTime() - random.int(2, 4) * DAY_MS),
          kind: estimated ? 'estimated' : 'actual',
          peakRegisterKwh: peakRegister,
          valleyRegisterKwh: valleyRegister,
        });
        const computation = computeBill({
          kwh,
          peakKwh,
          valleyKwh,
          yearToDateKwhBefore: yearToDate,
          plan: account.tariffPlan,
        });
        accountBills.push({
          _id: monthlyRecordId(account.accountNumber, period),
          accountNumber: account.accountNumber,
          period,
          tariffPlan: account.tariffPlan,
          tariffCode: RESIDENTIAL_TARIFF.code,
          kwh,
          peakKwh,
          valleyKwh,
          tier1Kwh: computation.tierKwh[0],
          tier2Kwh: computation.tierKwh[1],
          tier3Kwh: computation.tierKwh[2],
          yearToDateKwhBefore: yearToDate,
          estimated,
          amountFen: computation.amountFen,
          issuedAt,
          dueDate: new Date(issuedAt.getTime() + RESIDENTIAL_TARIFF.paymentTermDays * DAY_MS),
          status: 'unpaid',
        });
      }
      yearToDate += kwh;
    }
    // Payment behaviour: an account in arrears leaves its last two bills unpaid; the others pay
    // each bill some days after issue, and a bill whose payment day is still ahead stays unpaid.
    accountBills.forEach((bill, index) => {
      if (plan.habit === 'arrears' && index >= accountBills.length - 2) return;
      const days = plan.habit === 'late' ? random.int(15, 35) : random.int(1, 18);
      const paidAt = new Date(
        bill.issuedAt.getTime() + days * DAY_MS + random.int(8, 20) * HOUR_MS,
      );
      if (paidAt.getTime() > now.getTime()) return;
      bill.status = 'paid';
      bill.paidAt = paidAt;
      payments.push({
        _id: bill._id,
        paymentRef: `PAY${bill.period.replace('-', '')}${account.accountNumber}`,
        accountNumber: account.accountNumber,
        period: bill.period,
        amountFen: bill.amountFen,
        channel: random.pick(CHANNELS),
        paidAt,
      });
    });
    const last = accountBills.at(-1);
    if (last) account.lastBilledPeriod = last.period;
    bills.push(...accountBills);
  }

  return {
    customers,
    accounts: plans.map((p) => p.account),
    bills,
    readings,
    payments,
    outages: demoOutages(now, plans),
  };
}

interface OutageTemplate {
  kind: Outage['kind'];
  status: Outage['status'];
  districtCode: string;
  feederIds: string[];
  causeZh: string;
  causeEn: string;
  /** Hours from `now` (negative: in the past). */
  startHours: number;
  /** Hours from `now` of the (current) estimated restoration. */
  etaHours: number;
  restoredHours?: number;
  /** Earlier estimates, hours from `now`: [when revised, the estimate it gave]. */
  etaRevisions?: [number, number][];
}

/**
 * A few outages around `now`: always an active one on DH-F02 (the well-known outage account's
 * feeder), one more active, several planned, one restored and one cancelled.
 */
const OUTAGE_TEMPLATES: readonly OutageTemplate[] = [
  {
    kind: 'unplanned',
    status: 'active',
    districtCode: 'QH-DH',
    feederIds: ['DH-F02'],
    causeZh: '10kV 电缆接头故障，抢修人员已到场',
    causeEn: 'A 10 kV cable joint failed; the repair crew is on site',
    startHours: -1.5,
    etaHours: 2,
    etaRevisions: [[-1.25, 1]],
  },
  {
    kind: 'unplanned',
    status: 'active',
    districtCode: 'QH-LT',
    feederIds: ['LT-F01', 'LT-F03'],
    causeZh: '大风导致树木倒伏压断线路',
    causeEn: 'High winds brought a tree down on the line',
    startHours: -3,
    etaHours: 4,
    etaRevisions: [
      [-2.5, 2],
      [-1, 3],
    ],
  },
  {
    kind: 'unplanned',
    status: 'restored',
    districtCode: 'QH-NG',
    feederIds: ['NG-F03'],
    causeZh: '配电变压器过载跳闸',
    causeEn: 'A distribution transformer tripped on overload',
    startHours: -30,
    etaHours: -27,
    restoredHours: -27.5,
  },
  {
    kind: 'planned',
    status: 'planned',
    districtCode: 'QH-XS',
    feederIds: ['XS-F02'],
    causeZh: '线路计划检修',
    causeEn: 'Scheduled line maintenance',
    startHours: 24,
    etaHours: 32,
  },
  {
    kind: 'planned',
    status: 'planned',
    districtCode: 'QH-SQ',
    feederIds: [],
    causeZh: '配合道路施工迁改 10kV 线路',
    causeEn: 'Relocating a 10 kV line for road works',
    startHours: 48,
    etaHours: 56,
  },
  {
    kind: 'planned',
    status: 'planned',
    districtCode: 'QH-GX',
    feederIds: ['GX-F01', 'GX-F02'],
    causeZh: '变电站设备升级改造',
    causeEn: 'Substation equipment upgrade',
    startHours: 72,
    etaHours: 78,
  },
  {
    kind: 'planned',
    status: 'planned',
    districtCode: 'QH-DH',
    feederIds: ['DH-F04'],
    causeZh: '更换老旧配电变压器',
    causeEn: 'Replacing an ageing distribution transformer',
    startHours: 144,
    etaHours: 150,
  },
  {
    kind: 'planned',
    status: 'cancelled',
    districtCode: 'QH-BC',
    feederIds: ['BC-F02'],
    causeZh: '线路计划检修（已取消）',
    causeEn: 'Scheduled line maintenance (cancelled)',
    startHours: 96,
    etaHours: 104,
  },
];

function compactDate(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

function demoOutages(now: Date, plans: readonly AccountPlan[]): Outage[] {
  // Planned work starts on the hour, as work orders do.
  const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const at = (hours: number, planned: boolean): Date =>
    new Date(planned ? hourStart + hours * HOUR_MS : now.getTime() + hours * HOUR_MS);
  return OUTAGE_TEMPLATES.map((t, index) => {
    const planned = t.kind === 'planned';
    const district = findDistrict(t.districtCode);
    const feeders = DEMO_FEEDERS.filter((f) => t.feederIds.includes(f.feederId));
    const startAt = at(t.startHours, planned);
    const affected = plans.filter(
      (p) =>
        p.account.districtCode === t.districtCode &&
        (t.feederIds.length === 0 || t.feederIds.includes(p.account.feederId)),
    ).length;
    const revisions = t.etaRevisions ?? [];
    const etaHistory = [
      ...revisions.map(([when, eta], i) => ({
        at: at(when, planned),
        estimatedRestoration: at(eta, planned),
        noteZh: i === 0 ? '初步评估' : '抢修进度更新',
        noteEn: i === 0 ? 'Initial assessment' : 'Repair progress update',
      })),
      ...(revisions.length > 0
        ? [
            {
              at: at(-0.25, planned),
              estimatedRestoration: at(t.etaHours, planned),
              noteZh: '预计恢复时间调整',
              noteEn: 'Estimated restoration revised',
            },
          ]
        : []),
    ];
    return {
      outageNo: `${planned ? 'PLN' : 'OUT'}-${compactDate(startAt)}-${String(index + 1).padStart(2, '0')}`,
      kind: t.kind,
      status: t.status,
      districtCode: t.districtCode,
      feederIds: t.feederIds,
      wholeDistrict: t.feederIds.length === 0,
      areaZh:
        feeders.length > 0
          ? `${district?.zh ?? ''} ${feeders.map((f) => f.nameZh).join('、')}供电范围`
          : `${district?.zh ?? ''}全域`,
      areaEn:
        feeders.length > 0
          ? `${district?.en ?? ''}, customers on ${feeders.map((f) => f.nameEn).join(', ')}`
          : `all of ${district?.en ?? ''}`,
      causeZh: t.causeZh,
      causeEn: t.causeEn,
      startAt,
      estimatedRestoration: at(t.etaHours, planned),
      ...(t.restoredHours !== undefined && { restoredAt: at(t.restoredHours, planned) }),
      affectedCustomers: affected,
      etaHistory,
      updatedAt:
        t.status === 'active'
          ? at(-0.25, false)
          : new Date(Math.min(startAt.getTime(), now.getTime())),
    };
  });
}
