import { useState } from 'preact/hooks';
import { catalogue, Key } from './catalogue';
import { useT } from './i18n';

interface Props {
  title: Key;
  error: string;
  /** The server ended the last session: the notice is shown in both languages at once. */
  sessionEnded: boolean;
  onLogIn(username: string, password: string): void;
  onToggleLang(): void;
}

export function LoginForm({ title, error, sessionEnded, onLogIn, onToggleLang }: Props) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <form
      id="login"
      data-testid="login-form"
      onSubmit={(e) => {
        e.preventDefault();
        onLogIn(username.trim(), password);
        setPassword('');
      }}
    >
      <h1>{t(title)}</h1>
      {sessionEnded && (
        <div id="session-ended" class="session-ended" role="alert" data-testid="session-ended">
          <p lang="zh">{catalogue.zh.words.sessionEnded}</p>
          <p lang="en">{catalogue.en.words.sessionEnded}</p>
        </div>
      )}
      <label class="sr-only" for="username">
        {t('username')}
      </label>
      <input
        id="username"
        data-testid="login-username"
        autocomplete="username"
        placeholder={t('username')}
        value={username}
        autoFocus
        onInput={(e) => setUsername(e.currentTarget.value)}
      />
      <label class="sr-only" for="password">
        {t('password')}
      </label>
      <input
        id="password"
        data-testid="login-password"
        type="password"
        autocomplete="current-password"
        placeholder={t('password')}
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <button class="primary" data-testid="login-submit">
        {t('logIn')}
      </button>
      <div id="login-error" data-testid="login-error" role="alert">
        {error}
      </div>
      <button
        type="button"
        class="lang-toggle"
        data-testid="lang-toggle-login"
        onClick={onToggleLang}
      >
        {t('otherLanguage')}
      </button>
    </form>
  );
}
