import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Key, Lang } from '../shared/catalogue';
import { I18n } from '../shared/i18n';
import { Zone } from '../shared/use-clock';
import { LoginForm } from '../shared/login-form';
import { logIn } from '../shared/staff-session';
import { initialLang, translator } from '../shared/translate';
import { AccessLogView } from './access-log-view';
import { DeskHeader, DeskTabs } from './desk-header';
import { SupervisorDesk } from './desk-store';
import { LiveBoard } from './live-board';
import { ReportsView } from './reports-view';
import { SearchView } from './search-view';
import type { SupervisorStaff } from './supervisor-protocol';
import { TranscriptView } from './transcript-view';

const LANG_KEY = 'pd.supervisor.lang';

export function SupervisorApp() {
  const [lang, setLang] = useState<Lang>(() => initialLang(LANG_KEY));
  const tr = useMemo(() => translator(lang), [lang]);
  const trRef = useRef(tr);
  trRef.current = tr;
  const [toast, setToast] = useState('');
  const [, setVersion] = useState(0);
  const desk = useMemo(
    () =>
      new SupervisorDesk((key: Key, values?: Record<string, string>) =>
        setToast(trRef.current.t(key, values)),
      ),
    [],
  );
  useEffect(() => {
    const unsubscribe = desk.subscribe(() => setVersion((n) => n + 1));
    const saved = desk.restore();
    if (saved) desk.start(saved);
    return unsubscribe;
  }, [desk]);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(''), 4000);
    return () => clearTimeout(timer);
  }, [toast]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = (desk.unseenAlerts > 0 ? `(${desk.unseenAlerts}) ` : '') + tr.t('supTitle');
  }, [lang, tr, desk.unseenAlerts]);

  const toggleLang = () => {
    const next: Lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };
  const me = desk.me;
  const tab = desk.route.tab;

  return (
    <I18n.Provider value={tr}>
      <Zone.Provider value={desk.zone}>
        {!me ? (
          <main class="login-page">
            <LoginForm
              title="supTitle"
              error={desk.loginError}
              sessionEnded={desk.sessionEnded}
              onToggleLang={toggleLang}
              onLogIn={async (username, password) => {
                desk.loginError = '';
                const result = await logIn(username, password);
                if (!result.ok) desk.loginError = result.message;
                else if (result.session.staff.role !== 'supervisor')
                  desk.loginError = tr.t('supOnly');
                else
                  return desk.start({
                    token: result.session.token,
                    staff: result.session.staff as SupervisorStaff,
                  });
                desk.changed();
              }}
            />
          </main>
        ) : (
          <div id="desk" data-testid="desk">
            <DeskHeader desk={desk} onToggleLang={toggleLang} />
            <DeskTabs desk={desk} />
            <main id="main">
              {/* Every section stays mounted: a search, a report or a filter survives a look elsewhere. */}
              <LiveBoard desk={desk} active={tab === 'live'} />
              <SearchView desk={desk} active={tab === 'search'} />
              <TranscriptView desk={desk} active={tab === 'transcript'} />
              <ReportsView desk={desk} active={tab === 'reports'} />
              <AccessLogView desk={desk} active={tab === 'access'} />
            </main>
          </div>
        )}
        <div id="toast" role="status" data-testid="toast">
          {toast}
        </div>
      </Zone.Provider>
    </I18n.Provider>
  );
}
