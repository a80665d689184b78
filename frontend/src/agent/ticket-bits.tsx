import { duration, slaState } from '../shared/format';
import { useT } from '../shared/i18n';
import type { TicketView } from '../shared/protocol';
import { useClock } from '../shared/use-clock';
import { useNow } from '../shared/use-now';

export function TicketTags({ ticket }: { ticket: TicketView }) {
  const { code, priority } = useT();
  return (
    <span class="tags">
      <span class={`tag p${ticket.priority}`} data-testid="priority">
        P{ticket.priority} {priority(ticket.priority)}
      </span>{' '}
      <span class="tag" data-testid="skill">
        {code('skills', ticket.skill)}
      </span>{' '}
      <span class="tag" data-testid="language" title={code('languages', ticket.language)}>
        {ticket.language}
      </span>
    </span>
  );
}

/**
 * Counts down to the SLA target; amber when little is left, red once passed. Its tooltip gives
 * the target's clock time, in the service's zone like every time on the console.
 */
export function SlaClock({ ticket, testid }: { ticket: TicketView; testid: string }) {
  const { t, code } = useT();
  const clock = useClock();
  const now = useNow();
  const sla = slaState(ticket, now);
  const kind = sla.kind && code('sla', sla.kind);
  const due = sla.kind === 'first_response' ? ticket.firstResponseDueAt : ticket.resolutionDueAt;
  const dueAt = sla.kind && due ? ` · ${t('slaDueAt', { t: clock.time(due) })}` : '';
  const title =
    (!kind ? t('slaSince') : sla.seconds > 0 ? t('slaDue', { kind }) : t('slaOver', { kind })) +
    dueAt;
  const shown = sla.kind && sla.seconds <= 0 ? `+${duration(-sla.seconds)}` : duration(sla.seconds);
  return (
    <span
      class={`clock sla-${sla.tone}`}
      data-testid={testid}
      data-breached={sla.breached ? 'true' : undefined}
      data-tone={sla.tone}
      title={title}
    >
      {sla.breached ? '⚠ ' : ''}
      {t('sla')} {shown}
      <span class="sr-only"> {title}</span>
    </span>
  );
}

export function OfferCountdown({ expiresAt }: { expiresAt?: string }) {
  const { t } = useT();
  const now = useNow(500);
  const left = expiresAt ? (Date.parse(expiresAt) - now) / 1000 : 0;
  return (
    <span class="countdown" data-testid="offer-countdown">
      {duration(left)} {t('offerExpires')}
    </span>
  );
}
