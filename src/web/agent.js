'use strict';
// The agent console: plain JS over the /agent socket.io namespace (see docs/protocol.md and
// src/realtime/realtime.events.ts). Every text from the server goes in through textContent.

const T = {
  en: {
    title: 'PowerDesk · Agent console', username: 'Username', password: 'Password', logIn: 'Log in', logOut: 'Log out',
    other: '中文', online: 'Online', away: 'Away', offline: 'Offline', load: 'Chats', connected: '', disconnected: 'Reconnecting…',
    myChats: 'My chats', queue: 'Queue', noChat: 'No chat open. Accept an offer or take a ticket from the queue.',
    take: 'Take', accept: 'Accept', decline: 'Decline', offerFor: 'New ticket for you', offerExpires: 'left',
    waiting: 'waiting', sinceQueued: 'since queued', breached: 'SLA breached', firstResponse: 'first response', resolution: 'resolution',
    send: 'Send', replyPlaceholder: 'Reply to the customer… (Enter sends, Shift+Enter for a new line)',
    notePlaceholder: 'Internal note — the customer never sees it', addNote: 'Add note', cannedPick: 'Canned reply…',
    customerLabel: 'Customer', botLabel: 'Bot', systemLabel: 'System', you: 'You', agentLabel: 'Agent', noteLabel: 'Internal note · not sent to the customer',
    customer: 'Customer', ticket: 'Ticket', ticketHistory: 'Ticket history', earlierTickets: 'Tickets of this conversation',
    name: 'Name', language: 'Language', channel: 'Channel', started: 'Started', status: 'Status', reason: 'Reason', priority: 'Priority',
    skill: 'Skill', queued: 'Queued', waited: 'Waited', callback: 'Callback', anonymous: '(not given)',
    transfer: 'Transfer', transferSkill: 'To skill…', transferAgent: 'or to agent id', transferNote: 'Note for the next agent (internal)',
    close: 'Close', closeTicket: 'Close ticket', closeNote: 'Closing note (internal, optional)',
    transferred: 'Ticket transferred', closed: 'Ticket closed', lapsedTimeout: 'Offer expired', lapsedDeclined: 'Offer declined',
    taken: 'Taken by another agent', abandoned: 'The customer left', resolvedElsewhere: 'Ticket closed', breachToast: 'SLA breached', whisper: 'Whisper from',
    needTarget: 'Choose a skill or enter an agent id', chatEnded: 'This chat has ended.',
    pr: ['Urgent', 'High', 'Normal'],
    skills: { outage: 'Outage', billing: 'Billing', account: 'Account', general: 'General' },
    resolutions: { resolved: 'Resolved', information_given: 'Information given', request_created: 'Service request created', field_crew_dispatched: 'Field crew dispatched', callback_arranged: 'Callback arranged', handed_back_to_bot: 'Handed back to the bot', no_response: 'No response', duplicate: 'Duplicate' },
  },
  zh: {
    title: 'PowerDesk · 坐席工作台', username: '用户名', password: '密码', logIn: '登录', logOut: '退出',
    other: 'English', online: '在线', away: '离开', offline: '离线', load: '会话', connected: '', disconnected: '正在重连…',
    myChats: '我的会话', queue: '排队', noChat: '还没有打开的会话。接受分配或从排队中接入一个工单。',
    take: '接入', accept: '接受', decline: '拒绝', offerFor: '新工单分配给您', offerExpires: '剩余',
    waiting: '已等待', sinceQueued: '自排队起', breached: '已超时', firstResponse: '首次响应', resolution: '解决',
    send: '发送', replyPlaceholder: '回复客户…（回车发送，Shift+回车换行）',
    notePlaceholder: '内部备注——客户看不到', addNote: '添加备注', cannedPick: '常用回复…',
    customerLabel: '客户', botLabel: '机器人', systemLabel: '系统', you: '我', agentLabel: '客服', noteLabel: '内部备注 · 不会发给客户',
    customer: '客户', ticket: '工单', ticketHistory: '工单记录', earlierTickets: '本会话的工单',
    name: '姓名', language: '语言', channel: '渠道', started: '开始', status: '状态', reason: '原因', priority: '优先级',
    skill: '技能组', queued: '排队时间', waited: '等待', callback: '回电', anonymous: '（未提供）',
    transfer: '转接', transferSkill: '转到技能组…', transferAgent: '或转给坐席 ID', transferNote: '给下一位客服的备注（内部）',
    close: '结束', closeTicket: '结束工单', closeNote: '结束备注（内部，可选）',
    transferred: '工单已转接', closed: '工单已结束', lapsedTimeout: '分配已超时', lapsedDeclined: '已拒绝分配',
    taken: '已被其他客服接入', abandoned: '客户已离开', resolvedElsewhere: '工单已结束', breachToast: 'SLA 超时', whisper: '主管提示',
    needTarget: '请选择技能组或输入坐席 ID', chatEnded: '此会话已结束。',
    pr: ['紧急', '高', '普通'],
    skills: { outage: '停电抢修', billing: '电费', account: '账户', general: '综合' },
    resolutions: { resolved: '已解决', information_given: '已告知信息', request_created: '已建服务请求', field_crew_dispatched: '已派抢修', callback_arranged: '已约回电', handed_back_to_bot: '交回机器人', no_response: '客户无回应', duplicate: '重复工单' },
  },
};
const SKILLS = ['outage', 'billing', 'account', 'general'];
const RESOLUTIONS = Object.keys(T.en.resolutions);

let lang = localStorage.getItem('pd.agent.lang') || (navigator.language.startsWith('zh') ? 'zh' : 'en');
const t = (key) => T[lang][key] ?? key;
const $ = (id) => document.getElementById(id);

const state = {
  token: null, me: null, socket: null, presence: 'offline', capacity: null,
  queue: new Map(),   // ticketId → TicketView (queued or offered)
  offers: new Map(),  // ticketId → TicketView offered to me
  chats: new Map(),   // ticketId → { ticket, conversation, messages: Map(id → MessageView), history, unread, ended }
  active: null,       // ticketId of the open chat
  canned: [],
};

// ---- small helpers ----
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    // Through the CSSOM: the CSP refuses style attributes set as markup.
    else if (k === 'style') node.style.cssText = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}
function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = String(m).padStart(2, '0'), ss = String(r).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
const since = (iso) => (Date.now() - new Date(iso).getTime()) / 1000;
const clockTime = (iso) => new Date(iso).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
const dateTime = (iso) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
const priorityName = (p) => T[lang].pr[Math.min(Math.max(p, 0), 2)];
const skillName = (s) => T[lang].skills[s] ?? s;
const newId = () => 'a-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8);
let toastTimer;
function toast(text) {
  $('toast').textContent = text;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { $('toast').textContent = ''; }, 4000);
}
async function call(event, payload) {
  try {
    const ack = await state.socket.timeout(8000).emitWithAck(event, payload);
    if (!ack.ok) toast(ack.error.message);
    return ack;
  } catch {
    toast(t('disconnected'));
    return { ok: false, error: { code: 'TIMEOUT', message: 'no answer' } };
  }
}

// ---- the SLA clock: elapsed since queued, red once the server reports a breach ----
function slaClock(ticket, testid) {
  const breached = ticket.slaBreaches && ticket.slaBreaches.length > 0;
  const title = breached ? `${t('breached')}: ${ticket.slaBreaches.map((k) => (k === 'first_response' ? t('firstResponse') : t('resolution'))).join(', ')}` : t('sinceQueued');
  return el('span', { class: 'clock' + (breached ? ' breach' : ''), 'data-testid': testid, 'data-since': ticket.queuedAt, 'data-breached': breached ? 'true' : null, title },
    (breached ? '⚠ SLA ' : 'SLA ') + duration(since(ticket.queuedAt)));
}
function tick() {
  for (const node of document.querySelectorAll('[data-since]')) {
    node.textContent = (node.dataset.breached ? '⚠ SLA ' : 'SLA ') + duration(since(node.dataset.since));
  }
  for (const node of document.querySelectorAll('[data-expires]')) {
    const left = (new Date(node.dataset.expires).getTime() - Date.now()) / 1000;
    node.textContent = `${duration(left)} ${t('offerExpires')}`;
  }
}

// ---- rendering ----
function applyLang() {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of document.querySelectorAll('.lang-toggle')) node.textContent = t('other');
  $('transfer-skill').replaceChildren(el('option', { value: '', text: t('transferSkill') }), ...SKILLS.map((s) => el('option', { value: s, text: skillName(s) })));
  $('close-resolution').replaceChildren(...RESOLUTIONS.map((r) => el('option', { value: r, text: `${T[lang].resolutions[r]} · ${r}` })));
  renderAll();
}
function renderAll() {
  if (!state.me) return;
  renderHeader(); renderOffers(); renderQueue(); renderChats(); renderActive();
}
function renderHeader() {
  $('me').textContent = state.me.displayName;
  $('presence').className = 'presence-' + state.presence;
  $('presence').dataset.presence = state.presence;
  $('presence-label').textContent = t(state.presence);
  const open = [...state.chats.values()].filter((c) => !c.ended).length;
  $('load').textContent = `${t('load')} ${open}/${state.capacity ?? '–'}`;
  const unread = [...state.chats.values()].reduce((n, c) => n + c.unread, 0);
  document.title = (unread > 0 ? `(${unread}) ` : '') + t('title');
}
function ticketTags(ticket) {
  return [
    el('span', { class: 'tag p' + ticket.priority, 'data-testid': 'priority' }, `P${ticket.priority} ${priorityName(ticket.priority)}`), ' ',
    el('span', { class: 'tag', 'data-testid': 'skill' }, skillName(ticket.skill)), ' ',
    el('span', { class: 'tag', 'data-testid': 'language' }, ticket.language),
  ];
}
function renderOffers() {
  $('offers').replaceChildren(...[...state.offers.values()].map((ticket) => el('div', { class: 'offer', 'data-testid': 'offer', 'data-ticket-id': ticket.id },
    el('strong', { text: t('offerFor') }), el('span', {}, ...ticketTags(ticket)), el('span', { class: 'muted', text: ticket.reason }),
    slaClock(ticket, 'offer-waiting'),
    el('span', { class: 'countdown', 'data-testid': 'offer-countdown', 'data-expires': ticket.offerExpiresAt ?? new Date().toISOString() }),
    el('button', { class: 'primary', 'data-testid': 'offer-accept', text: t('accept'), onclick: () => accept(ticket.id) }),
    el('button', { 'data-testid': 'offer-decline', text: t('decline'), onclick: () => decline(ticket.id) }),
  )));
  tick();
}
function renderQueue() {
  const tickets = [...state.queue.values()].sort((a, b) => a.priority - b.priority || a.queuedAt.localeCompare(b.queuedAt));
  $('queue-count').textContent = `(${tickets.length})`;
  const mine = (ticket) => state.me.languages.includes(ticket.language) && (ticket.skill === 'general' || state.me.skills.includes(ticket.skill));
  $('queue').replaceChildren(...(tickets.length === 0 ? [el('div', { class: 'empty', text: '—' })] : tickets.map((ticket) => el('div', {
    class: `card p${ticket.priority}`, 'data-testid': 'queue-item', 'data-ticket-id': ticket.id, style: mine(ticket) ? null : 'opacity:.6',
  },
    el('div', { class: 'row' }, el('span', {}, ...ticketTags(ticket)), slaClock(ticket, 'queue-sla')),
    el('div', { class: 'row' },
      el('span', { class: 'muted', text: ticket.reason + (ticket.status === 'offered' ? ' · ⇢' : '') + (ticket.callback ? ' · ☎' : '') }),
      el('button', { 'data-testid': 'queue-take', text: t('take'), onclick: () => accept(ticket.id) })),
  ))));
}
function chatTitle(chat) {
  return chat.conversation?.customerName || `#${chat.ticket.id.slice(-6)}`;
}
function renderChats() {
  const chats = [...state.chats.values()];
  $('mine-count').textContent = `(${chats.filter((c) => !c.ended).length})`;
  $('chats').replaceChildren(...(chats.length === 0 ? [el('div', { class: 'empty', text: '—' })] : chats.map((chat) => el('div', {
    class: `card chat p${chat.ticket.priority}` + (chat.ticket.id === state.active ? ' active' : ''),
    'data-testid': 'chat-tab', 'data-ticket-id': chat.ticket.id, onclick: () => openChat(chat.ticket.id),
  },
    el('div', { class: 'row' }, el('strong', { text: chatTitle(chat) }), chat.unread > 0 ? el('span', { class: 'unread', 'data-testid': 'unread', text: String(chat.unread) }) : null),
    el('div', { class: 'row' }, el('span', {}, ...ticketTags(chat.ticket)), chat.ended ? el('span', { class: 'muted', text: '✓' }) : slaClock(chat.ticket, 'chat-sla')),
  ))));
}
function messageNode(m) {
  const mine = m.sender === 'agent' && m.agentId === state.me.id;
  const who = m.internal ? `${t('noteLabel')} · ${mine ? t('you') : t('agentLabel')}`
    : m.sender === 'customer' ? t('customerLabel') : m.sender === 'bot' ? t('botLabel') : m.sender === 'system' ? t('systemLabel') : mine ? t('you') : t('agentLabel');
  const kind = m.internal ? 'note' : m.sender;
  return el('div', { class: `msg ${m.sender}` + (m.internal ? ' note' : ''), 'data-testid': `msg-${kind}`, 'data-message-id': m.id },
    m.sender === 'system' ? null : el('div', { class: 'who', text: `${who} · ${clockTime(m.createdAt)}` }),
    el('span', { 'data-testid': 'msg-text', text: m.text }),
    m.sender === 'bot' && m.intent ? el('div', {}, el('span', { class: 'intent', 'data-testid': 'msg-intent', text: `${m.intent}` + (m.confidence !== undefined ? ` · ${m.confidence.toFixed(2)}` : '') })) : null);
}
function renderActive() {
  const chat = state.active && state.chats.get(state.active);
  for (const id of ['chat-head', 'transcript', 'composer', 'context-body']) $(id).classList.toggle('hidden', !chat);
  $('no-chat').classList.toggle('hidden', !!chat);
  if (!chat) return;
  const { ticket, conversation } = chat;
  $('chat-head').replaceChildren(el('h3', { 'data-testid': 'chat-title', text: chatTitle(chat) }), ...ticketTags(ticket),
    el('span', { class: 'muted', text: ticket.reason }), chat.ended ? el('span', { class: 'muted', text: t('chatEnded') }) : slaClock(ticket, 'active-sla'),
    ...(ticket.slaBreaches.length ? [el('span', { class: 'breach', 'data-testid': 'sla-breach', text: `${t('breached')}: ${ticket.slaBreaches.join(', ')}` })] : []));
  const messages = [...chat.messages.values()].sort((a, b) => a.seq - b.seq);
  $('transcript').replaceChildren(...messages.map(messageNode), ...(chat.ended ? [el('div', { class: 'msg system', text: t('chatEnded') })] : []));
  $('transcript').scrollTop = $('transcript').scrollHeight;
  for (const node of $('composer').querySelectorAll('textarea, input, button, select')) node.disabled = chat.ended;
  for (const node of $('context-body').querySelectorAll('form textarea, form input, form button, form select')) node.disabled = chat.ended;
  renderCanned(chat);
  // The context panel.
  const facts = (rows) => rows.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [el('dt', { text: t(k) }), el('dd', { 'data-testid': `fact-${k}`, text: String(v) })]);
  $('customer-facts').replaceChildren(...facts([
    ['name', conversation?.customerName ?? t('anonymous')], ['language', conversation?.language], ['channel', conversation?.channel],
    ['started', conversation && dateTime(conversation.createdAt)], ['status', conversation?.status],
    ['callback', ticket.callback && `${ticket.callback.phone}${ticket.callback.message ? ' · ' + ticket.callback.message : ''}`],
  ]));
  $('ticket-facts').replaceChildren(...facts([
    ['ticket', ticket.id], ['status', ticket.status], ['reason', ticket.reason], ['priority', `P${ticket.priority} ${priorityName(ticket.priority)}`],
    ['skill', skillName(ticket.skill)], ['queued', dateTime(ticket.queuedAt)], ['waited', ticket.waitedSeconds !== undefined ? duration(ticket.waitedSeconds) : undefined],
  ]));
  $('ticket-history').replaceChildren(...ticket.history.map((h) => el('li', { text: `${clockTime(h.at)} ${h.status}${h.note ? ' — ' + h.note.replace(state.me.id, state.me.displayName) : ''}` })));
  $('earlier-tickets').replaceChildren(...(chat.history || []).map((h) => el('li', {
    text: `${dateTime(h.queuedAt)} · ${h.status}${h.resolution ? ' · ' + h.resolution : ''}${h.rating?.agent ? ' · ★' + h.rating.agent : ''}${h.id === ticket.id ? ' (◀)' : ''}`,
  })));
}
function fillCanned(text, chat) {
  const name = state.me.displayName;
  // Display names are often "李娜 Li Na": use the part in the customer's language.
  const cjk = /[\u3400-\u9fff]/;
  const parts = name.split(/\s+/);
  const agentName = chat.ticket.language === 'zh' ? (parts.find((p) => cjk.test(p)) ?? name) : (parts.filter((p) => !cjk.test(p)).join(' ') || name);
  const customer = chat.conversation?.customerName ?? (chat.ticket.language === 'zh' ? '' : 'there');
  return text.replaceAll('{agent}', agentName).replaceAll('{ticket}', chat.ticket.id).replaceAll('{customer}', customer);
}
function renderCanned(chat) {
  $('canned').replaceChildren(el('option', { value: '', text: t('cannedPick') }),
    ...state.canned.map((r) => el('option', { value: r.id, text: `${r.title[lang] ?? r.title.en} — ${fillCanned(r.text[chat.ticket.language] ?? r.text.en, chat).slice(0, 60)}` })));
}

// ---- chats ----
function upsertChat(ticket, context) {
  const chat = state.chats.get(ticket.id) ?? { ticket, conversation: null, messages: new Map(), history: [], unread: 0, ended: false };
  chat.ticket = ticket;
  chat.history = chat.history.map((h) => (h.id === ticket.id ? ticket : h));
  if (context) {
    chat.conversation = context.conversation;
    chat.history = context.history;
    for (const m of context.messages) chat.messages.set(m.id, m);
  }
  state.chats.set(ticket.id, chat);
  return chat;
}
function openChat(ticketId) {
  // An ended chat stays on screen, read-only, until the agent opens another one.
  const previous = state.active && state.chats.get(state.active);
  if (previous?.ended && state.active !== ticketId) state.chats.delete(state.active);
  state.active = ticketId;
  const chat = state.chats.get(ticketId);
  if (chat) chat.unread = 0;
  renderHeader(); renderChats(); renderActive();
  if (chat && !chat.ended) $('reply').focus();
}
async function loadContext(ticket) {
  const ack = await call('ticket:context', { ticketId: ticket.id });
  if (ack.ok) upsertChat(ticket, ack);
}
async function accept(ticketId) {
  const ack = await call('ticket:accept', { ticketId });
  state.offers.delete(ticketId);
  state.queue.delete(ticketId);
  if (!ack.ok) return refresh(); // taken by someone else, or no longer waiting
  upsertChat(ack.ticket, ack);
  openChat(ack.ticket.id);
  renderAll();
}
async function decline(ticketId) {
  state.offers.delete(ticketId);
  renderOffers();
  await call('ticket:decline', { ticketId });
}
function endChat(ticketId, why) {
  const chat = state.chats.get(ticketId);
  if (!chat) return;
  if (why) toast(why);
  // Closed or transferred chats leave the list; the open one stays, read-only, until another is opened.
  if (state.active === ticketId) chat.ended = true;
  else state.chats.delete(ticketId);
  renderAll();
}

// ---- server events ----
async function refresh() {
  const ack = await call('ticket:list', {});
  if (!ack.ok) return;
  state.presence = ack.presence ?? state.presence;
  state.capacity = ack.capacity ?? state.capacity;
  state.queue = new Map(ack.queued.map((tk) => [tk.id, tk]));
  for (const tk of ack.queued) if (tk.status === 'offered' && tk.offeredTo === state.me.id) state.offers.set(tk.id, tk);
  const mineIds = new Set(ack.mine.map((tk) => tk.id));
  for (const [id, chat] of state.chats) if (!mineIds.has(id) && !chat.ended) state.chats.delete(id);
  await Promise.all(ack.mine.map((tk) => (state.chats.has(tk.id) ? upsertChat(tk) : loadContext(tk))));
  const cannedAck = await call('canned:list', {});
  if (cannedAck.ok) state.canned = cannedAck.replies;
  if (state.active && !state.chats.has(state.active)) state.active = null;
  if (!state.active && state.chats.size > 0) state.active = state.chats.keys().next().value;
  renderAll();
}
function listen(socket) {
  socket.on('connect', () => { $('connection').textContent = ''; refresh(); });
  socket.on('disconnect', (reason) => {
    // The server closes a staff socket only when its session ended (logout elsewhere, revoke,
    // expiry): socket.io does not reconnect then, and a new handshake would be refused.
    if (reason === 'io server disconnect') return sessionEnded();
    $('connection').textContent = t('disconnected');
  });
  socket.on('error:occurred', (body) => { if (body?.event === 'session') sessionEnded(); });
  socket.on('connect_error', (error) => {
    $('connection').textContent = t('disconnected');
    // A refused handshake (expired token, wrong role) will not get better by retrying.
    if (error.data?.code === 'UNAUTHENTICATED') sessionEnded();
    else if (error.data?.code) logout(error.message);
  });
  socket.on('ticket:queued', (ticket) => {
    // A ticket of mine coming back (transfer, disconnect grace) leaves my chats.
    if (state.chats.has(ticket.id) && ticket.agentId !== state.me.id) endChat(ticket.id);
    state.queue.set(ticket.id, ticket);
    renderQueue();
  });
  socket.on('ticket:offered', (ticket) => {
    state.offers.set(ticket.id, ticket);
    state.queue.set(ticket.id, ticket);
    renderOffers(); renderQueue();
  });
  socket.on('ticket:offer_lapsed', ({ ticket, why }) => {
    if (state.offers.delete(ticket.id)) toast(why === 'timeout' ? t('lapsedTimeout') : t('lapsedDeclined'));
    renderOffers();
  });
  socket.on('ticket:assigned', async (ticket) => {
    state.queue.delete(ticket.id);
    if (state.offers.delete(ticket.id) && ticket.agentId !== state.me.id) toast(t('taken'));
    if (ticket.agentId === state.me.id && !state.chats.has(ticket.id)) await loadContext(ticket); // accepted in another tab
    else if (state.chats.has(ticket.id)) upsertChat(ticket);
    renderAll();
  });
  socket.on('ticket:resolved', (ticket) => endChat(ticket.id, state.chats.get(ticket.id)?.ended ? null : t('resolvedElsewhere')));
  socket.on('ticket:abandoned', (ticket) => {
    state.queue.delete(ticket.id);
    if (state.offers.delete(ticket.id)) toast(t('abandoned'));
    renderOffers(); renderQueue();
  });
  socket.on('ticket:sla_breached', ({ ticket, kind }) => {
    if (state.chats.has(ticket.id)) upsertChat(ticket);
    toast(`${t('breachToast')}: ${kind}`);
    renderAll();
  });
  socket.on('presence:updated', ({ presence }) => {
    state.presence = presence;
    // ticket:list can be answered before the server has registered this connection's presence,
    // and then it carries no capacity; the first presence:updated says it is registered now.
    if (state.capacity === null) refresh();
    renderHeader();
  });
  // A supervisor's whisper: shown to this agent only, as a note in that chat.
  socket.on('whisper:received', (w) => {
    toast(`${t('whisper')} ${w.from}: ${w.text}`);
    const chat = state.chats.get(w.ticketId);
    if (!chat) return;
    const m = { id: 'whisper-' + w.at, conversationId: w.conversationId, sender: 'agent', internal: true, text: `${t('whisper')} ${w.from}: ${w.text}`, createdAt: w.at };
    chat.messages.set(m.id, m);
    if (chat.ticket.id === state.active) $('transcript').append(messageNode(m));
  });
  socket.on('message:created', (m) => {
    const chat = [...state.chats.values()].find((c) => c.ticket.conversationId === m.conversationId);
    if (!chat || chat.messages.has(m.id)) return;
    chat.messages.set(m.id, m);
    if (chat.ticket.id === state.active) {
      $('transcript').append(messageNode(m));
      $('transcript').scrollTop = $('transcript').scrollHeight;
    } else if (m.sender === 'customer') chat.unread++;
    renderHeader(); renderChats();
  });
}

// ---- session ----
function startConsole(token, staff) {
  state.token = token; state.me = staff;
  sessionStorage.setItem('pd.agent.session', JSON.stringify({ token, staff }));
  $('login').classList.add('hidden');
  $('session-ended').classList.add('hidden');
  $('console').classList.remove('hidden');
  state.socket = io('/agent', { auth: { token } });
  listen(state.socket);
  applyLang();
}
function logout(reason) {
  sessionStorage.removeItem('pd.agent.session');
  state.socket?.disconnect();
  Object.assign(state, { token: null, me: null, socket: null, active: null, queue: new Map(), offers: new Map(), chats: new Map() });
  $('console').classList.add('hidden');
  $('login').classList.remove('hidden');
  $('login-error').textContent = reason ?? '';
}
/** The session ended on the server: say so in both languages, above the login form. */
function sessionEnded() {
  if (!state.token) return;
  logout();
  $('session-ended').classList.remove('hidden');
  $('password').value = '';
  $('username').focus();
}
$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    const r = await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: $('username').value.trim(), password: $('password').value }) });
    const body = await r.json();
    if (!r.ok) { $('login-error').textContent = body.error?.message ?? r.statusText; return; }
    if (body.staff.role !== 'agent') { $('login-error').textContent = 'agents only / 仅限坐席'; return; }
    startConsole(body.token, body.staff);
  } catch (error) {
    $('login-error').textContent = String(error);
  }
});
$('logout').addEventListener('click', () => logout());
$('presence').addEventListener('click', async () => {
  const ack = await call('presence:set', { presence: state.presence === 'online' ? 'away' : 'online' });
  if (ack.ok) { state.presence = ack.presence; renderHeader(); }
});
for (const button of document.querySelectorAll('.lang-toggle')) button.addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('pd.agent.lang', lang);
  applyLang();
});

// ---- the composer and the side forms ----
$('canned').addEventListener('change', () => {
  const chat = state.chats.get(state.active);
  const reply = state.canned.find((r) => r.id === $('canned').value);
  if (chat && reply) {
    $('reply').value = fillCanned(reply.text[chat.ticket.language] ?? reply.text.en, chat);
    $('reply').focus();
  }
  $('canned').value = '';
});
async function sendFrom(input, event) {
  const chat = state.chats.get(state.active);
  const text = input.value.trim();
  if (!chat || chat.ended || !text) return;
  // One id per text until the server has it: a retry after a timeout is stored once, however
  // many tries reach the server.
  if (input.dataset.pendingText !== text) {
    input.dataset.pendingText = text;
    input.dataset.pendingId = newId();
  }
  const payload = { ticketId: chat.ticket.id, clientMessageId: input.dataset.pendingId, text };
  input.disabled = true;
  let ack = await call(event, payload);
  if (!ack.ok && ack.error.code === 'TIMEOUT') ack = await call(event, payload);
  input.disabled = false;
  if (!ack.ok) return;
  delete input.dataset.pendingText;
  delete input.dataset.pendingId;
  input.value = '';
  input.focus();
  if (!chat.messages.has(ack.message.id)) {
    chat.messages.set(ack.message.id, ack.message);
    if (state.active === chat.ticket.id) { $('transcript').append(messageNode(ack.message)); $('transcript').scrollTop = $('transcript').scrollHeight; }
  }
}
$('reply-form').addEventListener('submit', (e) => { e.preventDefault(); sendFrom($('reply'), 'message:send'); });
$('reply').addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); sendFrom($('reply'), 'message:send'); } });
$('note-form').addEventListener('submit', (e) => { e.preventDefault(); sendFrom($('note'), 'note:add'); });
$('transfer-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const chat = state.chats.get(state.active);
  const toSkill = $('transfer-skill').value, toAgentId = $('transfer-agent').value.trim(), note = $('transfer-note').value.trim();
  if (!chat || (!toSkill && !toAgentId)) return toast(t('needTarget'));
  const ack = await call('ticket:transfer', { ticketId: chat.ticket.id, ...(toAgentId ? { toAgentId } : { toSkill }), ...(note && { note }) });
  if (!ack.ok) return;
  $('transfer-form').reset();
  endChat(chat.ticket.id, t('transferred'));
});
$('close-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const chat = state.chats.get(state.active);
  if (!chat) return;
  const note = $('close-note').value.trim();
  const ack = await call('ticket:close', { ticketId: chat.ticket.id, resolution: $('close-resolution').value, ...(note && { note }) });
  if (!ack.ok) return;
  $('close-note').value = '';
  chat.ticket = ack.ticket;
  endChat(chat.ticket.id, t('closed'));
});

setInterval(tick, 1000);
applyLang();
const saved = sessionStorage.getItem('pd.agent.session');
if (saved) { const { token, staff } = JSON.parse(saved); startConsole(token, staff); }
