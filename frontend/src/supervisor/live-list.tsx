import { useT } from '../shared/i18n';
import { useClock } from '../shared/use-clock';
import { TableHead } from './table-head';
import type { Translator } from '../shared/translate';
import { duration } from '../shared/format';
import {
  BoardAt,
  breachesNow,
  LIVE_STATUS_KEY,
  missedTargets,
  SLA_KEY,
  SlaNow,
  slaNow,
  waitNow,
} from './board-view';
import type { SupervisorDesk } from './desk-store';
import type { LiveItem } from './supervisor-protocol';

interface Props {
  desk: SupervisorDesk;
  at: BoardAt;
  now: number;
}

/** The SLA state in words: which target was missed, or how close the next one is. */
function slaText(item: LiveItem, sla: SlaNow, tr: Translator): string {
  const missed = missedTargets(item, sla);
  if (missed.length > 0)
    return missed.map((kind) => tr.t('supSlaBreached', { kind: tr.code('sla', kind) })).join(', ');
  return tr.t(SLA_KEY[sla === 'breached' ? 'overdue' : sla]);
}

/** What the chat is about: the intent the bot read, else why it was handed over. */
const about = (item: LiveItem, tr: Translator): string =>
  item.intent ? tr.code('intents', item.intent) : tr.code('reasons', item.reason);

function Priority({ p }: { p: number }) {
  const { priority } = useT();
  return (
    <span class={`tag p${p}`}>
      P{p} {priority(p)}
    </span>
  );
}

/** Waiting chats first, then those with agents: each opens its transcript or a silent watch. */
export function LiveList({ desk, at, now }: Props) {
  const tr = useT();
  const { t, code } = tr;
  const clock = useClock();
  const live = at.board.live;
  if (live.length === 0) return <div class="empty">{t('supNoLive')}</div>;
  return (
    <table class="stack" data-testid="live-table">
      <TableHead
        columns={[
          t('supPriority'),
          t('supLiveStatus'),
          { label: t('supLiveWait'), num: true },
          t('supLiveSla'),
          t('supAgent'),
          t('supLiveWhat'),
        ]}
        action={t('supOpen')}
      />
      <tbody>
        {live.map((item) => {
          const sla = slaNow(item, at, now);
          return (
            <tr
              key={item.ticketId}
              data-testid="live-row"
              data-ticket-id={item.ticketId}
              data-conversation-id={item.conversationId}
              data-sla={sla}
            >
              <td data-label={t('supPriority')}>
                <Priority p={item.priority} />
              </td>
              <td data-label={t('supLiveStatus')}>{t(LIVE_STATUS_KEY[item.status])}</td>
              <td data-label={t('supLiveWait')} class="num">
                {duration(waitNow(item.waitingSeconds, at, now))}
              </td>
              <td
                data-label={t('supLiveSla')}
                class={sla === 'ok' ? '' : 'warn-long'}
                data-testid="live-sla"
                title={
                  item.firstResponseDueAt && !item.answered
                    ? t('slaDueAt', { t: clock.time(item.firstResponseDueAt) })
                    : undefined
                }
              >
                {slaText(item, sla, tr)}
              </td>
              <td data-label={t('supAgent')}>{item.agentName ?? '–'}</td>
              <td data-label={t('supLiveWhat')}>
                {about(item, tr)}
                <span class="muted">
                  {' · '}
                  {code('skills', item.skill)} · {code('channels', item.channel)}
                </span>
              </td>
              <td class="actions">
                <button
                  type="button"
                  data-testid="live-open"
                  onClick={() => void desk.openTranscript(item.conversationId)}
                >
                  {t('supOpen')}
                </button>
                <button
                  type="button"
                  data-testid="live-watch"
                  onClick={() => void desk.openTranscript(item.conversationId, true)}
                >
                  {t('supWatchLive')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Open chats past a target now, from the server's state: not only what this page saw happen. */
export function SlaAlerts({ desk, at, now }: Props) {
  const tr = useT();
  const { t, code } = tr;
  const breaches = breachesNow(at, now);
  if (breaches.length === 0) return <div class="empty">{t('supNoAlerts')}</div>;
  return (
    <ul class="alerts" data-testid="sla-alerts">
      {breaches.map((item) => (
        <li key={item.ticketId} data-testid="sla-alert" data-ticket-id={item.ticketId}>
          <Priority p={item.priority} />
          <strong>{slaText(item, slaNow(item, at, now), tr)}</strong>
          <span>
            {about(item, tr)} · {code('skills', item.skill)}
            {item.agentName ? ` · ${item.agentName}` : ''}
          </span>
          <span class="when">
            {t('supSlaWaited', { d: duration(waitNow(item.waitingSeconds, at, now)) })}
          </span>
          <button type="button" onClick={() => void desk.openTranscript(item.conversationId)}>
            {t('supOpen')}
          </button>
        </li>
      ))}
    </ul>
  );
}
