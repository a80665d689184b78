// The widget's own small translator over its own section of words: importing the staff
// translator would bring the whole staff catalogue into a customer's page.
import { WidgetKey, widgetEn, widgetZh } from '../shared/words/widget';

export type Lang = 'zh' | 'en';
export type { WidgetKey };

const WORDS: Record<Lang, Record<WidgetKey, string>> = { zh: widgetZh, en: widgetEn };

/** A word in `lang`, `{name}` placeholders filled from `values` (unknown ones left as they are). */
export function word(lang: Lang, key: WidgetKey, values: Record<string, string | number> = {}) {
  return WORDS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The widget's language: the customer's earlier choice, the tag's `data-lang`, the browser's. */
export function chooseLang(...candidates: (string | null | undefined)[]): Lang {
  const first = candidates.find((c) => c && c.trim() !== '') ?? 'zh';
  return first.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The quick replies under the log, in order: what the chip says and what it sends. */
export const QUICK_REPLIES: readonly { label: WidgetKey; text: WidgetKey }[] = [
  { label: 'quick1Label', text: 'quick1Text' },
  { label: 'quick2Label', text: 'quick2Text' },
  { label: 'quick3Label', text: 'quick3Text' },
  { label: 'quick4Label', text: 'quick4Text' },
];

/** Server codes the cards show, in words; an unknown code shows as itself. */
export const OUTAGE_STATUS: Record<string, WidgetKey> = {
  active: 'statusActive',
  restored: 'statusRestored',
  planned: 'statusPlanned',
  cancelled: 'statusCancelled',
};
export const TARIFF_PLAN: Record<string, WidgetKey> = { flat: 'planFlat', tou: 'planTou' };
export const REQUEST_TYPE: Record<string, WidgetKey> = {
  start_service: 'requestStartService',
  stop_service: 'requestStopService',
  transfer_service: 'requestTransferService',
  contact_update: 'requestContactUpdate',
  meter_check: 'requestMeterCheck',
  solar_connection: 'requestSolarConnection',
  outage_report: 'requestOutageReport',
  billing_arrangement: 'requestBillingArrangement',
};

export function codeWord(lang: Lang, table: Record<string, WidgetKey>, code: string): string {
  const key = table[code];
  return key ? word(lang, key) : code;
}
