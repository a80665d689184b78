import { useRef } from 'preact/hooks';
import { useT } from '../shared/i18n';
import type { CannedReply, StaffView } from '../shared/protocol';
import type { Chat, DeskStore } from './desk-store';

const newId = () => `a-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** While the agent types, the customer is told at most this often (the server relays each). */
const TYPING_EVERY_MS = 3000;

/** A canned reply with its placeholders filled for this customer and agent. */
export function fillCanned(reply: CannedReply, chat: Chat, me: StaffView): string {
  const text = reply.text[chat.ticket.language] ?? reply.text.en;
  const name = me.displayName;
  // Display names are often "李娜 Li Na": use the part in the customer's language.
  const cjk = /[\u3400-\u9fff]/;
  const parts = name.split(/\s+/);
  const agentName =
    chat.ticket.language === 'zh'
      ? (parts.find((p) => cjk.test(p)) ?? name)
      : parts.filter((p) => !cjk.test(p)).join(' ') || name;
  const customer =
    chat.conversation?.customerName ?? (chat.ticket.language === 'zh' ? '' : 'there');
  return text
    .replaceAll('{agent}', agentName)
    .replaceAll('{ticket}', chat.ticket.id)
    .replaceAll('{customer}', customer);
}

type Field = HTMLTextAreaElement | HTMLInputElement;

export function Composer({ store, chat }: { store: DeskStore; chat: Chat }) {
  const { t, pick } = useT();
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
        <select
          id="canned"
          data-testid="canned-select"
          aria-label={t('cannedPick')}
          disabled={chat.ended}
          onChange={(e) => {
            const picked = store.canned.find((r) => r.id === e.currentTarget.value);
            if (picked && reply.current) {
              reply.current.value = fillCanned(picked, chat, me);
              reply.current.focus();
            }
            e.currentTarget.value = '';
          }}
        >
          <option value="">{t('cannedPick')}</option>
          {store.canned.map((r) => (
            <option value={r.id} key={r.id}>
              {pick(r.title)} — {fillCanned(r, chat, me).slice(0, 60)}
            </option>
          ))}
        </select>
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
