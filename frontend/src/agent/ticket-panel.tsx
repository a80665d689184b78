import { duration } from '../shared/format';
import { useT } from '../shared/i18n';
import { useClock } from '../shared/use-clock';
import type { StaffView } from '../shared/protocol';
import { CustomerPanel, Facts } from './customer-panel';
import { historyNote } from './history-note';
import type { Chat, DeskStore } from './desk-store';
import { CloseForm } from './ticket-forms';
import { TransferForm } from './transfer-form';

/** The right column: the customer, the ticket and its history, transfer and close. */
export function TicketPanel({
  store,
  chat,
  me,
}: {
  store: DeskStore;
  chat: Chat | undefined;
  me: StaffView;
}) {
  const tr = useT();
  const clock = useClock();
  const { t, code, priority } = tr;
  if (!chat) return <aside id="context" data-testid="context" />;
  const { ticket } = chat;
  // Notes name agents by id; show the agent's name where the desk knows it.
  const nameOf = (id: string) =>
    id === me.id ? me.displayName : store.agents.find((a) => a.id === id)?.displayName;
  return (
    <aside id="context" data-testid="context">
      <div id="context-body">
        <CustomerPanel chat={chat} me={me} />
        <h2>{t('ticket')}</h2>
        <section>
          <Facts
            testid="context-ticket"
            rows={[
              [t('status'), code('ticketStatus', ticket.status), 'status'],
              [t('reason'), code('reasons', ticket.reason), 'reason'],
              [t('priority'), `P${ticket.priority} ${priority(ticket.priority)}`, 'priority'],
              [t('skill'), code('skills', ticket.skill), 'skill'],
              [t('queued'), clock.dateTime(ticket.queuedAt), 'queued'],
              [
                t('waited'),
                ticket.waitedSeconds !== undefined ? duration(ticket.waitedSeconds) : undefined,
                'waited',
              ],
            ]}
          />
        </section>
        <h2>{t('ticketHistory')}</h2>
        <section>
          <ol class="history" data-testid="context-history">
            {ticket.history.map((h, i) => (
              <li key={i}>
                {clock.time(h.at)} {code('ticketStatus', h.status)}
                {h.note ? ` — ${historyNote(h, tr, nameOf)}` : ''}
              </li>
            ))}
          </ol>
        </section>
        <h2>{t('earlierTickets')}</h2>
        <section>
          <ol class="history" data-testid="context-earlier">
            {chat.history.map((h) => (
              <li key={h.id}>
                {clock.dateTime(h.queuedAt)} · {code('ticketStatus', h.status)}
                {h.resolution ? ` · ${code('resolutions', h.resolution)}` : ''}
                {h.rating?.agent ? ` · ★${h.rating.agent}` : ''}
                {h.id === ticket.id ? ' (◀)' : ''}
              </li>
            ))}
          </ol>
        </section>
        <TransferForm store={store} chat={chat} key={`t-${ticket.id}`} />
        <CloseForm store={store} chat={chat} key={`c-${ticket.id}`} />
      </div>
    </aside>
  );
}
