import { useEffect, useState } from 'preact/hooks';
import { useT } from '../shared/i18n';
import type { ResolutionCode } from '../shared/protocol';
import type { Chat, DeskStore } from './desk-store';

const SKILLS = ['outage', 'billing', 'account', 'general'];
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

/** Transfer to a skill, or to a named agent picked by presence, languages and skills. */
export function TransferForm({ store, chat }: { store: DeskStore; chat: Chat }) {
  const { t, code } = useT();
  const [skill, setSkill] = useState('');
  const [agentId, setAgentId] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => void store.loadAgents(), [store]);
  const others = store.agents.filter((a) => a.id !== store.me?.id);
  const serves = (a: { languages: string[]; skills: string[] }) =>
    a.languages.includes(chat.ticket.language) &&
    (!skill || skill === 'general' || a.skills.includes(skill));
  return (
    <>
      <h2>{t('transfer')}</h2>
      <section>
        <form
          id="transfer-form"
          data-testid="transfer-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!skill && !agentId) return store.tell({ kind: 'error', text: t('needTarget') });
            const to = agentId
              ? { toAgentId: agentId, ...(skill && { toSkill: skill }) }
              : { toSkill: skill };
            const ack = await store.call('ticket:transfer', {
              ticketId: chat.ticket.id,
              ...to,
              ...(note.trim() && { note: note.trim() }),
            });
            if (!ack.ok) return;
            setSkill('');
            setAgentId('');
            setNote('');
            store.endChat(chat.ticket.id, { kind: 'transferred' });
          }}
        >
          <select
            id="transfer-skill"
            data-testid="transfer-skill"
            aria-label={t('transferSkill')}
            value={skill}
            disabled={chat.ended}
            onChange={(e) => setSkill(e.currentTarget.value)}
          >
            <option value="">{t('transferSkill')}</option>
            {SKILLS.map((s) => (
              <option value={s} key={s}>
                {code('skills', s)}
              </option>
            ))}
          </select>
          <select
            id="transfer-agent"
            data-testid="transfer-agent"
            aria-label={t('transferAgent')}
            value={agentId}
            disabled={chat.ended}
            onFocus={() => void store.loadAgents()}
            onChange={(e) => setAgentId(e.currentTarget.value)}
          >
            <option value="">{t('transferAgent')}</option>
            {others.map((a) => (
              <option value={a.id} key={a.id} disabled={!serves(a)} data-presence={a.presence}>
                {a.displayName} · {code('presence', a.presence)} · {a.languages.join('/')} ·{' '}
                {a.skills.map((s) => code('skills', s)).join(', ')}
              </option>
            ))}
          </select>
          <textarea
            id="transfer-note"
            rows={2}
            maxLength={2000}
            data-testid="transfer-note"
            aria-label={t('transferNote')}
            placeholder={t('transferNote')}
            value={note}
            disabled={chat.ended}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <button data-testid="transfer-submit" disabled={chat.ended}>
            {t('transfer')}
          </button>
        </form>
      </section>
    </>
  );
}

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
