import { useEffect, useRef } from 'preact/hooks';
import { useNow } from '../shared/use-now';
import { useT } from '../shared/i18n';
import { useClock, useZone } from '../shared/use-clock';
import type { MessageView, StaffView } from '../shared/protocol';
import { chatTitle } from './chat-title';
import { Composer } from './composer';
import type { Chat, DeskStore } from './desk-store';
import { SlaClock, TicketTags } from './ticket-bits';

function MessageRow({ m, me }: { m: MessageView; me: StaffView }) {
  const { t, code } = useT();
  const clock = useClock();
  const mine = m.sender === 'agent' && m.agentId === me.id;
  const whisper = m.id.startsWith('whisper-');
  const sender = mine ? t('you') : code('senders', m.sender);
  const who = whisper ? t('whisper') : m.internal ? `${t('noteLabel')} · ${sender}` : sender;
  const kind = m.internal ? 'note' : m.sender;
  return (
    <div
      class={`msg ${m.sender}${m.internal ? ' note' : ''}`}
      data-testid={`msg-${kind}`}
      data-message-id={m.id}
    >
      {m.sender !== 'system' && (
        <div class="who">
          {who} ·{' '}
          <time dateTime={m.createdAt} title={clock.zone} data-testid="msg-time">
            {clock.time(m.createdAt)}
          </time>
        </div>
      )}
      <span data-testid="msg-text">{m.text}</span>
      {m.sender === 'bot' && m.intent && (
        <div>
          <span class="intent" data-testid="msg-intent" title={m.intent}>
            {code('intents', m.intent)}
            {m.confidence !== undefined ? ` · ${m.confidence.toFixed(2)}` : ''}
          </span>
        </div>
      )}
    </div>
  );
}

/** A "typing" the customer never ended (their page closed) stops showing after this. */
const TYPING_SHOWN_MS = 6000;

function TypingLine({ chat }: { chat: Chat }) {
  const { t } = useT();
  const now = useNow(1000);
  if (!chat.customerTypingAt || now - chat.customerTypingAt > TYPING_SHOWN_MS) return null;
  return (
    <div class="muted typing" data-testid="customer-typing" aria-live="polite">
      {t('customerTyping')}
    </div>
  );
}

export function ChatPane({ store, chat }: { store: DeskStore; chat: Chat | undefined }) {
  const tr = useT();
  const { t, code } = tr;
  const { zone } = useZone();
  const transcript = useRef<HTMLDivElement>(null);
  const count = chat?.messages.size ?? 0;
  useEffect(() => {
    const node = transcript.current;
    if (node) node.scrollTop = node.scrollHeight;
  }, [chat?.ticket.id, count]);
  const me = store.me;
  if (!chat || !me) {
    return (
      <main id="chat" data-testid="chat">
        <div id="no-chat">{t('noChat')}</div>
      </main>
    );
  }
  const { ticket } = chat;
  const messages = [...chat.messages.values()].sort((a, b) => a.seq - b.seq);
  return (
    <main id="chat" data-testid="chat">
      <div id="chat-head" data-testid="chat-head">
        <h3 data-testid="chat-title">{chatTitle(chat, tr, zone)}</h3>
        <TicketTags ticket={ticket} />
        <span class="muted">{code('reasons', ticket.reason)}</span>
        {chat.ended ? (
          <span class="muted">{t('chatEnded')}</span>
        ) : (
          <SlaClock ticket={ticket} testid="active-sla" />
        )}
        {ticket.slaBreaches.length > 0 && (
          <span class="breach" data-testid="sla-breach">
            {t('breached')}: {ticket.slaBreaches.map((k) => code('sla', k)).join(', ')}
          </span>
        )}
      </div>
      <div id="transcript" data-testid="transcript" aria-live="polite" ref={transcript}>
        {messages.map((m) => (
          <MessageRow key={m.id} m={m} me={me} />
        ))}
        {chat.ended && <div class="msg system">{t('chatEnded')}</div>}
      </div>
      {!chat.ended && <TypingLine chat={chat} />}
      <Composer store={store} chat={chat} key={chat.ticket.id} />
    </main>
  );
}
