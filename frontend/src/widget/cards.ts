// The rich cards next to bot messages (outage, bill, balance, tariff, request, planned outages).
// The data is the server's (src/dialogue); a card that cannot be drawn is left out, the message's
// text says it all anyway.
import { balanceCard, billCard, tariffCard } from './bill-cards';
import { CardData, CardKit, Outage } from './card-kit';
import { h } from './dom';
import { codeWord, Lang, OUTAGE_STATUS, REQUEST_TYPE } from './words';

/** Bill, tariff and planned cards repeat what the text lists line by line: show its first line. */
export function cardRepeatsText(card: { type: string; data?: Record<string, unknown> }): boolean {
  return /^(bill|tariff|planned)$/.test(card.type) && !(card.data && card.data.balance);
}

export function renderCard(
  lang: Lang,
  zone: string,
  card: { type: string; data?: Record<string, unknown> },
) {
  const data = (card.data ?? {}) as CardData;
  const c = new CardKit(lang, zone);
  try {
    if (card.type === 'outage' && data.outage) return outageCard(c, data.outage);
    if (card.type === 'bill' && data.explanation) return billCard(c, data.explanation);
    if (card.type === 'bill' && data.balance) return balanceCard(c, data.balance);
    if (card.type === 'tariff' && data.tariff) return tariffCard(c, data.tariff);
    if (card.type === 'request' && data.reference) return requestCard(c, data.reference, data.type);
    if (card.type === 'planned' && Array.isArray(data.outages)) return plannedCard(c, data.outages);
  } catch {
    // A card we cannot draw must not hide the message: the text says it all anyway.
  }
  return null;
}

export function outageCard(c: CardKit, o: Outage) {
  const status = o.status in OUTAGE_STATUS ? o.status : 'active';
  const history = Array.isArray(o.etaHistory) ? o.etaHistory.length : 0;
  return h(
    'div',
    { class: `pd-card pd-card-outage pd-status-${status}`, 'data-testid': 'card-outage' },
    c.head(
      c.w('cardOutage'),
      c.badge(codeWord(c.lang, OUTAGE_STATUS, status), status, 'card-status'),
    ),
    c.row(c.w('cardArea'), c.pick(o.area), 'card-area'),
    c.row(c.w('cardCause'), c.pick(o.cause), 'card-cause'),
    c.row(c.w('cardStart'), c.time(o.startAt), 'card-start'),
    o.restoredAt
      ? c.row(c.w('cardRestored'), c.time(o.restoredAt), 'card-restored')
      : c.row(
          c.w('cardEta'),
          o.estimatedRestoration ? c.time(o.estimatedRestoration) : c.w('cardEtaUnknown'),
          'card-eta',
        ),
    o.affectedCustomers
      ? c.row(
          c.w('cardAffected'),
          c.w('cardHouseholds', { n: o.affectedCustomers }),
          'card-affected',
        )
      : null,
    c.row(c.w('cardOutageNo'), o.outageNo, 'card-outage-no'),
    history > 1
      ? h('div', { class: 'pd-card-note' }, c.w('cardEtaChanged', { n: history - 1 }))
      : null,
  );
}

export function requestCard(c: CardKit, reference: string, type: string | undefined) {
  return h(
    'div',
    { class: 'pd-card pd-card-request', 'data-testid': 'card-request' },
    c.head(
      c.w('cardRequest'),
      c.badge(codeWord(c.lang, REQUEST_TYPE, type ?? ''), 'info', 'card-request-type'),
    ),
    c.row(c.w('cardReference'), h('code', { 'data-testid': 'card-reference' }, reference)),
  );
}

export function plannedCard(c: CardKit, outages: Outage[]) {
  return h(
    'div',
    { class: 'pd-card pd-card-planned', 'data-testid': 'card-planned' },
    c.head(c.w('cardPlanned')),
    outages.map((o) =>
      c.section(
        c.pick(o.area),
        c.row(
          c.w('cardStart'),
          `${c.time(o.startAt)} ${c.w('cardPlannedTo')} ${
            o.estimatedRestoration ? c.time(o.estimatedRestoration) : '—'
          }`,
        ),
        c.row(c.w('cardCause'), c.pick(o.cause)),
      ),
    ),
  );
}
