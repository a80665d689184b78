import { useEffect, useRef, useState } from 'preact/hooks';
import type { Key } from '../shared/catalogue';
import { useT } from '../shared/i18n';
import { errorText } from '../shared/staff-api';
import type { SupervisorDesk } from './desk-store';
import { RecentConversations, SearchResults } from './search-results';
import {
  DISTRICTS,
  Filter,
  FILTERS,
  Filters,
  OUTCOME_KEY,
  searchMissing,
  searchParams,
  stars,
} from './search-query';
import type { TranscriptSearchPage } from './supervisor-protocol';

const INTENTS = [
  'outage.report',
  'outage.status',
  'outage.planned',
  'safety.hazard',
  'billing.balance',
  'billing.explain',
  'billing.payment',
  'billing.arrangement',
  'billing.tariff',
  'account.start_service',
  'account.stop_service',
  'account.transfer',
  'account.update_contact',
  'meter.reading',
  'meter.fault',
  'solar.connect',
  'service.complaint',
  'agent.request',
  'greeting',
  'goodbye',
  'thanks',
  'out_of_scope',
];

export type SearchState =
  | { state: 'idle' }
  | { state: 'searching' }
  | { state: 'ok'; page: number; answer: TranscriptSearchPage; q: string }
  | { state: 'unavailable' | 'error'; text: string };

/** Transcript search: free text in either language and the filters of GET /transcripts/search. */
export function SearchView({ desk, active }: { desk: SupervisorDesk; active: boolean }) {
  const { t, code, lang } = useT();
  const [filters, setFilters] = useState<Filters>({});
  const [result, setResult] = useState<SearchState>({ state: 'idle' });
  const [recentAsked, setRecentAsked] = useState(0);
  useEffect(() => {
    if (active) setRecentAsked((n) => n + 1);
  }, [active]);

  // The filters of the last search, for its other pages.
  const asked = useRef<Filters>({});
  const run = async (page: number, form?: HTMLFormElement) => {
    // Read from the form at the click (what it shows now), not from the last render.
    if (form) {
      const fields = new FormData(form);
      asked.current = Object.fromEntries(FILTERS.map((f) => [f, String(fields.get(f) ?? '')]));
    }
    setResult({ state: 'searching' });
    const params = searchParams(asked.current, page);
    const res = await desk.get<TranscriptSearchPage>(`/transcripts/search?${params}`);
    if (res.ok) return setResult({ state: 'ok', page, answer: res.body, q: params.get('q') ?? '' });
    const message = res.message;
    setResult(
      searchMissing(res.status, message)
        ? { state: 'unavailable', text: t('supSearchUnavailable', { s: res.status }) }
        : { state: 'error', text: t('supSearchFailed', { m: errorText(res, t) }) },
    );
  };
  const set = (name: Filter) => (e: { currentTarget: { value: string } }) =>
    setFilters((f) => ({ ...f, [name]: e.currentTarget.value }));
  const text = (name: Filter, label: Key, extra: Record<string, string> = {}, hint?: Key) => (
    <label class={name === 'q' ? 'wide' : ''}>
      <span>{t(label)}</span>
      <input
        name={name}
        data-testid={`search-${name}`}
        value={filters[name] ?? ''}
        placeholder={hint ? t(hint) : extra.placeholder}
        onInput={set(name)}
        {...extra}
      />
    </label>
  );
  const select = (name: Filter, label: Key, options: [string, string][], testid: string = name) => (
    <label>
      <span>{t(label)}</span>
      <select
        name={name}
        data-testid={`search-${testid}`}
        value={filters[name] ?? ''}
        onChange={set(name)}
      >
        <option value="">{t('supAny')}</option>
        {options.map(([value, word]) => (
          <option key={value} value={value}>
            {word}
          </option>
        ))}
      </select>
    </label>
  );
  const agents = desk.board?.board.agents ?? [];

  return (
    <section class="view" id="view-search" data-testid="view-search" hidden={!active}>
      <h1 class="sr-only">{t('supTabSearch')}</h1>
      <div class="panel">
        <form
          class="filters"
          data-testid="search-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(1, e.currentTarget);
          }}
        >
          {text('q', 'supFreeText', {}, 'supFreeTextHint')}
          {text('customer', 'supCustomer', { maxLength: '60' }, 'supCustomerFilter')}
          {text(
            'account',
            'supAccount',
            { maxLength: '20', inputMode: 'numeric' },
            'supAccountFilter',
          )}
          {text('channel', 'supChannel', { maxLength: '20', placeholder: 'web' })}
          {select(
            'agentId',
            'supAgent',
            agents.map((a) => [a.id, a.displayName]),
            'agent',
          )}
          {select(
            'intent',
            'supIntent',
            INTENTS.map((i) => [i, code('intents', i)]),
          )}
          {select(
            'district',
            'supDistrict',
            DISTRICTS.map(([c, zh, en]) => [c, lang === 'zh' ? zh : en]),
          )}
          {select(
            'outcome',
            'supOutcome',
            Object.entries(OUTCOME_KEY).map(([o, key]) => [o, t(key)]),
          )}
          {select(
            'rating',
            'supRating',
            [5, 4, 3, 2, 1].map((r) => [String(r), stars(r)]),
          )}
          {text('from', 'supFrom', { type: 'date' })}
          {text('to', 'supTo', { type: 'date' })}
          <div class="actions">
            <button class="primary" data-testid="search-submit">
              {t('supSearch')}
            </button>
            <button
              type="button"
              onClick={() => {
                setFilters({});
                setResult({ state: 'idle' });
              }}
            >
              {t('supReset')}
            </button>
          </div>
        </form>
      </div>
      <SearchResults desk={desk} result={result} onPage={(p) => void run(p)} />
      <RecentConversations desk={desk} asked={recentAsked} />
    </section>
  );
}
