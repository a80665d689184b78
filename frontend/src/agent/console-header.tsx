import { useT } from '../shared/i18n';
import { ZoneLabel } from '../shared/zone-label';
import type { DeskStore } from './desk-store';

interface Props {
  store: DeskStore;
  notify: boolean;
  onToggleNotify(): void;
  sound: boolean;
  onToggleSound(): void;
  onToggleLang(): void;
}

export function ConsoleHeader(props: Props) {
  const { store, notify, onToggleNotify, sound, onToggleSound, onToggleLang } = props;
  const { t, code } = useT();
  const presence = store.presence;
  return (
    <header>
      <strong>{t('agentTitle')}</strong>
      <span id="me" data-testid="agent-name">
        {store.me?.displayName}
      </span>
      <span id="load" data-testid="capacity">
        {t('load')} {store.openChats}/{store.capacity ?? '–'}
      </span>
      <button
        type="button"
        id="presence"
        class={`presence-${presence}`}
        data-testid="presence-toggle"
        data-presence={presence}
        onClick={async () => {
          const ack = await store.call('presence:set', {
            presence: presence === 'online' ? 'away' : 'online',
          });
          if (ack.ok) {
            store.presence = ack.presence;
            store.changed();
          }
        }}
      >
        <span class="presence-dot" />
        <span id="presence-label">{code('presence', presence)}</span>
      </button>
      <span id="connection" class="muted" data-testid="connection" role="status">
        {store.connected ? '' : t('disconnected')}
      </span>
      <ZoneLabel />
      <label class="notify-toggle">
        <input
          type="checkbox"
          data-testid="notify-toggle"
          checked={notify}
          onChange={(event) => {
            // The browser ticks the box on the click, but notifications are on only once the
            // permission prompt says so; until then (and for ever, if refused) the box shows the
            // real setting, which a re-render would not restore when the setting stays off.
            event.currentTarget.checked = notify;
            onToggleNotify();
          }}
        />{' '}
        {t('notify')}
      </label>
      <label class="notify-toggle">
        <input
          type="checkbox"
          data-testid="sound-toggle"
          checked={sound}
          onChange={onToggleSound}
        />{' '}
        {t('sound')}
      </label>
      <button type="button" class="lang-toggle" data-testid="lang-toggle" onClick={onToggleLang}>
        {t('otherLanguage')}
      </button>
      <button type="button" id="logout" data-testid="logout" onClick={() => store.logout()}>
        {t('logOut')}
      </button>
    </header>
  );
}
