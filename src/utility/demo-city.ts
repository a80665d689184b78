import { SERVICE_AREA } from '../nlu/service-area';

/**
 * The fixed parts of the demo city: its feeders and the well-known accounts that tests and the
 * demo script rely on. They do not depend on the seed; everything else in the demo data does.
 */
export interface Feeder {
  feederId: string;
  districtCode: string;
  nameZh: string;
  nameEn: string;
}

/** Towns are served by fewer feeders than the urban districts. */
function feedersOf(districtCode: string, districtZh: string, districtEn: string): Feeder[] {
  const count = districtCode === 'QH-LT' || districtCode === 'QH-SQ' ? 3 : 4;
  const prefix = districtCode.slice(3);
  const shortZh = districtZh.replace(/(区|新区|镇)$/, '');
  const shortEn = districtEn.split(' ')[0];
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return {
      feederId: `${prefix}-F${n}`,
      districtCode,
      nameZh: `10kV ${shortZh}${n}线`,
      nameEn: `10 kV ${shortEn} feeder ${n}`,
    };
  });
}

export const DEMO_FEEDERS: readonly Feeder[] = SERVICE_AREA.flatMap((d) =>
  feedersOf(d.code, d.zh, d.en),
);

export interface WellKnownAccount {
  accountNumber: string;
  customerNo: string;
  holderNameZh: string;
  holderNameEn: string;
  /** What verification asks for. */
  phone: string;
  phoneLast4: string;
  districtCode: string;
  feederId: string;
  plan: 'flat' | 'tou';
  /** Why the account is well known. */
  purpose: string;
}

const account = (a: Omit<WellKnownAccount, 'phoneLast4'>): WellKnownAccount => ({
  ...a,
  phoneLast4: a.phone.slice(-4),
});

/**
 * Accounts present in every seed. Their numbers start with 1000 and generated ones never do, so
 * they cannot collide.
 */
export const WELL_KNOWN_ACCOUNTS = {
  /** On DH-F02, which the demo data always has an active unplanned outage on. */
  activeOutage: account({
    accountNumber: '1000001014',
    customerNo: 'C0000001',
    holderNameZh: '张伟',
    holderNameEn: 'Zhang Wei',
    phone: '13800001234',
    districtCode: 'QH-DH',
    feederId: 'DH-F02',
    plan: 'flat',
    purpose: 'district and feeder with an active outage',
  }),
  /** Chen Jing holds three accounts (home, flat on time of use, a house in Liutang). */
  severalAccountsHome: account({
    accountNumber: '1000002020',
    customerNo: 'C0000002',
    holderNameZh: '陈静',
    holderNameEn: 'Chen Jing',
    phone: '13900005678',
    districtCode: 'QH-XS',
    feederId: 'XS-F01',
    plan: 'flat',
    purpose: 'customer with several accounts (1 of 3)',
  }),
  severalAccountsFlat: account({
    accountNumber: '1000002038',
    customerNo: 'C0000002',
    holderNameZh: '陈静',
    holderNameEn: 'Chen Jing',
    phone: '13900005678',
    districtCode: 'QH-GX',
    feederId: 'GX-F03',
    plan: 'tou',
    purpose: 'customer with several accounts (2 of 3), time of use',
  }),
  severalAccountsTown: account({
    accountNumber: '1000002046',
    customerNo: 'C0000002',
    holderNameZh: '陈静',
    holderNameEn: 'Chen Jing',
    phone: '13900005678',
    districtCode: 'QH-LT',
    feederId: 'LT-F02',
    plan: 'flat',
    purpose: 'customer with several accounts (3 of 3)',
  }),
  /** The two latest bills are unpaid; the older one is past its due date. */
  unpaidBill: account({
    accountNumber: '1000003051',
    customerNo: 'C0000003',
    holderNameZh: '王芳',
    holderNameEn: 'Wang Fang',
    phone: '13700009012',
    districtCode: 'QH-NG',
    feederId: 'NG-F01',
    plan: 'flat',
    purpose: 'unpaid bills, one overdue',
  }),
  /** English-speaking, heavy user on time of use: summer months reach tier 3. */
  heavyUserEnglish: account({
    accountNumber: '1000004067',
    customerNo: 'C0000004',
    holderNameZh: '艾米莉·卡特',
    holderNameEn: 'Emily Carter',
    phone: '18600004321',
    districtCode: 'QH-GX',
    feederId: 'GX-F01',
    plan: 'tou',
    purpose: 'English-speaking customer, high usage reaching tier 3, time of use',
  }),
} as const satisfies Record<string, WellKnownAccount>;

export type WellKnownAccountKey = keyof typeof WELL_KNOWN_ACCOUNTS;

/** The feeder of `activeOutage`: the demo data always has an active outage on it. */
export const DEMO_ACTIVE_OUTAGE_FEEDER = 'DH-F02';
