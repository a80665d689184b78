import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../shared/i18n';
import { errorText } from '../shared/staff-api';
import { useClock } from '../shared/use-clock';
import type { SupervisorDesk } from './desk-store';
import { MessageItem } from './message-item';
import { TicketFacts } from './ticket-facts';
import { WatchPanel } from './watch-panel';

/** One conversation: its messages (masked, with an audited unmask), tickets and a live watch. */
export function TranscriptView({ desk, active }: { desk: SupervisorDesk; active: boolean }) {
  const { t, code } = useT();
  const clock = useClock();
  const shown = desk.transcript;
  const failure = desk.transcriptFailure;
  const box = useRef<HTMLDivElement>(null);
  const count = shown?.messages.length ?? 0;
  useEffect(() => {
    // New messages of a watched chat arrive at the bottom: keep them in sight.
    if (box.current && desk.watching) box.current.scrollTop = box.current.scrollHeight;
  }, [count, desk.watching]);
  const canUnmask = desk.me?.permissions.includes('unmask') ?? false;
  return (
    <section class="view" id="view-transcript" data-testid="view-transcript" hidden={!active}>
      <h1 class="sr-only">{t('supTabTranscript')}</h1>
      {!shown && (
        <div class="panel empty">{failure ? errorText(failure, t) : t('supNoTranscript')}</div>
      )}
      {shown && (
        <div id="transcript" class="transcript-layout" data-conversation-id={shown.conversation.id}>
          <div class="panel">
            <div class="conv-head" data-testid="conversation-head">
              <h2 class="conv-title">
                {t('supConversation')} {shown.conversation.customerName ?? ''}
              </h2>
              <span class="tag" data-testid="conversation-status">
                {code('conversationStatus', shown.conversation.status)}
              </span>
              <span class="tag">{code('languages', shown.conversation.language)}</span>
              <span class="tag">{code('channels', shown.conversation.channel)}</span>
              <span class="muted">
                {t('supStarted')} {clock.dateTime(shown.conversation.createdAt)} ·{' '}
                {shown.conversation.id}
              </span>
              <button
                type="button"
                class="link readers"
                data-testid="transcript-readers"
                onClick={() =>
                  desk.go({ tab: 'access', target: `conversation:${shown.conversation.id}` })
                }
              >
                {t('supReaders')}
              </button>
              <div class="muted full" data-testid="unmask-permission">
                {canUnmask ? t('supCanUnmask') : t('supCannotUnmask')}
              </div>
            </div>
            <div
              class="messages"
              ref={box}
              data-testid="transcript-messages"
              aria-live="polite"
              tabIndex={0}
            >
              {shown.messages.map((m) => (
                <MessageItem key={m.id} desk={desk} message={m} />
              ))}
            </div>
          </div>
          <aside class="panel" data-testid="transcript-side">
            <WatchPanel desk={desk} />
            <h2 class="spaced">{t('supTickets')}</h2>
            <div data-testid="transcript-tickets">
              {shown.tickets.length === 0 && <div class="empty">{t('supNoTickets')}</div>}
              {shown.tickets.map((tk) => (
                <TicketFacts key={tk.id} ticket={tk} agents={desk.board?.board.agents ?? []} />
              ))}
            </div>
          </aside>
        </div>
      )}
    </section>
  );
}
