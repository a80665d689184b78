import { useEffect, useRef, useState } from 'preact/hooks';
import { TableHead } from './table-head';
import { useT } from '../shared/i18n';
import { useClock } from '../shared/use-clock';
import {
  ACCESS_LIMIT,
  ACTION_KEY,
  accessTarget,
  accessTargets,
  mergeEntries,
  scopeLine,
} from './access-log';
import { errorText, StaffFailure } from '../shared/staff-api';
import type { SupervisorDesk } from './desk-store';
import type { AccessEntry } from './supervisor-protocol';

interface Loaded {
  target: string;
  conversationId: string | null;
  messageCount: number | null;
  entries: AccessEntry[];
  error: StaffFailure | null;
  at: string;
}

/** Who read, searched, watched or unmasked what: read-only, the page only ever GETs it. */
export function AccessLogView({ desk, active }: { desk: SupervisorDesk; active: boolean }) {
  const { t } = useT();
  const clock = useClock();
  const [input, setInput] = useState(desk.accessTarget);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const request = useRef(0);

  const load = async (value: string) => {
    const mine = ++request.current;
    const target = accessTarget(value);
    setInput(target);
    desk.accessTarget = target;
    history.replaceState(null, '', target ? `#access=${encodeURIComponent(target)}` : '#access');
    const { conversationId, targets, messageCount } = accessTargets(target, desk.transcript);
    setLoading(true);
    const answers = await Promise.all(
      targets.map((tg) => {
        const params = new URLSearchParams({ limit: String(ACCESS_LIMIT) });
        if (tg) params.set('target', tg);
        return desk.get<{ entries: AccessEntry[] }>(`/audit/access-log?${params}`);
      }),
    );
    if (mine !== request.current) return;
    setLoading(false);
    const failed = answers.find((res): res is StaffFailure => !res.ok) ?? null;
    const entries = mergeEntries(answers.map((res) => (res.ok ? res.body.entries : [])));
    setLoaded({
      target,
      conversationId,
      messageCount,
      entries: failed ? [] : entries,
      error: failed,
      at: new Date().toISOString(),
    });
  };
  useEffect(() => {
    if (desk.accessAsked > 0 && active) void load(desk.accessTarget);
    // Loads when asked (the tab shown, a filter chosen elsewhere), not on every render.
  }, [desk.accessAsked]);

  const entries = loaded?.entries ?? [];
  const scope = loaded && scopeLine(loaded.target, loaded.conversationId, loaded.messageCount);
  const err = loaded?.error;
  const state = loading
    ? 'loading'
    : !loaded
      ? undefined
      : err
        ? 'error'
        : entries.length === 0
          ? 'empty'
          : 'ok';
  const statusText =
    state === 'loading'
      ? t('supAccessLoading')
      : err
        ? err.status === 403
          ? t('supAccessForbidden', { m: errorText(err, t) })
          : t('supAccessFailed', { m: errorText(err, t) })
        : state === 'empty'
          ? loaded?.target
            ? t('supAccessEmptyTarget', { target: loaded.target })
            : t('supAccessEmpty')
          : entries.length >= ACCESS_LIMIT
            ? t('supAccessTruncated', { n: ACCESS_LIMIT })
            : '';

  return (
    <section class="view" id="view-access" data-testid="view-access" hidden={!active}>
      <h1 class="sr-only">{t('supTabAccess')}</h1>
      <div class="panel">
        <form
          class="access-form"
          data-testid="access-form"
          onSubmit={(e) => {
            e.preventDefault();
            // The field as it reads at the click, not as the last render saw it.
            void load(String(new FormData(e.currentTarget).get('target') ?? input));
          }}
        >
          <label class="wide">
            <span>{t('supAccessTarget')}</span>
            <input
              name="target"
              data-testid="access-target"
              maxLength={120}
              autocomplete="off"
              spellcheck={false}
              placeholder={t('supAccessTargetHint')}
              value={input}
              onInput={(e) => setInput(e.currentTarget.value)}
            />
          </label>
          <span class="actions">
            <button class="primary" data-testid="access-apply">
              {t('supAccessApply')}
            </button>
            <button type="button" data-testid="access-clear" onClick={() => void load('')}>
              {t('supAccessClear')}
            </button>
            <button
              type="button"
              data-testid="access-refresh"
              disabled={loading}
              onClick={() => void load(input)}
            >
              {t('supRefresh')}
            </button>
          </span>
        </form>
        <div class="muted">{t('supAccessReadOnly')}</div>
      </div>
      <div class="panel">
        <h2>
          {t('supTabAccess')}{' '}
          <span class="muted" data-testid="access-at">
            {loaded && t('supAccessLoadedAt', { t: clock.time(loaded.at) })}
          </span>
        </h2>
        <div class="access-scope" data-testid="access-scope">
          {scope && t(scope.key, scope.values)}
        </div>
        <div
          class={err && !loading ? 'notice error' : state === 'empty' ? 'empty' : 'muted'}
          data-testid="access-status"
          data-state={state}
          role="status"
        >
          {statusText}
        </div>
        {entries.length > 0 && loaded && (
          <div class="table-wrap">
            <table class="stack" data-testid="access-table">
              <TableHead
                columns={[
                  t('supAccessAt'),
                  t('supAccessWho'),
                  t('supAccessAction'),
                  t('supAccessTargetCol'),
                  t('supReason'),
                ]}
              />
              <tbody>
                {entries.map((e, i) => (
                  <AccessRow
                    key={i}
                    entry={e}
                    mine={e.staffId === desk.me?.id}
                    filtered={e.target === loaded.target}
                    onFilter={() => void load(e.target)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

interface RowProps {
  entry: AccessEntry;
  mine: boolean;
  /** The list is already filtered to this entry's target. */
  filtered: boolean;
  onFilter(): void;
}

function AccessRow({ entry: e, mine, filtered, onFilter }: RowProps) {
  const { t } = useT();
  const clock = useClock();
  const action = ACTION_KEY[e.action];
  return (
    <tr
      data-testid="access-row"
      data-action={e.action}
      data-target={e.target}
      data-staff-id={e.staffId}
    >
      <td data-label={t('supAccessAt')} data-testid="access-at-cell">
        <time dateTime={e.at} title={clock.zone}>
          {clock.dateTimeSeconds(e.at)}
        </time>
      </td>
      <td data-label={t('supAccessWho')} data-testid="access-who" title={e.staffId}>
        {e.username}
        {mine && (
          <>
            {' '}
            <span class="tag">{t('supYou')}</span>
          </>
        )}
      </td>
      <td data-label={t('supAccessAction')} data-testid="access-action">
        {action ? t(action) : e.action} <code class="muted">{e.action}</code>
      </td>
      <td data-label={t('supAccessTargetCol')} data-testid="access-target-cell" class="target">
        {filtered ? (
          <code>{e.target}</code>
        ) : (
          <button type="button" class="link" title={t('supFilterBy')} onClick={onFilter}>
            {e.target}
          </button>
        )}
      </td>
      <td data-label={t('supReason')} data-testid="access-reason">
        {e.reason ?? '–'}
      </td>
    </tr>
  );
}
