import { useRef } from 'preact/hooks';
import { useT } from '../shared/i18n';
import { CannedPicker } from './canned-picker';
import type { Chat, DeskStore } from './desk-store';

const newId = () => `a-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** While the agent types, the customer is told at most this often (the server relays each). */
const TYPING_EVERY_MS = 3000;

type Field = HTMLTextAreaElement | HTMLInputElement;

export function Composer({ store, chat }: { store: DeskStore; chat: Chat }) {
  const { t } = useT();
  const reply = useRef<HTMLTextAreaElement>(null);
  const note = useRef<HTMLInputElement>(null);
  // One id per text until the server has it: a retry after a timeout is stored once, however
  // many tries reach the server.
  const pending = useRef(new Map<Field, { text: string; id: string }>());
  const lastTyping = useRef(0);
  const me = store.me;
  if (!me) return null;

  function typing(now: boolean) {
    if (chat.ended) return;
    const at = Date.now();
    if (now && at - lastTyping.current < TYPING_EVERY_MS) return;
    lastTyping.current = now ? at : 0;
    void store.call('typing:set', { ticketId: chat.ticket.id, typing: now });
  }

  async function sendFrom(input: Field | null, event: 'message:send' | 'note:add') {
    const text = input?.value.trim();
    if (!input || chat.ended || !text) return;
    let p = pending.current.get(input);
    if (p?.text !== text) {
      p = { text, id: newId() };
      pending.current.set(input, p);
    }
    const payload = { ticketId: chat.ticket.id, clientMessageId: p.id, text };
    input.disabled = true;
    let ack = await store.call(event, payload);
    if (!ack.ok && ack.error.code === 'TIMEOUT') ack = await store.call(event, payload);
    input.disabled = false;
    if (!ack.ok) return;
    pending.current.delete(input);
    if (event === 'message:send') typing(false);
    input.value = '';
    // Back to the field only if the agent has not moved on meanwhile: taking the focus from the
    // note they began while the reply was on its way sent their Enter to the empty reply (the
    // handoff browser spec's old flake: the note never went).
    const focused = document.activeElement;
    if (!focused || focused === document.body) input.focus();
    // The desk's copy of the chat: a reconnect while the message was on its way replaces it.
    store.addMessage(store.chats.get(chat.ticket.id) ?? chat, ack.message);
  }

  return (
    <div id="composer" class="composer">
      <div class="line">
        <CannedPicker
          store={store}
          chat={chat}
          me={me}
          onPick={(text) => {
            if (!reply.current) return;
            reply.current.value = text;
            reply.current.focus();
          }}
        />
        <span class="muted shortcuts">{t('shortcuts')}</span>
      </div>
      <form
        id="reply-form"
        class="line"
        onSubmit={(e) => {
          e.preventDefault();
          void sendFrom(reply.current, 'message:send');
        }}
      >
        <textarea
          id="reply"
          ref={reply}
          rows={2}
          maxLength={2000}
          data-testid="reply-input"
          aria-label={t('replyPlaceholder')}
          placeholder={t('replyPlaceholder')}
          disabled={chat.ended}
          autoFocus
          onInput={(e) => typing(e.currentTarget.value.trim() !== '')}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void sendFrom(reply.current, 'message:send');
            }
          }}
        />
        <button class="primary" data-testid="reply-send" disabled={chat.ended}>
          {t('send')}
        </button>
      </form>
      <form
        id="note-form"
        class="line note-line"
        onSubmit={(e) => {
          e.preventDefault();
          void sendFrom(note.current, 'note:add');
        }}
      >
        <input
          id="note"
          ref={note}
          maxLength={2000}
          autocomplete="off"
          data-testid="note-input"
          aria-label={t('notePlaceholder')}
          placeholder={t('notePlaceholder')}
          disabled={chat.ended}
        />
        <button data-testid="note-add" disabled={chat.ended}>
          {t('addNote')}
        </button>
      </form>
    </div>
  );
}
