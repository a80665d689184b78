import { useState } from 'preact/hooks';
import { useT } from '../shared/i18n';
import { useClock } from '../shared/use-clock';
import type { SupervisorDesk } from './desk-store';
import { assignedTicket } from './transcript-bits';

/** A silent watch of the conversation on screen, and a whisper to its agent (logged, both). */
export function WatchPanel({ desk }: { desk: SupervisorDesk }) {
  const { t } = useT();
  const clock = useClock();
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const shown = desk.transcript;
  if (!shown) return null;
  const on = desk.watching === shown.conversation.id;
  const live = shown.conversation.status !== 'closed';
  const ticket = assignedTicket(shown.tickets);
  const whisper = async (e: Event) => {
    e.preventDefault();
    // The words as the field reads at the click, not as the last render saw them.
    const words = String(
      new FormData(e.currentTarget as HTMLFormElement).get('text') ?? text,
    ).trim();
    if (!ticket || !words) return;
    const ack = await desk.whisper(ticket.id, words);
    if (ack.ok) {
      setText('');
      setStatus(t('supWhisperSent', { t: clock.time(new Date().toISOString()) }));
    } else setStatus(`${ack.error.code} · ${ack.error.message}`);
  };
  return (
    <>
      <h2>{t('supLiveWatch')}</h2>
      <div class="conv-head">
        <button
          type="button"
          class={on ? '' : 'primary'}
          data-testid="watch-toggle"
          aria-pressed={on ? 'true' : 'false'}
          disabled={!live && !on}
          onClick={() => void desk.toggleWatch()}
        >
          {on ? t('supUnwatch') : t('supWatch')}
        </button>
        <span class="muted" data-testid="watch-state" role="status">
          {on ? t('supWatching') : live ? t('supNotWatching') : t('supWatchClosed')}
        </span>
      </div>
      {ticket && (
        <div data-testid="whisper-box">
          <h3>{t('supWhisperTo')}</h3>
          <form class="whisper" onSubmit={whisper}>
            <input
              name="text"
              data-testid="whisper-input"
              aria-label={t('supWhisperTo')}
              placeholder={t('supWhisperHint')}
              maxLength={1000}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            <button class="primary" data-testid="whisper-send">
              {t('supSend')}
            </button>
          </form>
          <div class="muted" data-testid="whisper-status" role="status">
            {status}
          </div>
        </div>
      )}
    </>
  );
}
