import type { Key } from '../shared/catalogue';
import { useT } from '../shared/i18n';
import { ZoneLabel } from '../shared/zone-label';
import { TABS, Tab } from './desk-route';
import type { SupervisorDesk } from './desk-store';

interface Props {
  desk: SupervisorDesk;
  onToggleLang(): void;
}

const CONNECTION_KEY: Record<SupervisorDesk['connection'], Key> = {
  up: 'supConnected',
  down: 'supDisconnected',
  connecting: 'supConnecting',
};

export function DeskHeader({ desk, onToggleLang }: Props) {
  const { t } = useT();
  return (
    <header>
      <strong>{t('supTitle')}</strong>
      <span class="spacer" />
      <span id="me" data-testid="me">
        {desk.me?.displayName}
      </span>
      <span
        id="connection"
        class={`conn-${desk.connection}`}
        data-testid="connection"
        role="status"
      >
        <span class="conn-dot" />
        {t(CONNECTION_KEY[desk.connection])}
      </span>
      <ZoneLabel />
      <button type="button" class="lang-toggle" data-testid="lang-toggle" onClick={onToggleLang}>
        {t('otherLanguage')}
      </button>
      <button type="button" id="logout" data-testid="logout" onClick={() => desk.logout()}>
        {t('logOut')}
      </button>
    </header>
  );
}

const TAB_KEY: Record<Tab, Key> = {
  live: 'supTabLive',
  search: 'supTabSearch',
  transcript: 'supTabTranscript',
  reports: 'supTabReports',
  access: 'supTabAccess',
};

/** The sections; a tab is a link in the address too (`#search`, `#transcript=<id>`). */
export function DeskTabs({ desk }: { desk: SupervisorDesk }) {
  const { t } = useT();
  const open = (tab: Tab) => {
    if (tab === 'transcript')
      desk.go({ tab, conversationId: desk.transcript?.conversation.id ?? '' });
    else if (tab === 'access') desk.go({ tab, target: desk.accessTarget });
    else desk.go({ tab });
  };
  return (
    <nav class="tabs" aria-label={t('supTabs')}>
      {TABS.map((tab) => (
        <button
          key={tab}
          type="button"
          data-tab={tab}
          data-testid={`tab-${tab}`}
          aria-current={desk.route.tab === tab ? 'page' : undefined}
          onClick={() => open(tab)}
        >
          {t(TAB_KEY[tab])}
          {tab === 'live' && desk.unseenAlerts > 0 && (
            <span
              class="badge"
              data-testid="alert-badge"
              aria-label={t('supNewAlerts', { n: desk.unseenAlerts })}
            >
              {desk.unseenAlerts}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
