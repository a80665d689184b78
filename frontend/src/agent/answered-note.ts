import type { Key } from '../shared/catalogue';
import type { Translator } from '../shared/translate';

/**
 * The bot's case-card lines ("what I looked up and said", written by src/dialogue in English,
 * personal numbers already masked), in the agent's words. Each pattern names its values; a line
 * no pattern knows is shown as written (`null` here: the caller marks it as English).
 */
const PATTERNS: [RegExp, Key, string[]][] = [
  [/^tariff tables$/, 'ansTariffs', []],
  [/^payment channels$/, 'ansPayment', []],
  [/^safety instructions given$/, 'ansSafety', []],
  [/^balance (\S+): ([\d.,]+) due \((\d+) bills\)$/, 'ansBalance', ['account', 'amount', 'count']],
  [/^explained bill (\S+) (\S+): ([\d.,]+) yuan$/, 'ansExplained', ['account', 'period', 'amount']],
  [/^bill (\S+) (\S+): ([\d.,]+) yuan$/, 'ansBill', ['account', 'period', 'amount']],
  [/^no bill (\S+) (\S+)$/, 'ansNoBill', ['account', 'period']],
  [/^meter readings (\S+)$/, 'ansReadings', ['account']],
  [/^opened (\S+) (\S+)$/, 'ansOpened', ['type', 'ref']],
  [/^planned outages (\S+): (.+)$/, 'ansPlanned', ['district', 'outages']],
  [/^known outage (\S+) on (\S+)$/, 'ansKnownOutage', ['outage', 'where']],
  [/^known incident (\S+) \((\d+) reports\)$/, 'ansIncident', ['incident', 'count']],
  [/^no outage on (\S+)$/, 'ansNoOutage', ['where']],
  [/^no known outage; logged report (\S+)$/, 'ansLoggedReport', ['ref']],
  [/^verification failed for (\S+) \((\d+)\)$/, 'ansVerifyFailed', ['account', 'count']],
  [/^verified (\S+) by phone$/, 'ansVerified', ['account']],
];

export function answeredNote(line: string, { t }: Pick<Translator, 't'>): string | null {
  for (const [pattern, key, names] of PATTERNS) {
    const found = pattern.exec(line);
    if (!found) continue;
    const values = Object.fromEntries(names.map((name, i) => [name, found[i + 1]]));
    // "latest" and "none" are the dialogue's words for a missing period or list.
    if (values.period === 'latest') values.period = t('ansLatest');
    if (values.outages === 'none') values.outages = t('none');
    return t(key, values);
  }
  return null;
}
