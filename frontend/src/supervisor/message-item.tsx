import { useState } from 'preact/hooks';
import { useT } from '../shared/i18n';
import { useClock } from '../shared/use-clock';
import type { MessageView } from '../shared/protocol';
import { isMasked } from './access-log';
import { errorText } from '../shared/staff-api';
import type { SupervisorDesk } from './desk-store';
import {
  CARD_FIELD_KEY,
  CARD_KEY,
  cardFields,
  ENTITY_KEY,
  LOW_CONFIDENCE,
  REQUEST_TYPE_KEY,
} from './transcript-bits';

interface Props {
  desk: SupervisorDesk;
  message: MessageView;
}

export function MessageItem({ desk, message: m }: Props) {
  const { t, code } = useT();
  const clock = useClock();
  const kind = m.internal ? 'note' : m.sender;
  const live = desk.liveMessageIds.has(m.id);
  return (
    <div
      class={`msg ${kind}${live ? ' live' : ''}`}
      data-testid={`msg-${kind}`}
      data-message-id={m.id}
    >
      <div class="who">
        <strong>{code('senders', m.sender)}</strong>
        <time dateTime={m.createdAt} title={clock.zone} data-testid="msg-time">
          {clock.time(m.createdAt)}
        </time>
        <span class="muted">#{m.seq}</span>
        {m.internal && (
          <span class="tag internal" data-testid="msg-internal">
            {t('supInternalNote')}
          </span>
        )}
        {m.intent && (
          <span
            class={`tag intent${m.confidence !== undefined && m.confidence < LOW_CONFIDENCE ? ' low' : ''}`}
            data-testid="msg-intent"
            data-intent={m.intent}
          >
            {code('intents', m.intent)}
            {m.confidence !== undefined && ` · ${t('supConfidence')} ${m.confidence.toFixed(2)}`}
          </span>
        )}
      </div>
      <div class="text" data-testid="msg-text">
        {m.text}
      </div>
      {m.entities && m.entities.length > 0 && (
        <div class="entities" data-testid="msg-entities" title={t('supEntitiesRead')}>
          {m.entities.map((e, i) => (
            <span key={i} class="tag entity" data-testid="msg-entity">
              {ENTITY_KEY[e.type] ? t(ENTITY_KEY[e.type]) : e.type}: {e.value}
              {e.unit ? ` ${e.unit}` : ''}
            </span>
          ))}
        </div>
      )}
      {m.card && (
        <div class="card-box" data-testid="msg-card">
          <strong>{CARD_KEY[m.card.type] ? t(CARD_KEY[m.card.type]) : m.card.type}</strong>{' '}
          {cardFields(m.card.data).map(([k, v]) => (
            <span key={k} class="muted">
              {CARD_FIELD_KEY[k] ? t(CARD_FIELD_KEY[k]) : k}:{' '}
              {k === 'type' && REQUEST_TYPE_KEY[v] ? t(REQUEST_TYPE_KEY[v]) : v}{' '}
            </span>
          ))}
        </div>
      )}
      {isMasked(m.text) && <Unmask desk={desk} message={m} />}
    </div>
  );
}

type Shown = { ok: true; text: string } | { ok: false; text: string } | null;

/** The original of a masked message: with a stated reason, and only with the permission. */
function Unmask({ desk, message: m }: Props) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<Shown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    // The reason as the field reads at the click, not as the last render saw it.
    const why = String(new FormData(e.currentTarget as HTMLFormElement).get('reason') ?? reason);
    const res = await desk.get<{ text: string }>(
      `/transcripts/${m.conversationId}/messages/${m.id}/original?reason=${encodeURIComponent(why.trim())}`,
    );
    if (res.ok) {
      setShown({ ok: true, text: res.body.text });
      setOpen(false);
    } else {
      setShown({
        ok: false,
        text:
          res.status === 403
            ? `${t('supUnmaskForbidden')} (${errorText(res, t)})`
            : errorText(res, t),
      });
    }
  };
  const done = shown?.ok === true;
  return (
    <div data-testid="unmask">
      {!done && (
        <button type="button" class="link" data-testid="unmask-open" onClick={() => setOpen(true)}>
          {t('supUnmask')}
        </button>
      )}
      {open && (
        <form class="unmask-form" onSubmit={submit}>
          <input
            name="reason"
            data-testid="unmask-reason"
            aria-label={t('supUnmaskReason')}
            placeholder={t('supUnmaskReason')}
            maxLength={300}
            value={reason}
            autoFocus
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <button class="primary" data-testid="unmask-submit">
            {t('supConfirm')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('supCancel')}
          </button>
        </form>
      )}
      {shown && (
        <div
          class={`unmask-result${shown.ok ? '' : ' error'}`}
          data-testid={shown.ok ? 'unmask-result' : 'unmask-error'}
          role="status"
        >
          {shown.ok && <strong>{t('supOriginal')}: </strong>}
          {shown.text}
        </div>
      )}
    </div>
  );
}
