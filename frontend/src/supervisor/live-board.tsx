import { useT } from '../shared/i18n';
import { useClock } from '../shared/use-clock';
import { TableHead } from './table-head';
import { duration } from '../shared/format';
import { useNow } from '../shared/use-now';
import { alertLines, breachesNow, BoardAt, waitNow } from './board-view';
import type { SupervisorDesk } from './desk-store';
import { IncidentsPanel } from './incidents-panel';
import { LiveList, SlaAlerts } from './live-list';

/** The live board: alerts, incidents, counts of now, the queue, the agents and the open chats. */
export function LiveBoard({ desk, active }: { desk: SupervisorDesk; active: boolean }) {
  const { t } = useT();
  const clock = useClock();
  const now = useNow(1000);
  const at = desk.board;
  return (
    <section class="view" id="view-live" data-testid="view-live" hidden={!active}>
      <h1 class="sr-only">{t('supTabLive')}</h1>
      {at && <BoardAlerts at={at} now={now} />}
      {desk.session && <IncidentsPanel desk={desk} />}
      <Counts at={at} />
      <div class="grid2">
        <div class="panel">
          <h2>{t('supQueueByPriority')}</h2>
          {at && <QueueTable at={at} now={now} />}
        </div>
        <div class="panel">
          <h2>{t('supAgents')}</h2>
          {at && <AgentsTable at={at} />}
        </div>
      </div>
      <div class="panel">
        <h2>
          {t('supLiveList')}{' '}
          <span class="muted" data-testid="board-at">
            {at && t('supUpdatedAt', { t: clock.time(at.board.at) })}
          </span>
        </h2>
        {at && <LiveList desk={desk} at={at} now={now} />}
      </div>
      <div class="panel">
        <h2>{t('supSlaAlerts')}</h2>
        {at && <SlaAlerts desk={desk} at={at} now={now} />}
      </div>
    </section>
  );
}

function BoardAlerts({ at, now }: { at: BoardAt; now: number }) {
  const { t } = useT();
  const overdueWaiting = breachesNow(at, now).filter((i) => i.status !== 'assigned').length;
  const lines = alertLines(at.board.alerts, overdueWaiting);
  if (lines.length === 0) return null;
  return (
    <div class="board-alerts" data-testid="board-alerts" role="alert">
      {lines.map((line) => (
        <div key={line.key} data-testid="board-alert">
          {t(line.key, line.n === undefined ? {} : { n: line.n })}
        </div>
      ))}
    </div>
  );
}

function Counts({ at }: { at: BoardAt | null }) {
  const { t } = useT();
  const c = at?.board.conversations;
  return (
    <div class="counts">
      <div class="count">
        <div>{t('supWithBot')}</div>
        <div class="value" data-testid="count-withBot">
          {c ? c.withBot : '–'}
        </div>
        <div class="muted">{t('supWithBotHint')}</div>
      </div>
      <div class="count waiting">
        <div>{t('supWaiting')}</div>
        <div class="value" data-testid="count-waiting">
          {c ? c.waiting : '–'}
        </div>
      </div>
      <div class="count agent">
        <div>{t('supWithAgent')}</div>
        <div class="value" data-testid="count-withAgent">
          {c ? c.withAgent : '–'}
        </div>
      </div>
    </div>
  );
}

/** The longest waits keep growing between pushes: counted up here every second. */
function QueueTable({ at, now }: { at: BoardAt; now: number }) {
  const { t, priority } = useT();
  return (
    <table data-testid="queue-table">
      <TableHead
        columns={[
          t('supPriority'),
          { label: t('supWaitingCount'), num: true },
          { label: t('supLongestWait'), num: true },
        ]}
      />
      <tbody>
        {at.board.queue.map((q) => {
          const wait = q.waiting > 0 ? waitNow(q.longestWaitSeconds, at, now) : null;
          return (
            <tr key={q.priority} data-testid="queue-row" data-priority={String(q.priority)}>
              <td>
                <span class={`tag p${q.priority}`}>
                  P{q.priority} {priority(q.priority)}
                </span>
              </td>
              <td class="num" data-testid="queue-waiting">
                {q.waiting}
              </td>
              <td
                class={`num${wait !== null && wait > 120 ? ' warn-long' : ''}`}
                data-testid="queue-longest"
              >
                {wait === null ? '–' : duration(wait)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function AgentsTable({ at }: { at: BoardAt }) {
  const { t, code } = useT();
  const agents = [...at.board.agents].sort((a, b) => a.displayName.localeCompare(b.displayName));
  if (agents.length === 0) return <div class="empty">{t('supNoAgents')}</div>;
  return (
    <table data-testid="agents-table">
      <TableHead columns={[t('supAgent'), t('supPresence'), t('supLoad')]} />
      <tbody>
        {agents.map((a) => {
          const share = a.capacity ? Math.min(1, a.load / a.capacity) : 0;
          return (
            <tr key={a.id} data-testid="agent-row" data-agent-id={a.id}>
              <td>{a.displayName}</td>
              <td
                class={`presence-${a.presence}`}
                data-testid="agent-presence"
                data-presence={a.presence}
              >
                <span class="presence-dot" />
                {code('presence', a.presence)}
              </td>
              <td data-testid="agent-load">
                <span class={`load${a.load >= a.capacity ? ' full' : ''}`}>
                  <span style={{ width: `${share * 100}%` }} />
                </span>
                {a.load}/{a.capacity}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
