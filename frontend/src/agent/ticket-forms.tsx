import { useState } from 'preact/hooks';
import { useT } from '../shared/i18n';
import type { ResolutionCode } from '../shared/protocol';
import type { Chat, DeskStore } from './desk-store';

const RESOLUTIONS: ResolutionCode[] = [
  'resolved',
  'information_given',
  'request_created',
  'field_crew_dispatched',
  'callback_arranged',
  'handed_back_to_bot',
  'no_response',
  'duplicate',
];

/** Close with a resolution; the form starts afresh for the next chat. */
export function CloseForm({ store, chat }: { store: DeskStore; chat: Chat }) {
  const { t, code } = useT();
  const [resolution, setResolution] = useState<ResolutionCode>('resolved');
  const [note, setNote] = useState('');
  return (
    <>
      <h2>{t('close')}</h2>
      <section>
        <form
          id="close-form"
          data-testid="close-form"
          onSubmit={async (e) => {
            e.preventDefault();
            const ack = await store.call('ticket:close', {
              ticketId: chat.ticket.id,
              resolution,
              ...(note.trim() && { note: note.trim() }),
            });
            if (!ack.ok) return;
            setResolution('resolved');
            setNote('');
            chat.ticket = ack.ticket;
            store.endChat(chat.ticket.id, { kind: 'closed' });
          }}
        >
          <select
            id="close-resolution"
            data-testid="close-resolution"
            aria-label={t('close')}
            value={resolution}
            disabled={chat.ended}
            onChange={(e) => setResolution(e.currentTarget.value as ResolutionCode)}
          >
            {RESOLUTIONS.map((r) => (
              <option value={r} key={r}>
                {code('resolutions', r)}
              </option>
            ))}
          </select>
          <input
            id="close-note"
            maxLength={2000}
            autocomplete="off"
            data-testid="close-note"
            aria-label={t('closeNote')}
            placeholder={t('closeNote')}
            value={note}
            disabled={chat.ended}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <button class="danger" data-testid="close-submit" disabled={chat.ended}>
            {t('closeTicket')}
          </button>
        </form>
      </section>
    </>
  );
}
