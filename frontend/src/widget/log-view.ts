// The chat log: stored messages in server order, then what is still being sent, each bubble with
// who said it, its text (links tappable, amounts unbreakable), its card, and its state.
import type { MessageView } from '../shared/protocol';
import { cardRepeatsText, renderCard } from './cards';
import { h, richText } from './dom';
import { formatTime } from './format';
import { ordered, Pending, WidgetState } from './state';
import { word } from './words';

export function renderLog(log: HTMLElement, state: WidgetState, retry: (p: Pending) => void) {
  const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  const rows = ordered(state).map((m) => messageRow(state, m, null, retry));
  for (const p of state.pending.values()) {
    rows.push(messageRow(state, { sender: 'customer', text: p.text }, p, retry));
  }
  log.replaceChildren(...rows);
  if (nearBottom || rows.length < 3) log.scrollTop = log.scrollHeight;
}

type Shown = Pick<MessageView, 'sender' | 'text'> & Partial<MessageView>;

function messageRow(
  state: WidgetState,
  m: Shown,
  p: Pending | null,
  retry: (p: Pending) => void,
): HTMLElement {
  const { lang, timeZone } = state;
  const sender = m.sender;
  const who =
    sender === 'bot'
      ? word(lang, 'bot')
      : sender === 'agent'
        ? word(lang, 'agent')
        : sender === 'system'
          ? word(lang, 'system')
          : null;
  const card = m.card ? renderCard(lang, timeZone, m.card) : null;
  const text = card && m.card && cardRepeatsText(m.card) ? String(m.text).split('\n')[0] : m.text;
  const status = p ? (p.failed ? 'failed' : p.tries > 1 ? 'retrying' : 'sending') : 'sent';
  const meta = p
    ? h(
        'div',
        { class: 'pd-meta pd-pending' },
        p.failed
          ? h(
              'button',
              {
                type: 'button',
                class: 'pd-retry',
                'data-testid': 'retry',
                onclick: () => retry(p),
              },
              word(lang, 'failed'),
            )
          : word(lang, p.tries > 1 ? 'retrying' : 'sending'),
      )
    : m.createdAt
      ? h('div', { class: 'pd-meta' }, formatTime(lang, timeZone, m.createdAt, false))
      : null;
  const bubble = h(
    'div',
    {
      class: `m ${sender}`,
      'data-testid': `msg-${sender}`,
      'data-seq': m.seq,
      'data-id': m.id,
      'data-state': status,
    },
    who ? h('div', { class: 'pd-who' }, who) : null,
    h('div', { class: 'pd-text' }, richText(text)),
    card,
    meta,
  );
  return h('div', { class: `pd-row pd-row-${sender}` }, bubble);
}
