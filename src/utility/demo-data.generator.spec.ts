import { isValidAccountNumber } from '../nlu/account-number';
import { SERVICE_AREA } from '../nlu/service-area';
import { DEMO_ACTIVE_OUTAGE_FEEDER, DEMO_FEEDERS, WELL_KNOWN_ACCOUNTS } from './demo-city';
import { generateDemoData } from './demo-data.generator';
import { computeBill } from './tariff-calculator';

const NOW = new Date('2025-06-15T06:00:00Z');

describe('generateDemoData', () => {
  const data = generateDemoData({ seed: 42, customers: 300, now: NOW });

  it('gives the same city for the same seed', () => {
    expect(generateDemoData({ seed: 42, customers: 300, now: NOW })).toEqual(data);
  });

  it('gives a different city for a different seed', () => {
    const other = generateDemoData({ seed: 43, customers: 300, now: NOW });
    expect(other.accounts.map((a) => a.accountNumber)).not.toEqual(
      data.accounts.map((a) => a.accountNumber),
    );
    expect(other.bills.map((b) => b.amountFen)).not.toEqual(data.bills.map((b) => b.amountFen));
  });

  it('makes the requested number of customers with valid, unique account numbers', () => {
    expect(data.customers).toHaveLength(300);
    const numbers = data.accounts.map((a) => a.accountNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.every(isValidAccountNumber)).toBe(true);
    expect(data.accounts.length).toBeGreaterThan(300);
  });

  it('places every account in a district of the service area on one of its feeders', () => {
    const districts = new Set(SERVICE_AREA.map((d) => d.code));
    for (const a of data.accounts) {
      expect(districts.has(a.districtCode)).toBe(true);
      expect(DEMO_FEEDERS.find((f) => f.feederId === a.feederId)?.districtCode).toBe(
        a.districtCode,
      );
    }
  });

  it('includes every well-known account as declared', () => {
    for (const known of Object.values(WELL_KNOWN_ACCOUNTS)) {
      expect(isValidAccountNumber(known.accountNumber)).toBe(true);
      expect(data.accounts.find((a) => a.accountNumber === known.accountNumber)).toMatchObject({
        customerNo: known.customerNo,
        phone: known.phone,
        districtCode: known.districtCode,
        feederId: known.feederId,
        tariffPlan: known.plan,
      });
    }
    const chen = data.accounts.filter(
      (a) => a.customerNo === WELL_KNOWN_ACCOUNTS.severalAccountsHome.customerNo,
    );
    expect(chen).toHaveLength(3);
  });

  it('bills 13 months per account, the latest issued before now, amounts matching the tariff', () => {
    const mine = data.bills.filter(
      (b) => b.accountNumber === WELL_KNOWN_ACCOUNTS.activeOutage.accountNumber,
    );
    expect(mine.map((b) => b.period)).toEqual([
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
    ]);
    for (const b of data.bills.slice(0, 200)) {
      expect(b.issuedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(b.tier1Kwh + b.tier2Kwh + b.tier3Kwh).toBe(b.kwh);
      expect(computeBill({ ...b, plan: b.tariffPlan }).amountFen).toBe(b.amountFen);
    }
    expect(data.readings).toHaveLength(data.bills.length);
  });

  it('restarts the annual ladder in January', () => {
    const jan = data.bills.filter((b) => b.period === '2025-01');
    expect(jan.every((b) => b.yearToDateKwhBefore === 0)).toBe(true);
  });

  it('has seasonal peaks in summer and winter', () => {
    const total = (period: string): number =>
      data.bills.filter((b) => b.period === period).reduce((s, b) => s + b.kwh, 0);
    expect(total('2024-08')).toBeGreaterThan(total('2024-10') * 1.4);
    expect(total('2025-01')).toBeGreaterThan(total('2025-04') * 1.3);
  });

  it('leaves the unpaid account with two unpaid bills, one overdue, and some others unpaid too', () => {
    const unpaid = data.bills.filter(
      (b) =>
        b.accountNumber === WELL_KNOWN_ACCOUNTS.unpaidBill.accountNumber && b.status === 'unpaid',
    );
    expect(unpaid.map((b) => b.period)).toEqual(['2025-04', '2025-05']);
    expect(unpaid[0].dueDate.getTime()).toBeLessThan(NOW.getTime());
    const paid = data.bills.filter((b) => b.status === 'paid');
    expect(data.payments).toHaveLength(paid.length);
    expect(data.bills.length - paid.length).toBeGreaterThan(20);
  });

  it('puts an active outage on the well-known outage feeder and planned ones ahead of now', () => {
    const active = data.outages.filter((o) => o.status === 'active');
    expect(active.some((o) => o.feederIds.includes(DEMO_ACTIVE_OUTAGE_FEEDER))).toBe(true);
    const planned = data.outages.filter((o) => o.status === 'planned');
    expect(planned.length).toBeGreaterThanOrEqual(3);
    expect(planned.every((o) => o.startAt.getTime() > NOW.getTime())).toBe(true);
    const dh = active.find((o) => o.districtCode === 'QH-DH');
    expect(dh?.etaHistory.length).toBeGreaterThanOrEqual(2);
    expect(dh?.estimatedRestoration?.getTime()).toBeGreaterThan(NOW.getTime());
  });
});
