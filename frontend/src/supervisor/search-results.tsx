import { useEffect, useState } from 'preact/hooks';
import { TableHead } from './table-head';
import { useT } from '../shared/i18n';
import { useClock } from '../shared/use-clock';
import type { ConversationView } from '../shared/protocol';
import { errorText } from '../shared/staff-api';
import type { SupervisorDesk } from './desk-store';
import { highlight, OUTCOME_KEY } from './search-query';
import type { SearchState } from './search-view';
import type { TranscriptHit } from './supervisor-protocol';

interface Props {
  desk: SupervisorDesk;
  result: SearchState;
  onPage(page: number): void;
}

export function SearchResults({ desk, result, onPage }: Props) {
  const { t } = useT();
  const hits = result.state === 'ok' ? result.answer.results : [];
  const status =
    result.state === 'searching'
      ? t('supSearching')
      : result.state === 'ok'
        ? hits.length === 0
          ? t('supNoResults')
          : ''
        : result.state === 'idle'
          ? ''
          : result.text;
  const failed = result.state === 'error' || result.state === 'unavailable';
  return (
    <div class="panel">
      <h2>{t('supResults')}</h2>
      <div
        class={failed ? 'notice error' : 'muted'}
        data-testid="search-status"
        data-state={
          result.state === 'idle' || result.state === 'searching' ? undefined : result.state
        }
        role="status"
      >
        {status}
      </div>
      {hits.length > 0 && result.state === 'ok' && (
        <>
          <div class="table-wrap">
            <table class="stack" data-testid="search-results">
              <TableHead
                columns={[
                  t('supWhen'),
                  t('supCustomer'),
                  t('supLanguage'),
                  t('supChannel'),
                  t('supStatus'),
                  t('supIntents'),
                  t('supOutcome'),
                  t('supMatch'),
                ]}
                action={t('supOpen')}
              />
              <tbody>
                {hits.map((hit) => (
                  <ResultRow
                    key={hit.id}
                    hit={hit}
                    q={result.q}
                    onOpen={() => void desk.openTranscript(hit.id)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <div class="pager" data-testid="search-pager">
            <button
              type="button"
              data-testid="page-prev"
              disabled={result.page <= 1}
              onClick={() => onPage(result.page - 1)}
            >
              {t('supPrev')}
            </button>
            <span data-testid="page-label">
              {t('supPage', { p: result.page, n: result.answer.total })}
            </span>
            <button
              type="button"
              data-testid="page-next"
              disabled={!result.answer.hasMore}
              onClick={() => onPage(result.page + 1)}
            >
              {t('supNext')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** One hit: the conversation's own fields and, with words, the first line that has one. */
function ResultRow({ hit, q, onOpen }: { hit: TranscriptHit; q: string; onOpen(): void }) {
  const { t, code } = useT();
  const snippet = hit.snippet;
  return (
    <tr data-testid="search-result" data-conversation-id={hit.id}>
      <ConversationCells conversation={hit} />
      <td
        data-label={t('supIntents')}
        data-testid="search-intents"
        data-intents={hit.intents.join(' ')}
      >
        {hit.intents.map((i) => code('intents', i)).join(', ') || '–'}
      </td>
      <td data-label={t('supOutcome')} data-testid="search-outcome">
        <span class="tag">{t(OUTCOME_KEY[hit.outcome])}</span>
        {hit.rating ? <span class="muted"> ★{hit.rating}</span> : ''}
      </td>
      <td data-label={t('supMatch')} class="snippet" data-testid="search-snippet">
        {snippet && (
          <>
            <span class="muted">
              {code('senders', snippet.sender)} #{snippet.seq}:{' '}
            </span>
            {highlight(snippet.text, q).map((part, i) =>
              part.match ? <mark key={i}>{part.text}</mark> : part.text,
            )}
          </>
        )}
      </td>
      <td>
        <button type="button" data-testid="open-transcript" onClick={onOpen}>
          {t('supOpen')}
        </button>
      </td>
    </tr>
  );
}

/** The conversations most recently active, loaded each time the section is shown. */
export function RecentConversations({ desk, asked }: { desk: SupervisorDesk; asked: number }) {
  const { t } = useT();
  const [recent, setRecent] = useState<ConversationView[] | string | null>(null);
  useEffect(() => {
    if (asked === 0) return;
    let current = true;
    void desk.get<{ conversations: ConversationView[] }>('/transcripts?limit=20').then((res) => {
      if (current) setRecent(res.ok ? res.body.conversations : errorText(res, t));
    });
    return () => {
      current = false;
    };
  }, [desk, asked]);
  return (
    <div class="panel">
      <h2>{t('supRecent')}</h2>
      {typeof recent === 'string' && <div class="error">{recent}</div>}
      {Array.isArray(recent) && recent.length === 0 && <div class="empty">{t('supNoRecent')}</div>}
      {Array.isArray(recent) && recent.length > 0 && (
        <div class="table-wrap">
          <table class="stack" data-testid="recent-conversations">
            <TableHead
              columns={[
                t('supWhen'),
                t('supCustomer'),
                t('supLanguage'),
                t('supChannel'),
                t('supStatus'),
              ]}
              action={t('supOpen')}
            />
            <tbody>
              {recent.map((c) => (
                <tr key={c.id} data-testid="recent-conversation" data-conversation-id={c.id}>
                  <ConversationCells conversation={c} />
                  <td>
                    <button
                      type="button"
                      data-testid="open-transcript"
                      onClick={() => void desk.openTranscript(c.id)}
                    >
                      {t('supOpen')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The cells a search hit and a recent conversation both start with. */
function ConversationCells({
  conversation: c,
}: {
  conversation: Pick<
    TranscriptHit,
    'createdAt' | 'customerName' | 'language' | 'channel' | 'status'
  >;
}) {
  const { t, code } = useT();
  const clock = useClock();
  return (
    <>
      <td data-label={t('supWhen')}>{clock.dateTime(c.createdAt)}</td>
      <td data-label={t('supCustomer')}>{c.customerName ?? '–'}</td>
      <td data-label={t('supLanguage')}>{code('languages', c.language)}</td>
      <td data-label={t('supChannel')}>{code('channels', c.channel)}</td>
      <td data-label={t('supStatus')}>
        <span class="tag">{code('conversationStatus', c.status)}</span>
      </td>
    </>
  );
}
