// The rich cards next to bot messages (outage, bill, balance, tariff, request, planned outages).
// The data is the server's (src/dialogue); a card that cannot be drawn is left out, the message's
// text says it all anyway.
import { h, withAmounts } from './dom';
import { BilingualText, formatDate, formatPeriod, formatTime, pick, yuan } from './format';
import { codeWord, Lang, OUTAGE_STATUS, REQUEST_TYPE, TARIFF_PLAN, word, WidgetKey } from './words';

interface Outage {
  status: string;
  area?: BilingualText;
  cause?: BilingualText;
  startAt: string;
  restoredAt?: string;
  estimatedRestoration?: string;
  affectedCustomers?: number;
  outageNo: string;
  etaHistory?: unknown[];
}
interface Bill {
  period: string;
  status: string;
  amountFen: number;
  kwh: number;
  peakKwh?: number;
  valleyKwh?: number;
  tariffPlan: string;
  dueDate: string;
  estimated?: boolean;
}
interface Explanation {
  bill: Bill;
  steps?: { kind: string; text: BilingualText }[];
  comparison?: { text?: BilingualText[] };
}
interface Balance {
  unpaid?: Bill[];
  overdue?: boolean;
  totalDueFen: number;
  nextDueDate?: string;
}
interface Tariff {
  name?: BilingualText;
  tiers?: { tier: string | number; range: BilingualText; flatPrice: string | number }[];
  timeOfUse?: { label: BilingualText; hours: string; price: string | number }[];
}
type CardData = {
  outage?: Outage;
  explanation?: Explanation;
  balance?: Balance;
  tariff?: Tariff;
  reference?: string;
  type?: string;
  outages?: Outage[];
};

/** Bill, tariff and planned cards repeat what the text lists line by line: show its first line. */
export function cardRepeatsText(card: { type: string; data?: Record<string, unknown> }): boolean {
  return /^(bill|tariff|planned)$/.test(card.type) && !(card.data && card.data.balance);
}

export function renderCard(lang: Lang, card: { type: string; data?: Record<string, unknown> }) {
  const data = (card.data ?? {}) as CardData;
  const c = new Cards(lang);
  try {
    if (card.type === 'outage' && data.outage) return c.outage(data.outage);
    if (card.type === 'bill' && data.explanation) return c.bill(data.explanation);
    if (card.type === 'bill' && data.balance) return c.balance(data.balance);
    if (card.type === 'tariff' && data.tariff) return c.tariff(data.tariff);
    if (card.type === 'request' && data.reference) return c.request(data.reference, data.type);
    if (card.type === 'planned' && Array.isArray(data.outages)) return c.planned(data.outages);
  } catch {
    // A card we cannot draw must not hide the message: the text says it all anyway.
  }
  return null;
}

class Cards {
  constructor(private readonly lang: Lang) {}

  private w = (key: WidgetKey, values?: Record<string, string | number>) =>
    word(this.lang, key, values);
  private pick = (text: BilingualText) => pick(this.lang, text);
  private time = (iso?: string) => formatTime(this.lang, iso);

  private row(label: string, value: Node | string, testid?: string) {
    return h(
      'div',
      { class: 'pd-card-row', 'data-testid': testid },
      h('span', { class: 'pd-card-label' }, label),
      h('span', { class: 'pd-card-value' }, typeof value === 'string' ? withAmounts(value) : value),
    );
  }

  private badge(text: string, kind: string, testid: string) {
    return h('span', { class: `pd-badge pd-badge-${kind}`, 'data-testid': testid }, text);
  }

  private head(title: Node | string, ...rest: (Node | null)[]) {
    return h('div', { class: 'pd-card-head' }, h('span', { class: 'pd-card-title' }, title), rest);
  }

  private amount(fen: number) {
    return h(
      'div',
      { class: 'pd-amount pd-num', 'data-testid': 'card-amount' },
      h('small', {}, '¥'),
      yuan(fen),
      h('small', {}, ` ${this.w('yuan')}`),
    );
  }

  private section(title: string, ...body: (Node | Node[] | null)[]) {
    return h(
      'div',
      { class: 'pd-card-section' },
      h('div', { class: 'pd-card-subtitle' }, title),
      body,
    );
  }

  outage(o: Outage) {
    const status = o.status in OUTAGE_STATUS ? o.status : 'active';
    const history = Array.isArray(o.etaHistory) ? o.etaHistory.length : 0;
    return h(
      'div',
      { class: `pd-card pd-card-outage pd-status-${status}`, 'data-testid': 'card-outage' },
      this.head(
        this.w('cardOutage'),
        this.badge(codeWord(this.lang, OUTAGE_STATUS, status), status, 'card-status'),
      ),
      this.row(this.w('cardArea'), this.pick(o.area), 'card-area'),
      this.row(this.w('cardCause'), this.pick(o.cause), 'card-cause'),
      this.row(this.w('cardStart'), this.time(o.startAt), 'card-start'),
      o.restoredAt
        ? this.row(this.w('cardRestored'), this.time(o.restoredAt), 'card-restored')
        : this.row(
            this.w('cardEta'),
            o.estimatedRestoration ? this.time(o.estimatedRestoration) : this.w('cardEtaUnknown'),
            'card-eta',
          ),
      o.affectedCustomers
        ? this.row(
            this.w('cardAffected'),
            this.w('cardHouseholds', { n: o.affectedCustomers }),
            'card-affected',
          )
        : null,
      this.row(this.w('cardOutageNo'), o.outageNo, 'card-outage-no'),
      history > 1
        ? h('div', { class: 'pd-card-note' }, this.w('cardEtaChanged', { n: history - 1 }))
        : null,
    );
  }

  bill(x: Explanation) {
    const b = x.bill;
    const steps = (x.steps ?? []).filter((s) => s.kind !== 'usage');
    const comparison = x.comparison?.text ?? [];
    const paid = b.status === 'paid';
    return h(
      'div',
      { class: 'pd-card pd-card-bill', 'data-testid': 'card-bill' },
      this.head(
        h(
          'span',
          {},
          `${this.w('cardBill')} · `,
          h('span', { 'data-testid': 'card-period' }, formatPeriod(this.lang, b.period)),
        ),
        this.badge(this.w(paid ? 'cardPaid' : 'cardUnpaid'), b.status, 'card-status'),
      ),
      this.amount(b.amountFen),
      this.row(this.w('cardUsage'), `${b.kwh} kWh`, 'card-kwh'),
      b.tariffPlan === 'tou'
        ? this.row(
            '',
            this.w('cardPeakValley', { peak: b.peakKwh ?? 0, valley: b.valleyKwh ?? 0 }),
            'card-peak-valley',
          )
        : null,
      this.row(
        this.w('cardPlanLabel'),
        codeWord(this.lang, TARIFF_PLAN, b.tariffPlan),
        'card-plan',
      ),
      paid ? null : this.row(this.w('cardDue'), formatDate(this.lang, b.dueDate), 'card-due'),
      b.estimated ? h('div', { class: 'pd-card-note' }, this.w('cardEstimated')) : null,
      steps.length
        ? this.section(
            this.w('cardBreakdown'),
            h(
              'ol',
              { class: 'pd-steps', 'data-testid': 'card-steps' },
              steps.map((s) =>
                h('li', { class: `pd-step pd-step-${s.kind}` }, withAmounts(this.pick(s.text))),
              ),
            ),
          )
        : null,
      comparison.length
        ? this.section(
            this.w('cardComparison'),
            h(
              'ul',
              { class: 'pd-compare', 'data-testid': 'card-comparison' },
              comparison.map((line) => h('li', {}, withAmounts(this.pick(line)))),
            ),
          )
        : null,
    );
  }

  balance(bal: Balance) {
    const unpaid = bal.unpaid ?? [];
    return h(
      'div',
      { class: 'pd-card pd-card-balance', 'data-testid': 'card-balance' },
      this.head(
        this.w('cardBalance'),
        bal.overdue
          ? this.badge(this.w('cardOverdue'), 'overdue', 'card-status')
          : unpaid.length
            ? this.badge(this.w('cardUnpaid'), 'unpaid', 'card-status')
            : this.badge(this.w('cardPaid'), 'paid', 'card-status'),
      ),
      h('div', { class: 'pd-card-label' }, this.w('cardTotalDue')),
      this.amount(bal.totalDueFen),
      bal.nextDueDate
        ? this.row(this.w('cardNextDue'), formatDate(this.lang, bal.nextDueDate), 'card-due')
        : null,
      unpaid.length
        ? this.section(
            this.w('cardUnpaidBills'),
            unpaid.map((b) =>
              this.row(
                `${formatPeriod(this.lang, b.period)} · ${b.kwh} kWh`,
                `¥${yuan(b.amountFen)}`,
                'card-unpaid-bill',
              ),
            ),
          )
        : null,
    );
  }

  tariff(tariff: Tariff) {
    const tou = tariff.timeOfUse ?? [];
    return h(
      'div',
      { class: 'pd-card pd-card-tariff', 'data-testid': 'card-tariff' },
      this.head(this.pick(tariff.name) || this.w('cardTariff')),
      h(
        'table',
        { class: 'pd-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, this.w('cardTier')),
            h('th', { scope: 'col' }, this.w('cardRange')),
            h('th', { scope: 'col' }, this.w('cardPrice')),
          ),
        ),
        h(
          'tbody',
          {},
          (tariff.tiers ?? []).map((tier) =>
            h(
              'tr',
              {},
              h('td', {}, String(tier.tier)),
              h('td', {}, withAmounts(this.pick(tier.range))),
              h('td', { class: 'pd-num', 'data-testid': 'tariff-price' }, String(tier.flatPrice)),
            ),
          ),
        ),
      ),
      tou.length
        ? this.section(
            this.w('cardTou'),
            tou.map((p) =>
              this.row(`${this.pick(p.label)} ${p.hours}`, String(p.price), 'card-tou'),
            ),
          )
        : null,
    );
  }

  request(reference: string, type: string | undefined) {
    return h(
      'div',
      { class: 'pd-card pd-card-request', 'data-testid': 'card-request' },
      this.head(
        this.w('cardRequest'),
        this.badge(codeWord(this.lang, REQUEST_TYPE, type ?? ''), 'info', 'card-request-type'),
      ),
      this.row(this.w('cardReference'), h('code', { 'data-testid': 'card-reference' }, reference)),
    );
  }

  planned(outages: Outage[]) {
    return h(
      'div',
      { class: 'pd-card pd-card-planned', 'data-testid': 'card-planned' },
      this.head(this.w('cardPlanned')),
      outages.map((o) =>
        this.section(
          this.pick(o.area),
          this.row(
            this.w('cardStart'),
            `${this.time(o.startAt)} ${this.w('cardPlannedTo')} ${
              o.estimatedRestoration ? this.time(o.estimatedRestoration) : '—'
            }`,
          ),
          this.row(this.w('cardCause'), this.pick(o.cause)),
        ),
      ),
    );
  }
}
