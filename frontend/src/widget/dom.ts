// A small typed element builder: the widget draws with DOM calls and textContent only, so no
// text of a message or a card can ever be read as HTML.
import { amountRuns, linkify } from './linkify';

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** h('div', { class: 'x', 'data-testid': 'y', onclick: fn }, child, …). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

const ICONS = {
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  close: 'M6 6l12 12M18 6L6 18',
} as const;

export function icon(name: keyof typeof ICONS): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `pd-icon pd-icon-${name}`);
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

/** Plain text with its amounts unbreakable. */
export function withAmounts(text: string): Node[] {
  return amountRuns(text).map((run) =>
    run.amount ? h('span', { class: 'pd-num' }, run.text) : document.createTextNode(run.text),
  );
}

/** A message's text: addresses and phone numbers as links, amounts unbreakable. */
export function richText(text: string): Node[] {
  return linkify(text).flatMap((segment) => {
    if (segment.kind === 'text') return withAmounts(segment.text);
    const external = segment.kind === 'url';
    return [
      h(
        'a',
        {
          class: `pd-a pd-a-${segment.kind}`,
          href: segment.href,
          'data-testid': `link-${segment.kind}`,
          target: external ? '_blank' : undefined,
          rel: external ? 'noopener noreferrer nofollow' : undefined,
        },
        segment.text,
      ),
    ];
  });
}
