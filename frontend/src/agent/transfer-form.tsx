import { useEffect, useState } from 'preact/hooks';
import { useT } from '../shared/i18n';
import type { Chat, DeskStore } from './desk-store';
import { transferChoices } from './transfer-choices';

const SKILLS = ['outage', 'billing', 'account', 'general'];
const AGENTS_REFRESH_MS = 15_000;

/** Transfer to a skill, or to a named agent picked by presence, load, languages and skills. */
export function TransferForm({ store, chat }: { store: DeskStore; chat: Chat }) {
  const { t } = useT();
  const [skill, setSkill] = useState('');
  const [agentId, setAgentId] = useState('');
  const [note, setNote] = useState('');
  // Others' presence is not pushed to agents: the list is asked for again while a chat is open.
  useEffect(() => {
    void store.loadAgents();
    const timer = setInterval(() => void store.loadAgents(), AGENTS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [store]);
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
          <SkillSelect value={skill} disabled={chat.ended} onChange={setSkill} />
          <AgentPicker
            store={store}
            chat={chat}
            skill={skill}
            value={agentId}
            onChange={setAgentId}
          />
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

function SkillSelect(props: { value: string; disabled: boolean; onChange(skill: string): void }) {
  const { t, code } = useT();
  return (
    <select
      id="transfer-skill"
      data-testid="transfer-skill"
      aria-label={t('transferSkill')}
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      <option value="">{t('transferSkill')}</option>
      {SKILLS.map((s) => (
        <option value={s} key={s}>
          {code('skills', s)}
        </option>
      ))}
    </select>
  );
}

/**
 * The other agents as the cluster sees them: presence, chats against capacity, languages and
 * skills. One who cannot serve this chat (language, skill) or is offline cannot be picked; one
 * who is away or full can (the chat waits for them) and says so.
 */
function AgentPicker(props: {
  store: DeskStore;
  chat: Chat;
  skill: string;
  value: string;
  onChange(agentId: string): void;
}) {
  const { t, code } = useT();
  const { store, chat, skill } = props;
  const choices = transferChoices(store.agents, store.me?.id, chat.ticket, skill);
  // A pick the list no longer allows (the agent went offline, the skill changed) is dropped.
  const chosen = choices.find((c) => c.agent.id === props.value);
  useEffect(() => {
    if (props.value && !chosen?.pickable) props.onChange('');
  });
  return (
    <fieldset
      class="agent-picker"
      data-testid="transfer-agent"
      disabled={chat.ended}
      onFocusIn={() => void store.loadAgents()}
    >
      <legend>{t('transferPickAgent')}</legend>
      <button
        type="button"
        class="refresh"
        data-testid="transfer-agents-refresh"
        aria-label={t('refreshAgents')}
        title={t('refreshAgents')}
        onClick={() => void store.loadAgents()}
      >
        ↻
      </button>
      <label class="agent-option">
        <input
          type="radio"
          name="transfer-agent"
          value=""
          checked={props.value === ''}
          onChange={() => props.onChange('')}
        />
        <span>{t('transferNobody')}</span>
      </label>
      {choices.map(({ agent: a, serves, full, pickable }) => {
        const marks = [
          code('presence', a.presence),
          `${a.load}/${a.capacity}${full ? ` ${t('agentFull')}` : ''}`,
          a.languages.join('/'),
          a.skills.map((s) => code('skills', s)).join(', '),
          ...(serves ? [] : [t('agentCannotServe')]),
        ];
        return (
          <label
            key={a.id}
            class={`agent-option presence-${a.presence}${full ? ' full' : ''}`}
            data-testid="transfer-agent-option"
            data-agent-id={a.id}
            data-presence={a.presence}
            data-full={String(full)}
            data-pickable={String(pickable)}
          >
            <input
              type="radio"
              name="transfer-agent"
              value={a.id}
              checked={props.value === a.id}
              disabled={!pickable}
              onChange={() => props.onChange(a.id)}
            />
            <span class="presence-dot" aria-hidden="true" />
            <span class="agent-name">{a.displayName}</span>
            <span class="agent-meta" data-testid="transfer-agent-meta">
              {marks.join(' · ')}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
