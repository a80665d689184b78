/*
 * PowerDesk customer chat widget, built by Vite into /widget.js and /widget.css.
 *
 * Embed on any page with one tag:
 *   <script src="https://powerdesk.example/widget.js" data-lang="zh" async></script>
 * It adds a launcher button and a chat panel inside a shadow root (the host page's CSS cannot
 * reach in), loads socket.io from the widget's own origin and talks to its /customer namespace
 * (docs/protocol.md). `data-mode="page"` (customer.html) fills the whole page instead.
 */
import './widget.css';
import { brandColours, readBranding } from './branding';
import type { Mode } from './chrome';
import { KEY, store } from './state';
import { Widget } from './widget';
import { chooseLang, Lang } from './words';

interface PowerDeskApi {
  open(): void;
  close(): void;
  setLanguage(lang: Lang): void;
}
type WidgetWindow = Window & { PowerDeskWidget?: PowerDeskApi };

function boot(script: HTMLScriptElement): void {
  const origin = new URL(script.src, location.href).origin;
  const mode: Mode = script.dataset.mode === 'page' ? 'page' : 'embed';
  const lang = chooseLang(store.get(KEY.lang), script.dataset.lang, navigator.language);
  const open = mode === 'page' || store.get(KEY.open) === '1';
  const widget = new Widget(origin, mode, lang, open);

  const host = document.createElement('div');
  host.id = 'powerdesk-widget';
  host.dataset.mode = mode;
  // Set through the CSSOM (allowed by the CSP) so that no selector of the host page outranks it.
  host.style.cssText =
    mode === 'page'
      ? 'all:initial;position:fixed;inset:0;z-index:2147483000;display:block;'
      : 'all:initial;position:fixed;z-index:2147483000;display:block;right:0;bottom:0;';
  const root = host.attachShadow({ mode: 'open' });
  const stylesheet = document.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = `${origin}/widget.css`;
  const show = () => widget.chrome.shell.removeAttribute('hidden');
  stylesheet.addEventListener('load', show);
  stylesheet.addEventListener('error', show);
  root.append(stylesheet, widget.chrome.shell);

  (window as WidgetWindow).PowerDeskWidget = {
    open: () => widget.setOpen(true),
    close: () => widget.setOpen(false),
    setLanguage: (next) => widget.switchLanguage(next),
  };

  // The utility's name, logo text and colour, from the server's configuration.
  void fetch(`${origin}/widget/branding`)
    .then((response) => (response.ok ? response.json() : null))
    .then((body: unknown) => {
      const branding = readBranding(body);
      if (!branding) return;
      const { brand, onBrand, ink } = brandColours(branding.primaryColor);
      widget.applyBranding(branding, {
        '--pd-brand': brand,
        '--pd-customer': brand,
        '--pd-on-brand': onBrand,
        '--pd-brand-dark': ink,
      });
    })
    .catch(() => undefined);

  const mount = () => {
    document.body.append(host);
    widget.render();
    // Page mode and a conversation in progress connect at once; otherwise on the first open.
    if (open || store.get(KEY.resume)) widget.connect();
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
}

// currentScript is only set while the tag's script first runs: read it before anything waits.
const script = document.currentScript;
if (script instanceof HTMLScriptElement && !(window as WidgetWindow).PowerDeskWidget) boot(script);
