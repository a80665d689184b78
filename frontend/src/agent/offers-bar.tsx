import { useT } from '../shared/i18n';
import type { CaseCard, TicketView } from '../shared/protocol';
import { OfferCountdown, SlaClock, TicketTags } from './ticket-bits';

/** The customer's last words before the handoff, from the bot's case card (masked there). */
export const lastCustomerText = (ticket: TicketView): string | undefined =>
  (ticket.caseCard as CaseCard | undefined)?.lastMessages?.at(-1);

interface Props {
  offers: TicketView[];
  onAccept(id: string): void;
  onDecline(id: string): void;
}

export function OffersBar({ offers, onAccept, onDecline }: Props) {
  const { t, code } = useT();
  return (
    <div id="offers" data-testid="offers" aria-live="assertive">
      {offers.map((ticket) => {
        const said = lastCustomerText(ticket);
        return (
          <div class="offer" data-testid="offer" data-ticket-id={ticket.id} key={ticket.id}>
            <strong>{t('offerFor')}</strong>
            <TicketTags ticket={ticket} />
            <span class="reason" data-testid="offer-reason">
              {code('reasons', ticket.reason)}
            </span>
            {said && (
              <q class="said" data-testid="offer-last-message" title={t('lastMessage')}>
                {said}
              </q>
            )}
            <SlaClock ticket={ticket} testid="offer-waiting" />
            <OfferCountdown expiresAt={ticket.offerExpiresAt} />
            <button class="primary" data-testid="offer-accept" onClick={() => onAccept(ticket.id)}>
              {t('accept')}
            </button>
            <button data-testid="offer-decline" onClick={() => onDecline(ticket.id)}>
              {t('decline')}
            </button>
          </div>
        );
      })}
    </div>
  );
}
