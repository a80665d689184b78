// The bill, balance and tariff cards: amounts and prices drawn unbreakable.
import { CardKit, Balance, Explanation, Tariff } from './card-kit';
import { h, withAmounts } from './dom';
import { formatPeriod, yuan } from './format';
import { codeWord, TARIFF_PLAN } from './words';

export function billCard(c: CardKit, x: Explanation) {
  const b = x.bill;
  const steps = (x.steps ?? []).filter((s) => s.kind !== 'usage');
  const comparison = x.comparison?.text ?? [];
  const paid = b.status === 'paid';
  return h(
    'div',
    { class: 'pd-card pd-card-bill', 'data-testid': 'card-bill' },
    c.head(
      h(
        'span',
        {},
        `${c.w('cardBill')} · `,
        h('span', { 'data-testid': 'card-period' }, formatPeriod(c.lang, b.period)),
      ),
      c.badge(c.w(paid ? 'cardPaid' : 'cardUnpaid'), b.status, 'card-status'),
    ),
    c.amount(b.amountFen),
    c.row(c.w('cardUsage'), `${b.kwh} kWh`, 'card-kwh'),
    b.tariffPlan === 'tou'
      ? c.row(
          '',
          c.w('cardPeakValley', { peak: b.peakKwh ?? 0, valley: b.valleyKwh ?? 0 }),
          'card-peak-valley',
        )
      : null,
    c.row(c.w('cardPlanLabel'), codeWord(c.lang, TARIFF_PLAN, b.tariffPlan), 'card-plan'),
    paid ? null : c.row(c.w('cardDue'), c.date(b.dueDate), 'card-due'),
    b.estimated ? h('div', { class: 'pd-card-note' }, c.w('cardEstimated')) : null,
    steps.length
      ? c.section(
          c.w('cardBreakdown'),
          h(
            'ol',
            { class: 'pd-steps', 'data-testid': 'card-steps' },
            steps.map((s) =>
              h('li', { class: `pd-step pd-step-${s.kind}` }, withAmounts(c.pick(s.text))),
            ),
          ),
        )
      : null,
    comparison.length
      ? c.section(
          c.w('cardComparison'),
          h(
            'ul',
            { class: 'pd-compare', 'data-testid': 'card-comparison' },
            comparison.map((line) => h('li', {}, withAmounts(c.pick(line)))),
          ),
        )
      : null,
  );
}

export function balanceCard(c: CardKit, bal: Balance) {
  const unpaid = bal.unpaid ?? [];
  return h(
    'div',
    { class: 'pd-card pd-card-balance', 'data-testid': 'card-balance' },
    c.head(
      c.w('cardBalance'),
      bal.overdue
        ? c.badge(c.w('cardOverdue'), 'overdue', 'card-status')
        : unpaid.length
          ? c.badge(c.w('cardUnpaid'), 'unpaid', 'card-status')
          : c.badge(c.w('cardPaid'), 'paid', 'card-status'),
    ),
    h('div', { class: 'pd-card-label' }, c.w('cardTotalDue')),
    c.amount(bal.totalDueFen),
    bal.nextDueDate ? c.row(c.w('cardNextDue'), c.date(bal.nextDueDate), 'card-due') : null,
    unpaid.length
      ? c.section(
          c.w('cardUnpaidBills'),
          unpaid.map((b) =>
            c.row(
              `${formatPeriod(c.lang, b.period)} · ${b.kwh} kWh`,
              `¥${yuan(b.amountFen)}`,
              'card-unpaid-bill',
            ),
          ),
        )
      : null,
  );
}

export function tariffCard(c: CardKit, tariff: Tariff) {
  const tou = tariff.timeOfUse ?? [];
  return h(
    'div',
    { class: 'pd-card pd-card-tariff', 'data-testid': 'card-tariff' },
    c.head(c.pick(tariff.name) || c.w('cardTariff')),
    h(
      'table',
      { class: 'pd-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, c.w('cardTier')),
          h('th', { scope: 'col' }, c.w('cardRange')),
          h('th', { scope: 'col' }, c.w('cardPrice')),
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
            h('td', {}, withAmounts(c.pick(tier.range))),
            h('td', { class: 'pd-num', 'data-testid': 'tariff-price' }, String(tier.flatPrice)),
          ),
        ),
      ),
    ),
    tou.length
      ? c.section(
          c.w('cardTou'),
          tou.map((p) => c.row(`${c.pick(p.label)} ${p.hours}`, String(p.price), 'card-tou')),
        )
      : null,
  );
}
