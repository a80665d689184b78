// What every card is made of (rows, badges, a title line, an amount, sections) and the shapes
// of the card data the server sends (src/dialogue), as far as the widget reads them.
import { h, withAmounts } from './dom';
import { BilingualText, formatDate, formatTime, pick, yuan } from './format';
import { Lang, word, WidgetKey } from './words';

export interface Outage {
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
export interface Bill {
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
export interface Explanation {
  bill: Bill;
  steps?: { kind: string; text: BilingualText }[];
  comparison?: { text?: BilingualText[] };
}
export interface Balance {
  unpaid?: Bill[];
  overdue?: boolean;
  totalDueFen: number;
  nextDueDate?: string;
}
export interface Tariff {
  name?: BilingualText;
  tiers?: { tier: string | number; range: BilingualText; flatPrice: string | number }[];
  timeOfUse?: { label: BilingualText; hours: string; price: string | number }[];
}
export type CardData = {
  outage?: Outage;
  explanation?: Explanation;
  balance?: Balance;
  tariff?: Tariff;
  reference?: string;
  type?: string;
  outages?: Outage[];
};

export class CardKit {
  constructor(
    readonly lang: Lang,
    /** The service's zone, from /widget/branding: card times are read in it. */
    readonly zone: string,
  ) {}

  w = (key: WidgetKey, values?: Record<string, string | number>) => word(this.lang, key, values);
  pick = (text: BilingualText) => pick(this.lang, text);
  time = (iso?: string) => formatTime(this.lang, this.zone, iso);
  date = (iso: string) => formatDate(this.lang, this.zone, iso);

  row(label: string, value: Node | string, testid?: string) {
    return h(
      'div',
      { class: 'pd-card-row', 'data-testid': testid },
      h('span', { class: 'pd-card-label' }, label),
      h('span', { class: 'pd-card-value' }, typeof value === 'string' ? withAmounts(value) : value),
    );
  }

  badge(text: string, kind: string, testid: string) {
    return h('span', { class: `pd-badge pd-badge-${kind}`, 'data-testid': testid }, text);
  }

  head(title: Node | string, ...rest: (Node | null)[]) {
    return h('div', { class: 'pd-card-head' }, h('span', { class: 'pd-card-title' }, title), rest);
  }

  amount(fen: number) {
    return h(
      'div',
      { class: 'pd-amount pd-num', 'data-testid': 'card-amount' },
      h('small', {}, '¥'),
      yuan(fen),
      h('small', {}, ` ${this.w('yuan')}`),
    );
  }

  section(title: string, ...body: (Node | Node[] | null)[]) {
    return h(
      'div',
      { class: 'pd-card-section' },
      h('div', { class: 'pd-card-subtitle' }, title),
      body,
    );
  }
}
