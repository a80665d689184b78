import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { Connection } from 'mongoose';
import { AccountsService } from '../../src/utility/accounts.service';
import { BillsService } from '../../src/utility/bills.service';
import { DEMO_ACTIVE_OUTAGE_FEEDER, WELL_KNOWN_ACCOUNTS } from '../../src/utility/demo-city';
import { OutagesService } from '../../src/utility/outages.service';
import { ServiceRequestsService } from '../../src/utility/service-requests.service';
import { TariffService } from '../../src/utility/tariff.service';
import { UtilityModule } from '../../src/utility/utility.module';
import { UtilitySeedService } from '../../src/utility/utility-seed.service';
import { isolatedMongoUri } from '../support/test-app';

const NOW = new Date('2025-06-15T06:00:00Z');
const SEED = 7;
const CUSTOMERS = 200;

describe('UtilityModule (FerretDB)', () => {
  let moduleRef: TestingModule;
  let connection: Connection;
  let accounts: AccountsService;
  let bills: BillsService;
  let outages: OutagesService;
  let requests: ServiceRequestsService;
  let seeding: UtilitySeedService;
  const { activeOutage, severalAccountsHome, unpaidBill, heavyUserEnglish } = WELL_KNOWN_ACCOUNTS;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [MongooseModule.forRoot(isolatedMongoUri()), UtilityModule],
    }).compile();
    await moduleRef.init();
    connection = moduleRef.get<Connection>(getConnectionToken());
    accounts = moduleRef.get(AccountsService);
    bills = moduleRef.get(BillsService);
    outages = moduleRef.get(OutagesService);
    requests = moduleRef.get(ServiceRequestsService);
    seeding = moduleRef.get(UtilitySeedService);
  });

  afterAll(async () => {
    await connection?.db?.dropDatabase().catch(() => undefined);
    await moduleRef?.close();
  });

  it('seeds a small city once and does nothing the second time', async () => {
    const first = await seeding.seed({ seed: SEED, customers: CUSTOMERS, now: NOW });
    expect(first.skipped).toBe(false);
    expect(first.counts.customers).toBe(CUSTOMERS);
    expect(await connection.collection('utility_bills').countDocuments()).toBe(first.counts.bills);

    const second = await seeding.seed({ seed: SEED, customers: CUSTOMERS, now: NOW });
    expect(second).toMatchObject({ skipped: true, counts: first.counts });
    expect(await connection.collection('utility_bills').countDocuments()).toBe(first.counts.bills);
  });

  it('refuses to mix a different seed into the same database', async () => {
    await expect(
      seeding.seed({ seed: SEED + 1, customers: CUSTOMERS, now: NOW }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('finds an account by number, masks the phone and verifies the last four digits', async () => {
    const account = await accounts.findByAccountNumber(activeOutage.accountNumber);
    expect(account).toMatchObject({
      accountNumber: activeOutage.accountNumber,
      holderName: { zh: '张伟', en: 'Zhang Wei' },
      districtCode: 'QH-DH',
      feederId: DEMO_ACTIVE_OUTAGE_FEEDER,
      phoneMasked: '138****1234',
    });
    expect(
      await accounts.verifyPhoneLast4(activeOutage.accountNumber, activeOutage.phoneLast4),
    ).toBe(true);
    expect(await accounts.verifyPhoneLast4(activeOutage.accountNumber, '0000')).toBe(false);
    expect(await accounts.findByAccountNumber('1000000008')).toBeNull();
    await expect(accounts.findByAccountNumber('1000001015')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('lists every account of a customer who holds several', async () => {
    const siblings = await accounts.listSiblingAccounts(severalAccountsHome.accountNumber);
    expect(siblings.map((a) => a.districtCode)).toEqual(['QH-XS', 'QH-GX', 'QH-LT']);
    expect(await accounts.listAccountsByPhone(severalAccountsHome.phone)).toHaveLength(3);
  });

  it('returns an account’s bills newest first and its balance', async () => {
    const list = await bills.listBills(unpaidBill.accountNumber);
    expect(list).toHaveLength(13);
    expect(list[0].period).toBe('2025-05');
    const balance = await bills.balance(unpaidBill.accountNumber, NOW);
    expect(balance.unpaid.map((b) => b.period)).toEqual(['2025-04', '2025-05']);
    expect(balance.totalDueFen).toBe(balance.unpaid[0].amountFen + balance.unpaid[1].amountFen);
    expect(balance.overdue).toBe(true);
    expect(await bills.listPayments(unpaidBill.accountNumber)).toHaveLength(11);
    expect(await bills.listReadings(unpaidBill.accountNumber, 3)).toHaveLength(3);
  });

  it('explains the latest bill with both comparisons', async () => {
    const explained = await bills.explain(heavyUserEnglish.accountNumber);
    expect(explained?.bill.period).toBe('2025-05');
    expect(explained?.steps.at(-2)?.amountFen).toBe(explained?.bill.amountFen);
    expect(explained?.comparison.previousMonth?.period).toBe('2025-04');
    expect(explained?.comparison.sameMonthLastYear?.period).toBe('2024-05');
    const august = await bills.explain(heavyUserEnglish.accountNumber, '2024-08');
    expect(august?.steps.some((s) => s.text.en.includes('Tier 3'))).toBe(true);
  });

  it('finds the active outage covering a feeder, and none on a quiet feeder', async () => {
    const covering = await outages.findCovering(
      { districtCode: 'QH-DH', feederId: DEMO_ACTIVE_OUTAGE_FEEDER },
      NOW,
    );
    expect(covering[0]).toMatchObject({ status: 'active', kind: 'unplanned' });
    expect(covering[0].cause.zh).toContain('电缆');
    expect(covering[0].etaHistory.length).toBeGreaterThanOrEqual(2);
    expect(await outages.findCovering({ districtCode: 'QH-DH', feederId: 'DH-F01' }, NOW)).toEqual(
      [],
    );
    // A whole-district planned outage covers every feeder of the district.
    const town = await outages.findCovering({ districtCode: 'QH-SQ', feederId: 'SQ-F03' }, NOW);
    expect(town).toHaveLength(1);
    expect(town[0].wholeDistrict).toBe(true);
  });

  it('lists upcoming planned outages in a district, cancelled ones left out', async () => {
    const planned = await outages.upcomingPlanned('QH-DH', NOW);
    expect(planned.map((o) => o.status)).toEqual(['planned']);
    expect(await outages.upcomingPlanned('QH-BC', NOW)).toEqual([]);
  });

  it('gives 20 concurrent service requests 20 distinct references', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        requests.create({
          type: 'outage_report',
          language: i % 2 ? 'en' : 'zh',
          accountNumber: activeOutage.accountNumber,
          districtCode: 'QH-DH',
        }),
      ),
    );
    const references = new Set(created.map((r) => r.reference));
    expect(references.size).toBe(20);
    expect(created[0].reference).toMatch(/^SR\d{6}-\d{6}$/);
    expect(await requests.listByAccount(activeOutage.accountNumber, 50)).toHaveLength(20);
  });

  it('retries a clashing reference instead of failing or duplicating it', async () => {
    const service = moduleRef.get(ServiceRequestsService);
    const original = service.referenceSource;
    const queue = ['SR250615-000001', 'SR250615-000001', 'SR250615-000002'];
    service.referenceSource = () => queue.shift() ?? 'SR250615-999999';
    try {
      const a = await service.create({ type: 'meter_check', language: 'zh' });
      const b = await service.create({ type: 'meter_check', language: 'en' });
      expect([a.reference, b.reference]).toEqual(['SR250615-000001', 'SR250615-000002']);
    } finally {
      service.referenceSource = original;
    }
  });

  it('serves the tariff table in both languages', () => {
    const table = moduleRef.get(TariffService).residentialTariff();
    expect(table.tiers.map((t) => t.flatPrice)).toEqual(['0.4883', '0.5383', '0.7883']);
    expect(table.lines[0].zh).toContain('第1档');
    expect(table.lines[0].en).toContain('Tier 1');
  });
});
