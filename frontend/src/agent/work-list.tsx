import { useT } from '../shared/i18n';
import { useZone } from '../shared/use-clock';
import type { StaffView, TicketView } from '../shared/protocol';
import { chatTitle } from './chat-title';
import type { Chat } from './desk-store';
import { lastCustomerText } from './offers-bar';
import { SlaClock, TicketTags } from './ticket-bits';

interface Props {
  me: StaffView;
  chats: Chat[];
  queue: TicketView[];
  active: string | null;
  onOpen(id: string): void;
  onTake(id: string): void;
}

/** The left column: my chats (with unread counts), then the queue. */
export function WorkList({ me, chats, queue, active, onOpen, onTake }: Props) {
  const tr = useT();
  const { t, code } = tr;
  const { zone } = useZone();
  const canServe = (ticket: TicketView) =>
    (me.languages as string[]).includes(ticket.language) &&
    (ticket.skill === 'general' || me.skills.includes(ticket.skill));
  const sorted = [...queue].sort(
    (a, b) => a.priority - b.priority || a.queuedAt.localeCompare(b.queuedAt),
  );
  return (
    <nav id="sidebar" aria-label={t('myChats')}>
      <h2>
        {t('myChats')} <span id="mine-count">({chats.filter((c) => !c.ended).length})</span>
      </h2>
      <div id="chats" data-testid="chat-list">
        {chats.length === 0 && <div class="empty">{t('none')}</div>}
        {chats.map((chat) => (
          <button
            type="button"
            key={chat.ticket.id}
            class={`card chat p${chat.ticket.priority}${chat.ticket.id === active ? ' active' : ''}`}
            aria-current={chat.ticket.id === active ? 'true' : undefined}
            data-testid="chat-tab"
            data-ticket-id={chat.ticket.id}
            onClick={() => onOpen(chat.ticket.id)}
          >
            <span class="row">
              <strong data-testid="chat-tab-title">{chatTitle(chat, tr, zone)}</strong>
              {chat.unread > 0 && (
                <span class="unread" data-testid="unread">
                  {chat.unread}
                </span>
              )}
            </span>
            <span class="row">
              <TicketTags ticket={chat.ticket} />
              {chat.ended ? (
                <span class="muted">✓</span>
              ) : (
                <SlaClock ticket={chat.ticket} testid="chat-sla" />
              )}
            </span>
          </button>
        ))}
      </div>
      <h2>
        {t('queue')} <span id="queue-count">({queue.length})</span>
      </h2>
      <div id="queue" data-testid="queue">
        {sorted.length === 0 && <div class="empty">{t('none')}</div>}
        {sorted.map((ticket) => (
          <div
            key={ticket.id}
            class={`card p${ticket.priority}${canServe(ticket) ? '' : ' not-mine'}`}
            data-testid="queue-item"
            data-ticket-id={ticket.id}
          >
            <div class="row">
              <TicketTags ticket={ticket} />
              <SlaClock ticket={ticket} testid="queue-sla" />
            </div>
            <div class="said muted">{lastCustomerText(ticket)}</div>
            <div class="row">
              <span class="muted">
                {code('reasons', ticket.reason)}
                {ticket.status === 'offered' ? ` · ${code('ticketStatus', 'offered')}` : ''}
                {ticket.callback ? ` · ☎ ${t('callback')}` : ''}
              </span>
              <button data-testid="queue-take" onClick={() => onTake(ticket.id)}>
                {t('take')}
              </button>
            </div>
          </div>
        ))}
      </div>
    </nav>
  );
}
