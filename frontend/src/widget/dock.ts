// Above the composer: the queue (place, wait, "no agent online" with a callback form, leaving)
// and the rating form after an agent's chat. Forms are redrawn only when what they show changed,
// so nothing the customer is typing into them is wiped.
import type { Ack } from '../shared/protocol';
import { h } from './dom';
import { waitMinutes } from './format';
import type { WidgetState } from './state';
import { Lang, word, WidgetKey } from './words';

export interface DockActions {
  command(event: string, body: Record<string, unknown>): Promise<Ack<Record<string, unknown>>>;
  callbackLeft(phone: string): void;
  rated(): void;
  showError(message: string): void;
}

const MOBILE = /^(1[3-9]\d{9}|\+\d{6,15})$/;

export function renderDock(dock: HTMLElement, log: HTMLElement, s: WidgetState, a: DockActions) {
  const signature = JSON.stringify([
    s.lang,
    s.conversation?.status,
    s.queue,
    s.callbackDone,
    s.survey?.ticketId,
    s.survey?.done,
  ]);
  if (dock.getAttribute('data-signature') === signature) return;
  dock.setAttribute('data-signature', signature);
  const parts: HTMLElement[] = [];
  if (s.conversation?.status === 'waiting') parts.push(queuePanel(s, a));
  if (s.survey) parts.push(surveyPanel(s, a));
  dock.replaceChildren(...parts);
  // The dock takes room from the log: keep the latest messages in view.
  log.scrollTop = log.scrollHeight;
}

function failure(lang: Lang, ack: Ack<unknown>): string {
  return ack.ok ? '' : word(lang, 'error', { message: ack.error.message });
}

function queuePanel(s: WidgetState, a: DockActions): HTMLElement {
  const { lang, queue } = s;
  const t = (key: WidgetKey, values?: Record<string, string | number>) => word(lang, key, values);
  const noAgent = queue?.agentsOnline === 0;
  const minutes = waitMinutes(queue?.estimatedWaitSeconds);
  const lines = queue
    ? [
        h(
          'div',
          { class: 'pd-queue-main', 'data-testid': 'queue-position' },
          t('queuePosition', { position: queue.position }),
        ),
        h(
          'div',
          { class: 'pd-queue-sub', 'data-testid': 'queue-eta' },
          minutes === null ? t('queueEtaUnknown') : t('queueEta', { minutes }),
          ' · ',
          t('queueAgents', { count: queue.agentsOnline }),
        ),
      ]
    : [h('div', { class: 'pd-queue-main' }, t('queueWaiting'))];
  let callback: HTMLElement | null = null;
  if (noAgent && s.callbackDone) {
    callback = h(
      'div',
      { class: 'pd-callback-done', 'data-testid': 'callback-done' },
      t('callbackDone', { phone: s.callbackDone }),
    );
  } else if (noAgent) {
    callback = callbackForm(lang, a);
  }
  return h(
    'div',
    { class: `pd-queue${noAgent ? ' pd-queue-empty' : ''}`, 'data-testid': 'queue' },
    h('div', { class: 'pd-queue-spinner', 'aria-hidden': 'true' }),
    h('div', { class: 'pd-queue-body' }, lines, callback),
    h(
      'button',
      {
        class: 'pd-link',
        type: 'button',
        'data-testid': 'queue-leave',
        onclick: () =>
          void a.command('queue:leave', {}).then((ack) => {
            if (!ack.ok) a.showError(failure(lang, ack));
          }),
      },
      t('leaveQueue'),
    ),
  );
}

function callbackForm(lang: Lang, a: DockActions): HTMLElement {
  const t = (key: WidgetKey) => word(lang, key);
  const phone = h('input', {
    class: 'pd-field',
    type: 'tel',
    inputmode: 'tel',
    autocomplete: 'tel',
    maxlength: 20,
    placeholder: t('callbackPhone'),
    'aria-label': t('callbackPhone'),
    'data-testid': 'callback-phone',
  });
  const note = h('input', {
    class: 'pd-field',
    type: 'text',
    maxlength: 500,
    placeholder: t('callbackMessage'),
    'aria-label': t('callbackMessage'),
    'data-testid': 'callback-message',
  });
  const error = h('div', { class: 'pd-form-error', role: 'alert', hidden: true });
  const fail = (text: string) => {
    error.hidden = false;
    error.textContent = text;
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const value = phone.value.replace(/[\s-]/g, '');
    if (!MOBILE.test(value)) return fail(t('callbackInvalid'));
    const message = note.value.trim();
    void a
      .command('callback:leave', message ? { phone: value, message } : { phone: value })
      .then((ack) => (ack.ok ? a.callbackLeft(value) : fail(failure(lang, ack))));
  };
  return h(
    'form',
    { class: 'pd-callback', 'data-testid': 'callback-form', novalidate: true, onsubmit: submit },
    h('div', { class: 'pd-queue-sub' }, t('noAgent')),
    phone,
    note,
    error,
    h(
      'button',
      { class: 'pd-button', type: 'submit', 'data-testid': 'callback-submit' },
      t('callbackSubmit'),
    ),
  );
}

function surveyPanel(s: WidgetState, a: DockActions): HTMLElement {
  const { lang } = s;
  const t = (key: WidgetKey, values?: Record<string, string | number>) => word(lang, key, values);
  const survey = s.survey;
  if (!survey || survey.done) {
    return h(
      'div',
      { class: 'pd-survey pd-survey-done', 'data-testid': 'survey-thanks', role: 'status' },
      t('surveyThanks'),
    );
  }
  let rating = 0;
  const error = h('div', { class: 'pd-form-error', role: 'alert', hidden: true });
  const stars = [1, 2, 3, 4, 5].map((n) =>
    h(
      'button',
      {
        class: 'pd-star',
        type: 'button',
        'data-testid': 'survey-star',
        'data-value': n,
        'aria-label': t('star', { n }),
        'aria-pressed': 'false',
        onclick: () => {
          rating = n;
          stars.forEach((star, i) => {
            star.classList.toggle('pd-on', i < n);
            star.setAttribute('aria-pressed', String(i < n));
          });
          error.hidden = true;
        },
      },
      '★',
    ),
  );
  const comment = h('textarea', {
    class: 'pd-field',
    rows: 2,
    maxlength: 1000,
    placeholder: t('surveyComment'),
    'aria-label': t('surveyComment'),
    'data-testid': 'survey-comment',
  });
  const fail = (text: string) => {
    error.hidden = false;
    error.textContent = text;
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (!rating) return fail(t('surveyPick'));
    const text = comment.value.trim();
    const body = { ticketId: survey.ticketId, agentRating: rating, ...(text && { comment: text }) };
    void a.command('survey:submit', body).then((ack) => {
      // CONFLICT: already rated (from another tab); nothing more to ask.
      if (ack.ok || ack.error.code === 'CONFLICT') a.rated();
      else fail(failure(lang, ack));
    });
  };
  return h(
    'form',
    { class: 'pd-survey', 'data-testid': 'survey', novalidate: true, onsubmit: submit },
    h('div', { class: 'pd-survey-title', id: 'pd-survey-title' }, t('surveyTitle')),
    h('div', { class: 'pd-stars', role: 'group', 'aria-labelledby': 'pd-survey-title' }, stars),
    comment,
    error,
    h(
      'button',
      { class: 'pd-button', type: 'submit', 'data-testid': 'survey-submit' },
      t('surveySubmit'),
    ),
  );
}
