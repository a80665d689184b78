// Supervisor desk: the incidents panel and the storm banner (issue #16). Kept apart from
// supervisor.js: it reads the desk's session, opens its own socket and draws into the live view.
(() => {
  'use strict';
  const SESSION_KEY = 'powerdesk.supervisor';
  const TEXT = {
    zh: {
      title: '停电事件', incident: '事件', none: '目前没有未恢复的停电事件。', reports: '报告', accounts: '户号',
      eta: '预计恢复', status: '状态', storm: '风暴模式', stormOn: '开启风暴模式', stormOff: '关闭风暴模式',
      investigating: '排查中', crew_dispatched: '抢修已出发', crew_on_site: '现场抢修', restored: '已恢复',
      failed: '操作失败：',
    },
    en: {
      title: 'Outage incidents', incident: 'Incident', none: 'No open outage incident.', reports: 'Reports', accounts: 'Accounts',
      eta: 'ETA', status: 'Status', storm: 'Storm', stormOn: 'Storm mode on', stormOff: 'Storm mode off',
      investigating: 'Investigating', crew_dispatched: 'Crew dispatched', crew_on_site: 'Crew on site', restored: 'Restored',
      failed: 'Failed: ',
    },
  };
  const lang = () => (document.documentElement.lang || 'en').startsWith('zh') ? 'zh' : 'en';
  const t = (key) => TEXT[lang()][key] ?? key;
  let token = null;
  let socket = null;
  let banners = new Map(); // incident id -> banner text (both languages)

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') node.textContent = v;
      else if (k === 'onclick') node.addEventListener('click', v);
      // CSSOM, not a style attribute: the page's CSP refuses inline style attributes.
      else if (k === 'style') Object.assign(node.style, v);
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  }

  function panel() {
    let node = document.getElementById('incidents-panel');
    if (!node) {
      const live = document.getElementById('view-live');
      if (!live) return null;
      node = el('div', { id: 'incidents-panel', class: 'panel', 'data-testid': 'incidents-panel' });
      live.prepend(node);
    }
    return node;
  }

  async function call(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body && { body: JSON.stringify(body) }),
    });
    return { ok: response.ok, body: await response.json().catch(() => null) };
  }

  async function refresh() {
    const node = panel();
    if (!node || !token) return;
    const result = await call('GET', '/incidents');
    if (!result.ok || !Array.isArray(result.body)) return;
    const incidents = result.body;
    const time = (iso) => (iso ? new Date(iso).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '—');
    const rows = incidents.map((i) => el('tr', { 'data-testid': 'incident-row' },
      el('td', { text: i.id }),
      el('td', { text: t(i.status) }),
      el('td', { class: 'num', text: String(i.reportCount) }),
      el('td', { class: 'num', text: String(i.accountCount) }),
      el('td', { text: time(i.etaAt) }),
      el('td', {}, el('button', {
        type: 'button',
        'data-testid': 'storm-toggle',
        text: i.storm.on ? t('stormOff') : t('stormOn'),
        onclick: async () => {
          const done = await call('POST', `/incidents/${encodeURIComponent(i.id)}/storm`, { on: !i.storm.on });
          if (!done.ok) window.alert(t('failed') + (done.body?.message ?? ''));
          void refresh();
        },
      }))));
    const stormy = incidents.filter((i) => i.storm.on);
    node.replaceChildren(
      ...stormy.map((i) => el('div', { class: 'alerts storm-banner', role: 'alert', 'data-testid': 'storm-banner', style: { background: '#fdecea', borderLeft: '4px solid #c62828', padding: '.4rem .6rem', marginBottom: '.4rem' } },
        banners.get(i.id)?.[lang()] ?? `${t('storm')}: ${i.id}`)),
      el('h2', { text: t('title') }),
      incidents.length === 0
        ? el('div', { class: 'empty', text: t('none') })
        : el('table', { 'data-testid': 'incidents-table' },
          el('thead', {}, el('tr', {}, ...['incident', 'status', 'reports', 'accounts', 'eta', 'storm'].map((k) => el('th', { text: t(k) })))),
          el('tbody', {}, ...rows)));
  }

  function connect() {
    if (socket) socket.disconnect();
    socket = window.io('/supervisor', { auth: { token }, transports: ['websocket'] });
    socket.on('incident:storm_changed', (storm) => {
      if (storm.on) banners.set(storm.incident.id, storm.banner);
      else banners.delete(storm.incident.id);
      void refresh();
    });
    socket.on('incident:updated', () => void refresh());
  }

  // The desk's login lives in sessionStorage: follow it (log in, log out, another user).
  setInterval(() => {
    let next = null;
    try { next = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null')?.token ?? null; } catch { next = null; }
    if (next === token) return;
    token = next;
    banners = new Map();
    if (!token) { socket?.disconnect(); socket = null; panel()?.replaceChildren(); return; }
    connect();
    void refresh();
  }, 1000);
  setInterval(() => void refresh(), 15000);
})();
