import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../shared/catalogue';
import { I18n } from '../shared/i18n';
import { Zone } from '../shared/use-clock';
import { initialLang, translator, Translator } from '../shared/translate';
import { LoginForm } from '../shared/login-form';
import { logIn } from '../shared/staff-session';
import { chatTitle } from './chat-title';
import { chime, primeChime } from './chime';
import { ChatPane } from './chat-pane';
import { ConsoleHeader } from './console-header';
import { DeskEvent, DeskStore } from './desk-store';
import { UPDATE_ROLES } from './incidents-api';
import { IncidentsPanel } from './incidents-panel';
import { OffersBar } from './offers-bar';
import { useShortcuts } from './shortcuts';
import { TicketPanel } from './ticket-panel';
import { WorkList } from './work-list';

/** Browser notifications exist only in secure contexts (https or localhost). */
const canNotify = () => typeof Notification !== 'undefined';

const LANG_KEY = 'pd.agent.lang';
const NOTIFY_KEY = 'pd.agent.notify';
const SOUND_KEY = 'pd.agent.sound';

/**
 * A desk event in words, whether it deserves a browser notification when the tab is hidden, and
 * whether it chimes (with the sound on): news the agent is not looking at.
 */
function describe(
  event: DeskEvent,
  tr: Translator,
  active: string | null,
  zone: string,
): { text: string; notify?: string; chime?: boolean } | null {
  const { t, code } = tr;
  switch (event.kind) {
    case 'error':
      return { text: event.text };
    case 'breach':
      return { text: t('breachToast', { kind: code('sla', event.sla) }) };
    case 'whisper':
      return {
        text: `${t('whisper')} ${event.from}: ${event.text}`,
        notify: event.text,
        chime: true,
      };
    case 'offer':
      // The offer bar shows it already; a notification only for a hidden tab.
      return {
        text: '',
        notify: `${t('newOffer')}: ${code('reasons', event.ticket.reason)}`,
        chime: true,
      };
    case 'message':
      return {
        text: '',
        notify: `${t('newMessageFrom', { name: chatTitle(event.chat, tr, zone) })}: ${event.message.text}`,
        chime: document.hidden || event.chat.ticket.id !== active,
      };
    default:
      return { text: t(event.kind) };
  }
}

export function AgentApp() {
  const [lang, setLang] = useState<Lang>(() => initialLang(LANG_KEY));
  const tr = useMemo(() => translator(lang), [lang]);
  const trRef = useRef(tr);
  trRef.current = tr;
  const [toast, setToast] = useState('');
  const [notify, setNotify] = useState(() => localStorage.getItem(NOTIFY_KEY) === 'on');
  const notifyRef = useRef(notify);
  notifyRef.current = notify;
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === 'on');
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const [, setVersion] = useState(0);
  const store = useMemo(
    () =>
      new DeskStore((event) => {
        const said = describe(event, trRef.current, store.active, store.zone.zone);
        if (!said) return;
        if (said.text) setToast(said.text);
        if (said.chime && soundRef.current) chime();
        if (
          said.notify &&
          notifyRef.current &&
          document.hidden &&
          canNotify() &&
          Notification.permission === 'granted'
        ) {
          new Notification(trRef.current.t('agentTitle'), {
            body: said.notify,
            tag: 'powerdesk-agent',
          });
        }
      }),
    [],
  );
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setVersion((n) => n + 1));
    const saved = store.restore();
    if (saved) store.start(saved);
    return unsubscribe;
  }, [store]);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(''), 4000);
    return () => clearTimeout(timer);
  }, [toast]);
  useShortcuts(store);
  // After a reload the sound may start only from a gesture: the agent's first click readies it.
  useEffect(() => {
    if (!sound) return;
    const ready = () => primeChime();
    document.addEventListener('pointerdown', ready, { once: true });
    return () => document.removeEventListener('pointerdown', ready);
  }, [sound]);

  const toggleLang = () => {
    const next: Lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };
  const toggleNotify = async () => {
    const on = !notify && canNotify() && (await Notification.requestPermission()) === 'granted';
    if (!notify && !on) setToast(tr.t('notifyBlocked'));
    localStorage.setItem(NOTIFY_KEY, on ? 'on' : 'off');
    setNotify(on);
  };
  const toggleSound = () => {
    if (!sound) primeChime();
    localStorage.setItem(SOUND_KEY, sound ? 'off' : 'on');
    setSound(!sound);
  };

  const me = store.me;
  const unread = store.unread;
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = (unread > 0 ? `(${unread}) ` : '') + tr.t('agentTitle');
  }, [lang, unread, tr]);
  const active = store.active ? store.chats.get(store.active) : undefined;

  return (
    <I18n.Provider value={tr}>
      <Zone.Provider value={store.zone}>
        {!me ? (
          <LoginForm
            title="agentTitle"
            error={store.loginError}
            sessionEnded={store.sessionEnded}
            onToggleLang={toggleLang}
            onLogIn={async (username, password) => {
              store.loginError = '';
              const result = await logIn(username, password);
              if (!result.ok) store.loginError = result.message;
              else if (result.session.staff.role !== 'agent') store.loginError = tr.t('agentsOnly');
              else return store.start(result.session);
              store.changed();
            }}
          />
        ) : (
          <div id="console" data-testid="console">
            <ConsoleHeader
              store={store}
              notify={notify}
              onToggleNotify={toggleNotify}
              sound={sound}
              onToggleSound={toggleSound}
              onToggleLang={toggleLang}
            />
            <OffersBar
              offers={[...store.offers.values()]}
              onAccept={(id) => void store.accept(id)}
              onDecline={(id) => void store.decline(id)}
            />
            <div class="workspace">
              <WorkList
                me={me}
                chats={[...store.chats.values()]}
                queue={[...store.queue.values()]}
                active={store.active}
                onOpen={(id) => store.open(id)}
                onTake={(id) => void store.accept(id)}
              />
              <ChatPane store={store} chat={active} />
              <TicketPanel store={store} chat={active} me={me} />
            </div>
            {store.session && (
              <IncidentsPanel desk={store} canUpdate={UPDATE_ROLES.includes(me.role)} />
            )}
          </div>
        )}
        <div id="toast" role="status" data-testid="toast">
          {toast}
        </div>
      </Zone.Provider>
    </I18n.Provider>
  );
}
