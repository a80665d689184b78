import { useState } from 'preact/hooks';
import { useT } from '../shared/i18n';
import type { CannedReply, StaffView } from '../shared/protocol';
import { cannedMatches, fillCanned } from './canned-fill';
import type { Chat, DeskStore } from './desk-store';

/**
 * The canned replies: a search (Alt+C) narrows the list as the agent types, Enter takes the first
 * match; or pick one from the list. Either fills the reply field for this customer and agent.
 */
export function CannedPicker(props: {
  store: DeskStore;
  chat: Chat;
  me: StaffView;
  onPick(text: string): void;
}) {
  const { t, pick } = useT();
  const { store, chat, me } = props;
  const [query, setQuery] = useState('');
  const shown = store.canned.filter((r) => cannedMatches(r, query));
  const choose = (reply: CannedReply | undefined) => {
    if (!reply) return;
    setQuery('');
    props.onPick(fillCanned(reply, chat, me));
  };
  return (
    <>
      <input
        id="canned-search"
        type="search"
        class="canned-search"
        autocomplete="off"
        data-testid="canned-search"
        aria-label={t('cannedSearch')}
        placeholder={t('cannedSearch')}
        value={query}
        disabled={chat.ended}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.isComposing) return;
          e.preventDefault();
          choose(shown[0]);
        }}
      />
      <select
        id="canned"
        data-testid="canned-select"
        aria-label={t('cannedPick')}
        disabled={chat.ended}
        onChange={(e) => {
          choose(store.canned.find((r) => r.id === e.currentTarget.value));
          e.currentTarget.value = '';
        }}
      >
        <option value="">
          {query ? t('cannedFound', { count: shown.length }) : t('cannedPick')}
        </option>
        {shown.map((r) => (
          <option value={r.id} key={r.id}>
            {pick(r.title)} — {fillCanned(r, chat, me).slice(0, 60)}
          </option>
        ))}
      </select>
    </>
  );
}
