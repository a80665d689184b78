// The widget's fixed parts: shell, launcher, header, banner, log, typing line, dock, quick
// replies and composer, made once; renderChrome() brings their words and states up to date.
import { h, icon } from './dom';
import type { WidgetState } from './state';
import { QUICK_REPLIES, word } from './words';

export type Mode = 'page' | 'embed';

export interface ChromeActions {
  toggleOpen(): void;
  close(): void;
  switchLanguage(): void;
  send(text: string): void;
  submitInput(): void;
  inputChanged(): void;
}

export function buildChrome(mode: Mode, actions: ChromeActions) {
  const shell = h('div', { class: `pd-shell pd-${mode}`, hidden: true });
  const launcher = h('button', {
    class: 'pd-launcher',
    type: 'button',
    'data-testid': 'launcher',
    onclick: () => actions.toggleOpen(),
  });
  const unreadBadge = h('span', {
    class: 'pd-unread',
    'data-testid': 'unread-badge',
    hidden: true,
  });
  const logo = h('span', { class: 'pd-logo', 'aria-hidden': 'true', 'data-testid': 'logo' }, '⚡');
  // The customer page's one heading; on a utility's page, below that page's own h1.
  const title = h(mode === 'page' ? 'h1' : 'h2', { class: 'pd-title', 'data-testid': 'title' });
  const subtitle = h('span', { class: 'pd-subtitle', 'data-testid': 'status' });
  const langButton = h('button', {
    class: 'pd-head-button',
    type: 'button',
    'data-testid': 'lang-toggle',
    onclick: () => actions.switchLanguage(),
  });
  const closeButton = h('button', {
    class: 'pd-head-button pd-close',
    type: 'button',
    'data-testid': 'close',
    onclick: () => actions.close(),
  });
  const header = h(
    'header',
    { class: 'pd-header' },
    logo,
    h('div', { class: 'pd-heading' }, title, subtitle),
    langButton,
    mode === 'embed' ? closeButton : null,
  );
  const banner = h('div', { class: 'pd-banner', 'data-testid': 'banner', role: 'status' });
  const log = h('div', {
    class: 'pd-log',
    'data-testid': 'customer-log',
    'aria-live': 'polite',
    role: 'log',
    tabindex: 0,
  });
  const typingLabel = h('span', { class: 'pd-typing-label' });
  const typing = h(
    'div',
    { class: 'pd-typing', 'data-testid': 'typing', hidden: true },
    h('span', { class: 'pd-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')),
    typingLabel,
  );
  const dock = h('div', { class: 'pd-dock' });
  const quickBar = h('div', { class: 'pd-quick', 'data-testid': 'quick-replies', role: 'group' });
  const input = h('textarea', {
    class: 'pd-input',
    rows: 1,
    autocomplete: 'off',
    'data-testid': 'customer-input',
    'aria-describedby': 'pd-input-error',
  });
  const sendButton = h('button', {
    class: 'pd-send',
    type: 'submit',
    'data-testid': 'customer-send',
  });
  const inputError = h('div', {
    class: 'pd-input-error',
    id: 'pd-input-error',
    'data-testid': 'input-error',
    role: 'alert',
    hidden: true,
  });
  const composer = h(
    'form',
    {
      class: 'pd-composer',
      'data-testid': 'composer',
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        actions.submitInput();
      },
    },
    input,
    sendButton,
  );
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      actions.submitInput();
    }
  });
  input.addEventListener('input', () => actions.inputChanged());
  const panel = h(
    'section',
    { class: 'pd-panel', 'data-testid': 'panel', role: 'dialog' },
    header,
    banner,
    log,
    typing,
    dock,
    quickBar,
    inputError,
    composer,
  );
  shell.append(panel);
  if (mode === 'embed') shell.append(launcher);
  return {
    mode,
    shell,
    launcher,
    unreadBadge,
    logo,
    title,
    subtitle,
    langButton,
    closeButton,
    banner,
    log,
    typing,
    typingLabel,
    dock,
    quickBar,
    input,
    sendButton,
    inputError,
    panel,
    send: actions.send,
  };
}

export type Chrome = ReturnType<typeof buildChrome>;

/** The header's name: the configured brand's, else the widget's own. */
export function brandName(state: WidgetState): string {
  return state.branding?.name[state.lang] || word(state.lang, 'title');
}

export function renderChrome(c: Chrome, state: WidgetState): void {
  const { lang, open } = state;
  const t = (key: Parameters<typeof word>[1], values?: Record<string, string | number>) =>
    word(lang, key, values);
  const name = brandName(state);
  c.panel.setAttribute('lang', lang);
  c.panel.setAttribute('aria-label', name);
  c.title.textContent = name;
  c.logo.textContent = state.branding?.logoText || '⚡';
  c.langButton.textContent = t('other');
  c.langButton.setAttribute('lang', lang === 'zh' ? 'en' : 'zh');
  c.langButton.setAttribute('aria-label', t('otherLabel'));
  c.langButton.setAttribute('data-lang', lang);
  c.closeButton.replaceChildren(icon('close'));
  c.closeButton.setAttribute('aria-label', t('close'));
  const unread = !open && state.unread > 0;
  c.unreadBadge.textContent = String(state.unread);
  c.unreadBadge.hidden = !unread;
  c.unreadBadge.setAttribute('aria-hidden', 'true');
  c.launcher.replaceChildren(
    icon(open ? 'close' : 'chat'),
    open ? '' : h('span', { class: 'pd-launcher-label' }, t('open')),
    c.unreadBadge,
  );
  c.launcher.setAttribute(
    'aria-label',
    open ? t('close') : unread ? t('openUnread', { count: state.unread }) : t('open'),
  );
  c.launcher.setAttribute('aria-expanded', String(open));
  c.shell.classList.toggle('pd-open', open);
  c.input.placeholder = t('placeholder');
  c.input.setAttribute('aria-label', t('inputLabel'));
  c.sendButton.textContent = t('send');
  c.typingLabel.textContent = state.typingWho === 'agent' ? t('agentTyping') : t('typing');
  const status = state.conversation?.status ?? null;
  c.subtitle.textContent = !state.online
    ? state.started
      ? t('offline')
      : t('subtitle')
    : status === 'waiting'
      ? t('statusWaiting')
      : status === 'agent'
        ? t('statusAgent')
        : t('statusBot');
  c.subtitle.setAttribute('data-status', state.online ? (status ?? 'bot') : 'offline');
  c.banner.textContent = state.banner ?? '';
  c.banner.hidden = !state.banner;
  c.quickBar.setAttribute('aria-label', t('quickReplies'));
  c.quickBar.replaceChildren(
    ...QUICK_REPLIES.map((q, i) =>
      h(
        'button',
        {
          class: 'pd-chip',
          type: 'button',
          'data-testid': 'quick-reply',
          'data-index': i,
          onclick: () => c.send(t(q.text)),
        },
        t(q.label),
      ),
    ),
  );
  // Quick replies are for the bot; an agent chat, the queue or a rating form needs the room.
  c.quickBar.hidden =
    status === 'agent' || status === 'waiting' || Boolean(state.survey && !state.survey.done);
}
