import { duration } from '../shared/format';
import { useT } from '../shared/i18n';
import { useClock } from '../shared/use-clock';
import type { TicketView } from '../shared/protocol';
import { stars } from './search-query';
import { CASE_KEY, formatValue, historyWords } from './transcript-bits';

interface Props {
  ticket: TicketView;
  agents: readonly { id: string; displayName: string }[];
}

/** A ticket of the conversation: its facts in words, the rating, the case card and its history. */
export function TicketFacts({ ticket: tk, agents }: Props) {
  const tr = useT();
  const clock = useClock();
  const { t, code } = tr;
  const seconds = (s?: number) => (s === undefined ? undefined : duration(s));
  const facts: [string, string | undefined][] = [
    [t('supStatus'), code('ticketStatus', tk.status)],
    [t('supPriority'), `P${tk.priority} ${tr.priority(tk.priority)}`],
    [t('supReason'), code('reasons', tk.reason)],
    [t('supSkill'), code('skills', tk.skill)],
    [t('supAgent'), tk.agentName],
    [t('supWaited'), seconds(tk.waitedSeconds)],
    [t('supFirstResponse'), seconds(tk.firstResponseSeconds)],
    [t('supHandle'), seconds(tk.handleSeconds)],
    [
      t('supSlaBreaches'),
      tk.slaBreaches.length ? tk.slaBreaches.map((k) => code('sla', k)).join(', ') : t('supNone'),
    ],
    [t('supResolution'), tk.resolution && code('resolutions', tk.resolution)],
    [t('supCallback'), tk.callback?.phone],
  ];
  const rating = tk.rating ?? {};
  const caseValue = (k: string, v: unknown) => {
    if (k === 'intentPath' && Array.isArray(v))
      return v.map((i) => code('intents', String(i))).join(' → ');
    if (k === 'verification' && typeof v === 'string') return code('verification', v);
    return formatValue(v);
  };
  return (
    <div class="ticket" data-testid="ticket" data-ticket-id={tk.id}>
      <strong>
        {t('supTicket')} {tk.id.slice(-6)}
      </strong>
      <dl>
        {facts
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => [<dt key={`${k}t`}>{k}</dt>, <dd key={`${k}d`}>{v}</dd>])}
      </dl>
      {(rating.agent || rating.bot) && (
        <div data-testid="ticket-rating">
          <h3>{t('supRating')}</h3>
          <dl>
            {rating.agent && [
              <dt key="a">{t('supRatingAgent')}</dt>,
              <dd key="ad" class="stars">{`${stars(rating.agent)} ${rating.agent}/5`}</dd>,
            ]}
            {rating.bot && [
              <dt key="b">{t('supRatingBot')}</dt>,
              <dd key="bd" class="stars">{`${stars(rating.bot)} ${rating.bot}/5`}</dd>,
            ]}
            {rating.comment && [
              <dt key="c">{t('supComment')}</dt>,
              <dd key="cd">{rating.comment}</dd>,
            ]}
          </dl>
        </div>
      )}
      {tk.caseCard && (
        <div data-testid="case-card">
          <h3>{t('supCaseCard')}</h3>
          <dl>
            {Object.entries(tk.caseCard).map(([k, v]) => [
              <dt key={`${k}t`}>{CASE_KEY[k] ? t(CASE_KEY[k]) : k}</dt>,
              <dd key={`${k}d`}>{caseValue(k, v)}</dd>,
            ])}
          </dl>
        </div>
      )}
      <h3>{t('supHistory')}</h3>
      <ol class="history" data-testid="ticket-history">
        {tk.history.map((h, i) => {
          const said = historyWords(h, tk, agents, tr);
          return (
            <li key={i}>
              {clock.time(h.at)} {code('ticketStatus', h.status)} · {said.by}
              {said.note ? ` — ${said.note}` : ''}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
