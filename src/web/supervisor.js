/* PowerDesk supervisor desk: live board, transcript search and view, reports. Plain JS, no build. */
(function () {
  'use strict';

  // ---------------------------------------------------------------- labels (zh / en)
  const LABELS = {
    en: {
      title: 'PowerDesk · Supervisor desk', username: 'Username', password: 'Password', logIn: 'Log in', logOut: 'Log out',
      langToggle: '中文', tabLive: 'Live board', tabSearch: 'Search', tabTranscript: 'Transcript', tabReports: 'Reports',
      connected: 'live', connecting: 'connecting…', disconnected: 'offline',
      withBot: 'With the bot', waiting: 'Waiting for an agent', withAgent: 'With an agent',
      queueByPriority: 'Queue by priority', priority: 'Priority', waitingCount: 'Waiting', longestWait: 'Longest wait',
      agents: 'Agents', agent: 'Agent', presence: 'Presence', load: 'Load', noAgents: 'No agent is signed in.',
      online: 'online', away: 'away', offline: 'offline',
      slaAlerts: 'SLA breaches', noAlerts: 'No SLA breach since you opened the board.', updatedAt: 'updated {t}',
      first_response: 'first response', resolution: 'resolution', open: 'Open',
      liveList: 'Open chats now', noLive: 'Nobody is waiting or with an agent.', liveStatus_queued: 'waiting', liveStatus_offered: 'offered',
      liveStatus_assigned: 'with an agent', sla_ok: 'on time', sla_due_soon: 'due within a minute', sla_overdue: 'overdue', sla_breached: 'breached',
      alertNoAgent: 'Customers are waiting and no agent is online.', alertGrowing: 'The queue is growing faster than agents take from it.',
      alertOverdue: '{n} waiting past their first-response target.', liveWait: 'Waiting / with agent', liveSla: 'SLA', liveWhat: 'About', liveWho: 'Agent', liveWatch: 'Watch',
      freeText: 'Text (中文 or English)', freeTextHint: 'e.g. 停电, outage, a customer or account', intent: 'Intent', district: 'District',
      outcome: 'Outcome', rating: 'Rating', from: 'From', to: 'To', search: 'Search', reset: 'Reset', any: 'any',
      outcome_bot: 'handled by the bot', outcome_escalated: 'escalated', outcome_abandoned: 'abandoned', outcome_resolved: 'resolved by an agent', customerFilter: 'Customer name or conversation id', account: 'Account', accountFilter: 'Account number',
      results: 'Results', when: 'When', customer: 'Customer', channel: 'Channel', match: 'Match', intents: 'Intents', language: 'Language', status: 'Status',
      prev: '‹ Newer', next: 'Older ›', page: 'page {p} of {n} matching conversations', noResults: 'No conversation matches.',
      searching: 'Searching…', searchUnavailable: 'Search is not available on this server yet (GET /transcripts/search answered {s}). Open a conversation from the recent list below.',
      searchFailed: 'Search failed: {m}', recent: 'Recently active conversations', noRecent: 'No conversation yet.',
      noTranscript: 'Open a conversation from Search, the recent list or an SLA alert.',
      conversation: 'Conversation', started: 'started', tickets: 'Tickets', noTickets: 'No handoff: the bot handled this conversation.',
      liveWatch: 'Live watch', watch: 'Watch live', unwatch: 'Stop watching', watching: 'watching: new messages appear as they are sent',
      notWatching: 'not watching', watchClosed: 'The conversation is not live.',
      whisperTo: 'Whisper to the agent (the customer never sees it)', whisperHint: 'A word to the agent…', whisperSent: 'Whisper sent at {t}',
      sender_customer: 'Customer', sender_bot: 'Bot', sender_agent: 'Agent', sender_system: 'System', internalNote: 'internal note',
      confidence: 'confidence', entity_account_number: 'account', entity_phone: 'phone', entity_money: 'amount', entity_kwh: 'energy', entity_date: 'date', entity_district: 'district', entitiesRead: 'What the bot read', unmask: 'Unmask', unmaskReason: 'Reason (5–300 characters), written to the access log', confirm: 'Show original',
      cancel: 'Cancel', original: 'Original', unmaskForbidden: 'Refused (403): you do not have the unmask permission.',
      canUnmask: 'You may unmask personal numbers (with a reason; logged).', cannotUnmask: 'You do not have the unmask permission: personal numbers stay masked.',
      ticket: 'Ticket', reason: 'Reason', skill: 'Skill', agentName: 'Agent', waited: 'Waited', firstResponse: 'First response',
      handle: 'Handle time', slaBreaches: 'SLA breaches', resolutionCode: 'Resolution', callback: 'Callback',
      ratingAgent: 'Agent rating', ratingBot: 'Bot rating', comment: 'Comment', caseCard: 'Case card', history: 'History', none: 'none',
      groupBy: 'Group by', run: 'Run', csvQuality: 'Quality report (CSV)', csvMisses: 'Bot misses (CSV)', loading: 'Loading…',
      group_day: 'day', group_week: 'week', group_district: 'district', group_intent: 'intent', group_channel: 'channel', group_agent: 'agent', group_skill: 'skill (team)',
      chartVolume: 'Volume and bot containment', chartWait: 'Queue wait p50 / p90 (s)', chartRatings: 'Agent ratings (1–5 stars)',
      qualityTable: 'Service quality', botMisses: 'What the bot failed on (grouped by similarity)', noMisses: 'The bot missed nothing in this range.',
      noRows: 'No data in this range.', size: '{n} messages',
      col_group: 'Group', col_conversations: 'Conversations', col_containmentRate: 'Containment', col_escalationRate: 'Escalation',
      col_tickets: 'Tickets', col_escalationReasons: 'Escalation reasons', col_waitP50: 'Wait p50', col_waitP90: 'Wait p90',
      col_firstResponseMean: 'First response', col_handleMean: 'Handle time', col_slaBreachRate: 'SLA breach', col_agentRatingMean: 'Agent ★',
      col_agentRatings: 'Agent ratings 1–5', col_botRatingMean: 'Bot ★',
      ds_conversations: 'Conversations', ds_tickets: 'Tickets', ds_containment: 'Containment %', ds_p50: 'p50', ds_p90: 'p90', ds_ratings: 'Ratings',
      send: 'Send', downloadFailed: 'Download failed: {m}',
      tabAccess: 'Access log', accessTarget: 'Target', accessTargetHint: 'A conversation id, or conversation:…, message:…, ticket:…',
      accessApply: 'Filter', accessClear: 'All entries', refresh: 'Refresh',
      accessReadOnly: 'Who read, searched, watched or unmasked customer data, newest first. The log is read-only: nobody can change or delete an entry.',
      accessAt: 'Time', accessWho: 'Who', accessAction: 'Action', accessTargetCol: 'Target',
      accessScopeAll: 'All targets · at most the newest {n} entries', accessScopeTarget: 'Only {target}',
      accessScopeConversation: 'Conversation {id}: reads and live watches of it, and unmasking of its masked messages ({n})',
      accessScopeConversationOnly: 'Conversation {id}: reads and live watches of it',
      accessEmpty: 'No access is recorded yet.', accessEmptyTarget: 'No access to {target} is recorded.',
      accessLoading: 'Loading the access log…', accessFailed: 'Could not load the access log: {m}',
      accessForbidden: 'Only supervisors may read the access log ({m}).',
      accessTruncated: 'Showing the newest {n} entries; filter by target to see older ones.', accessLoadedAt: 'loaded {t}',
      you: 'you', readers: 'Who has read this transcript', filterBy: 'Show only this target',
      'action_transcript.read': 'read the transcript', 'action_transcript.unmask': 'unmasked a message',
      'action_transcript.search': 'searched transcripts', 'action_conversation.watch': 'watched live', 'action_agent.whisper': 'whispered to the agent',
    },
    zh: {
      title: 'PowerDesk · 主管工作台', username: '用户名', password: '密码', logIn: '登录', logOut: '退出',
      langToggle: 'English', tabLive: '实时看板', tabSearch: '会话检索', tabTranscript: '会话记录', tabReports: '服务报表',
      connected: '实时', connecting: '连接中…', disconnected: '已断开',
      withBot: '机器人服务中', waiting: '排队等待人工', withAgent: '人工服务中',
      queueByPriority: '按优先级排队', priority: '优先级', waitingCount: '等待数', longestWait: '最长等待',
      agents: '坐席', agent: '坐席', presence: '状态', load: '负载', noAgents: '暂无坐席登录。',
      online: '在线', away: '离开', offline: '离线',
      slaAlerts: 'SLA 超时告警', noAlerts: '打开看板以来没有 SLA 超时。', updatedAt: '更新于 {t}',
      first_response: '首次响应', resolution: '解决时限', open: '查看',
      liveList: '当前会话', noLive: '暂无排队或人工服务中的会话。', liveStatus_queued: '排队中', liveStatus_offered: '分配中',
      liveStatus_assigned: '人工服务中', sla_ok: '未超时', sla_due_soon: '一分钟内到期', sla_overdue: '已超时', sla_breached: '已记超时',
      alertNoAgent: '有客户在排队，但没有坐席在线。', alertGrowing: '排队增长快于坐席接入。',
      alertOverdue: '{n} 位客户已超过首次响应时限。', liveWait: '等待 / 服务时长', liveSla: 'SLA', liveWhat: '事由', liveWho: '坐席', liveWatch: '监听',
      freeText: '关键词（中文或英文）', freeTextHint: '如：停电、outage、客户或户号', intent: '意图', district: '区域',
      outcome: '结果', rating: '评分', from: '开始日期', to: '结束日期', search: '检索', reset: '重置', any: '全部',
      outcome_bot: '机器人解决', outcome_escalated: '转人工', outcome_abandoned: '放弃排队', outcome_resolved: '人工已解决', customerFilter: '客户姓名或会话编号', account: '户号', accountFilter: '用电户号',
      results: '检索结果', when: '时间', customer: '客户', channel: '渠道', match: '匹配内容', intents: '意图', language: '语言', status: '状态',
      prev: '‹ 较新', next: '较早 ›', page: '第 {p} 页，共 {n} 个匹配的会话', noResults: '没有匹配的会话。',
      searching: '检索中…', searchUnavailable: '服务器暂不支持会话检索（GET /transcripts/search 返回 {s}）。请从下方最近会话中打开。',
      searchFailed: '检索失败：{m}', recent: '最近活跃的会话', noRecent: '暂无会话。',
      noTranscript: '请从检索结果、最近会话或 SLA 告警中打开一个会话。',
      conversation: '会话', started: '开始于', tickets: '工单', noTickets: '未转人工：本会话由机器人处理。',
      liveWatch: '实时监听', watch: '实时监听', unwatch: '停止监听', watching: '监听中：新消息实时显示',
      notWatching: '未监听', watchClosed: '该会话不在进行中。',
      whisperTo: '对坐席耳语（客户不可见）', whisperHint: '给坐席的提示…', whisperSent: '已于 {t} 发送耳语',
      sender_customer: '客户', sender_bot: '机器人', sender_agent: '坐席', sender_system: '系统', internalNote: '内部备注',
      confidence: '置信度', entity_account_number: '户号', entity_phone: '电话', entity_money: '金额', entity_kwh: '电量', entity_date: '日期', entity_district: '区域', entitiesRead: '机器人识别的信息', unmask: '查看原文', unmaskReason: '查看原因（5–300 字），将记入访问日志', confirm: '显示原文',
      cancel: '取消', original: '原文', unmaskForbidden: '已拒绝（403）：您没有查看个人信息原文的权限。',
      canUnmask: '您可查看个人号码原文（需填写原因，并记入日志）。', cannotUnmask: '您没有查看原文的权限：个人号码保持脱敏。',
      ticket: '工单', reason: '原因', skill: '技能组', agentName: '坐席', waited: '排队时长', firstResponse: '首次响应',
      handle: '处理时长', slaBreaches: 'SLA 超时', resolutionCode: '结案方式', callback: '回拨',
      ratingAgent: '坐席评分', ratingBot: '机器人评分', comment: '评价', caseCard: '案件卡', history: '处理记录', none: '无',
      groupBy: '分组', run: '生成', csvQuality: '服务质量报表（CSV）', csvMisses: '机器人未识别（CSV）', loading: '加载中…',
      group_day: '按日', group_week: '按周', group_district: '按区域', group_intent: '按意图', group_channel: '按渠道', group_agent: '按坐席', group_skill: '按技能组',
      chartVolume: '会话量与机器人解决率', chartWait: '排队等待 p50 / p90（秒）', chartRatings: '坐席评分分布（1–5 星）',
      qualityTable: '服务质量', botMisses: '机器人未能处理的问题（按相似度分组）', noMisses: '该时间段内机器人没有未识别的问题。',
      noRows: '该时间段内没有数据。', size: '{n} 条消息',
      col_group: '分组', col_conversations: '会话数', col_containmentRate: '机器人解决率', col_escalationRate: '转人工率',
      col_tickets: '工单数', col_escalationReasons: '转人工原因', col_waitP50: '等待 p50', col_waitP90: '等待 p90',
      col_firstResponseMean: '首次响应', col_handleMean: '处理时长', col_slaBreachRate: 'SLA 超时率', col_agentRatingMean: '坐席 ★',
      col_agentRatings: '坐席评分 1–5', col_botRatingMean: '机器人 ★',
      ds_conversations: '会话数', ds_tickets: '工单数', ds_containment: '解决率 %', ds_p50: 'p50', ds_p90: 'p90', ds_ratings: '评分数',
      send: '发送', downloadFailed: '下载失败：{m}',
      tabAccess: '访问日志', accessTarget: '访问对象', accessTargetHint: '会话编号，或 conversation:…、message:…、ticket:…',
      accessApply: '筛选', accessClear: '全部记录', refresh: '刷新',
      accessReadOnly: '谁在何时查看、检索、监听了客户数据或查看了原文，最新的在前。日志只读：任何人都不能修改或删除记录。',
      accessAt: '时间', accessWho: '操作人', accessAction: '操作', accessTargetCol: '访问对象',
      accessScopeAll: '全部对象 · 最多显示最新 {n} 条', accessScopeTarget: '仅显示 {target}',
      accessScopeConversation: '会话 {id}：对它的查看和实时监听，以及其中脱敏消息（{n} 条）的原文查看',
      accessScopeConversationOnly: '会话 {id}：对它的查看和实时监听',
      accessEmpty: '暂无访问记录。', accessEmptyTarget: '没有对 {target} 的访问记录。',
      accessLoading: '正在加载访问日志…', accessFailed: '无法加载访问日志：{m}',
      accessForbidden: '只有主管可以查看访问日志（{m}）。',
      accessTruncated: '仅显示最新的 {n} 条；按访问对象筛选可查看更早的记录。', accessLoadedAt: '加载于 {t}',
      you: '本人', readers: '谁查看过此会话记录', filterBy: '只看该对象',
      'action_transcript.read': '查看会话记录', 'action_transcript.unmask': '查看原文',
      'action_transcript.search': '检索会话', 'action_conversation.watch': '实时监听', 'action_agent.whisper': '对坐席耳语',
    },
  };
  const INTENTS = [
    'outage.report', 'outage.status', 'outage.planned', 'safety.hazard', 'billing.balance', 'billing.explain',
    'billing.payment', 'billing.arrangement', 'billing.tariff', 'account.start_service', 'account.stop_service',
    'account.transfer', 'account.update_contact', 'meter.reading', 'meter.fault', 'solar.connect',
    'service.complaint', 'agent.request', 'greeting', 'goodbye', 'thanks', 'out_of_scope',
  ];
  const DISTRICTS = [
    ['QH-DH', '东湖区', 'Donghu'], ['QH-XS', '西山区', 'Xishan'], ['QH-NG', '南港区', 'Nangang'], ['QH-BC', '北城区', 'Beicheng'],
    ['QH-GX', '高新区', 'Gaoxin'], ['QH-LJ', '临江新区', 'Linjiang'], ['QH-LT', '柳塘镇', 'Liutang'], ['QH-SQ', '石桥镇', 'Shiqiao'],
  ];
  const GROUPS = ['day', 'week', 'district', 'intent', 'channel', 'agent', 'skill'];
  const COLUMNS = [
    'group', 'conversations', 'containmentRate', 'escalationRate', 'tickets', 'escalationReasons', 'waitP50', 'waitP90',
    'firstResponseMean', 'handleMean', 'slaBreachRate', 'agentRatingMean', 'agentRatings', 'botRatingMean',
  ];
  const PAGE_SIZE = 20;
  const ACCESS_LIMIT = 100;
  const SESSION_KEY = 'powerdesk.supervisor';

  let lang = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const t = (key, vars) => {
    let s = (LABELS[lang][key] ?? LABELS.en[key] ?? key);
    for (const [k, v] of Object.entries(vars || {})) s = s.replace(`{${k}}`, String(v));
    return s;
  };

  // ---------------------------------------------------------------- state
  let session = null; // { token, staff }
  let socket = null;
  let board = null; // the last monitor snapshot, and when it arrived here
  let boardReceivedAt = 0;
  let alerts = [];
  let unseenAlerts = 0;
  let tab = 'live';
  let search = { page: 1, params: null };
  let current = null; // { conversation, messages, tickets }
  let watching = null; // conversationId being watched
  let lastReport = null; // { rows, groupBy, misses }
  let access = null; // the last access-log answer: { target, conversationId, messageCount, entries, error, at }
  let accessRequest = 0; // only the newest request may render
  const charts = {};

  // ---------------------------------------------------------------- small helpers
  const $ = (id) => document.getElementById(id);
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k === 'testid') node.dataset.testid = v;
      // Through the CSSOM: the CSP refuses style attributes set as markup.
      else if (k === 'style') node.style.cssText = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) node.append(c);
    return node;
  }
  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB') : '');
  const dateTime = (iso) => (iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '');
  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    const s = Math.max(0, Math.round(seconds));
    const m = Math.floor(s / 60);
    return m > 0 ? `${m}:${String(s % 60).padStart(2, '0')}` : `${s}s`;
  }
  const pct = (r) => (r === null || r === undefined ? '–' : `${Math.round(r * 1000) / 10}%`);
  const num = (n, digits = 2) => (n === null || n === undefined ? '–' : String(Math.round(n * 10 ** digits) / 10 ** digits));
  const stars = (n) => (n ? '★'.repeat(n) + '☆'.repeat(5 - n) : '');
  const today = () => new Date().toISOString().slice(0, 10);
  const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
  let toastTimer;
  function toast(text) {
    $('toast').textContent = text;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => ($('toast').textContent = ''), 4000);
  }

  /** GET with the session's token; always resolves to { ok, status, body }. */
  async function api(path) {
    let response;
    try {
      response = await fetch(path, { headers: { authorization: `Bearer ${session.token}` } });
    } catch (error) {
      return { ok: false, status: 0, body: { error: { code: 'NETWORK', message: String(error) } } };
    }
    const body = await response.json().catch(() => null);
    if (response.status === 401) expire();
    return { ok: response.ok, status: response.status, body };
  }
  const errorText = (res) => `${res.status} · ${(res.body && res.body.error && res.body.error.message) || 'error'}`;

  // ---------------------------------------------------------------- labels
  function applyLabels() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
    for (const node of document.querySelectorAll('.lang-toggle')) node.textContent = t('langToggle');
    fillFilterOptions();
    const group = $('r-group');
    const chosen = group.value || 'day';
    group.replaceChildren(...GROUPS.map((g) => el('option', { value: g, text: t(`group_${g}`) })));
    group.value = chosen;
    setConnection(socket && socket.connected ? 'up' : socket ? 'down' : 'connecting');
    if (session) {
      renderBoard();
      renderAlerts();
      if (current) renderTranscript();
      if (lastReport) renderReport();
      if (access) renderAccess();
    }
  }

  function fillFilterOptions() {
    const keep = (id, options) => {
      const select = $(id);
      const value = select.value;
      select.replaceChildren(el('option', { value: '', text: t('any') }), ...options);
      select.value = options.some((o) => o.value === value) ? value : '';
    };
    const agents = (board && board.agents) || [];
    keep('f-agent', agents.map((a) => el('option', { value: a.id, text: a.displayName })));
    keep('f-intent', INTENTS.map((i) => el('option', { value: i, text: i })));
    keep('f-district', DISTRICTS.map(([code, zh, en]) => el('option', { value: code, text: lang === 'zh' ? zh : en })));
    keep('f-outcome', ['bot', 'escalated', 'abandoned', 'resolved'].map((o) => el('option', { value: o, text: t(`outcome_${o}`) })));
    keep('f-rating', [5, 4, 3, 2, 1].map((r) => el('option', { value: String(r), text: stars(r) })));
  }

  // ---------------------------------------------------------------- login and session
  async function login(event) {
    event.preventDefault();
    $('login-error').textContent = '';
    const response = await fetch('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: $('username').value.trim(), password: $('password').value }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('login-error').textContent = (body.error && body.error.message) || `HTTP ${response.status}`;
      return;
    }
    if (body.staff.role !== 'supervisor') {
      $('login-error').textContent = `${body.staff.displayName}: not a supervisor`;
      return;
    }
    session = { token: body.token, staff: body.staff };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    start();
  }

  function start() {
    $('login').classList.add('hidden');
    $('session-ended').classList.add('hidden');
    $('desk').classList.remove('hidden');
    $('me').textContent = session.staff.displayName;
    connectSocket();
    $('r-from').value = $('r-from').value || daysAgo(6);
    $('r-to').value = $('r-to').value || today();
    routeFromHash();
  }

  function logout() {
    sessionStorage.removeItem(SESSION_KEY);
    if (socket) socket.disconnect();
    location.hash = '';
    location.reload();
  }

  function expire() {
    if (!session) return;
    sessionStorage.removeItem(SESSION_KEY);
    session = null;
    if (socket) socket.disconnect();
    $('desk').classList.add('hidden');
    $('login').classList.remove('hidden');
    // Both languages at once (the notice in supervisor.html): whoever sits there can read it.
    $('session-ended').classList.remove('hidden');
    $('password').value = '';
    $('username').focus();
  }

  // ---------------------------------------------------------------- tabs and routing
  function showTab(name) {
    tab = name;
    for (const button of document.querySelectorAll('nav.tabs [data-tab]')) {
      button.setAttribute('aria-selected', String(button.dataset.tab === name));
      // On a phone the tabs scroll sideways: keep the chosen one in sight.
      if (button.dataset.tab === name) button.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    for (const view of document.querySelectorAll('section.view')) view.classList.toggle('hidden', view.id !== `view-${name}`);
    if (name === 'live') {
      unseenAlerts = 0;
      renderAlertBadge();
    }
    if (name === 'search') loadRecent();
    if (name === 'reports' && !lastReport) runReport();
    if (name === 'access') loadAccessLog();
  }

  function routeFromHash() {
    const hash = location.hash.slice(1);
    const [name, id] = hash.split('=');
    if (name === 'transcript' && id) openTranscript(id);
    else if (name === 'access') {
      $('a-target').value = id ? decodeURIComponent(id) : '';
      showTab('access');
    } else showTab(['live', 'search', 'reports'].includes(name) ? name : 'live');
  }

  // ---------------------------------------------------------------- live board
  function setConnection(state) {
    const node = $('connection');
    node.className = `muted conn-${state}`;
    $('connection-label').textContent = t(state === 'up' ? 'connected' : state === 'down' ? 'disconnected' : 'connecting');
  }

  function connectSocket() {
    setConnection('connecting');
    socket = io('/supervisor', { auth: { token: session.token }, transports: ['websocket'] });
    socket.on('connect', () => {
      setConnection('up');
      socket.emit('monitor:snapshot', {}, (ack) => ack && ack.ok && setBoard(ack));
      if (watching) socket.emit('conversation:watch', { conversationId: watching }, () => undefined);
    });
    socket.on('disconnect', (reason) => {
      // The server closes a staff socket only when its session ended (logout elsewhere,
      // revoke, expiry): socket.io does not reconnect then, and a new handshake would be refused.
      if (reason === 'io server disconnect') expire();
      else setConnection('down');
    });
    socket.on('error:occurred', (body) => {
      if (body && body.event === 'session') expire();
    });
    socket.on('connect_error', (error) => {
      setConnection('down');
      if (error && error.data && error.data.code === 'UNAUTHENTICATED') expire();
    });
    socket.on('monitor:updated', setBoard);
    socket.on('agent:presence', ({ agentId, presence }) => {
      const agent = board && board.agents.find((a) => a.id === agentId);
      if (agent) {
        agent.presence = presence;
        renderBoard();
      }
    });
    socket.on('ticket:sla_breached', (alert) => {
      alerts.unshift({ ...alert, receivedAt: new Date().toISOString() });
      alerts = alerts.slice(0, 50);
      if (tab !== 'live') unseenAlerts += 1;
      renderAlerts();
      renderAlertBadge();
    });
    socket.on('message:created', onLiveMessage);
  }

  function setBoard(snapshot) {
    const hadAgents = board ? board.agents.map((a) => a.id).join() : '';
    board = snapshot;
    boardReceivedAt = Date.now();
    renderBoard();
    if (hadAgents !== board.agents.map((a) => a.id).join()) fillFilterOptions();
  }

  function renderBoard() {
    if (!board) return;
    for (const key of ['withBot', 'waiting', 'withAgent'])
      document.querySelector(`[data-testid="count-${key}"]`).textContent = String(board.conversations[key]);
    renderQueue();
    const agents = [...board.agents].sort((a, b) => a.displayName.localeCompare(b.displayName));
    $('agent-rows').replaceChildren(
      ...agents.map((a) => {
        const share = a.capacity ? Math.min(1, a.load / a.capacity) : 0;
        return el('tr', { testid: 'agent-row', 'data-agent-id': a.id },
          el('td', { text: a.displayName }),
          el('td', { class: `presence-${a.presence}`, testid: 'agent-presence', 'data-presence': a.presence }, el('span', { class: 'presence-dot' }), t(a.presence)),
          el('td', { testid: 'agent-load' },
            el('span', { class: `load${a.load >= a.capacity ? ' full' : ''}` }, el('span', { style: `width:${share * 100}%` })),
            `${a.load}/${a.capacity}`));
      }),
    );
    $('agents-empty').classList.toggle('hidden', agents.length > 0);
    $('board-at').textContent = t('updatedAt', { t: time(board.at) });
    renderLive();
  }

  /** The open chats and the alerts, from the server's state (not from what this page saw). */
  function renderLive() {
    const live = board.live || [];
    const drift = (Date.now() - boardReceivedAt) / 1000;
    $('live-rows').replaceChildren(
      ...live.map((i) =>
        el('tr', { testid: 'live-row', 'data-ticket-id': i.ticketId, 'data-sla': i.sla },
          el('td', {}, el('span', { class: `tag p${i.priority}`, text: `P${i.priority}` })),
          el('td', { text: t(`liveStatus_${i.status}`) }),
          el('td', { class: 'num', text: duration(i.waitingSeconds + drift) }),
          el('td', { class: i.sla === 'ok' ? '' : 'warn-long', testid: 'live-sla', text: t(`sla_${i.sla}`) }),
          el('td', { text: i.agentName || '–' }),
          el('td', { class: 'muted', text: `${i.intent || i.reason} · ${i.channel}` }),
          el('td', {},
            el('button', { type: 'button', testid: 'live-open', text: t('open'), onclick: () => openTranscript(i.conversationId) })))),
    );
    $('live-empty').classList.toggle('hidden', live.length > 0);
    const a = board.alerts || {};
    const lines = [
      a.noAgentOnline && t('alertNoAgent'),
      a.queueGrowing && t('alertGrowing'),
      a.overdue > 0 && t('alertOverdue', { n: String(a.overdue) }),
    ].filter(Boolean);
    $('board-alerts').replaceChildren(...lines.map((line) => el('div', { testid: 'board-alert', text: line })));
    $('board-alerts').classList.toggle('hidden', lines.length === 0);
  }

  /** The longest waits keep growing between pushes: count them up locally every second. */
  function renderQueue() {
    if (!board) return;
    const drift = (Date.now() - boardReceivedAt) / 1000;
    $('queue-rows').replaceChildren(
      ...board.queue.map((q) => {
        const wait = q.waiting > 0 ? q.longestWaitSeconds + drift : null;
        return el('tr', { testid: 'queue-row', 'data-priority': String(q.priority) },
          el('td', {}, el('span', { class: `tag p${q.priority}`, text: `P${q.priority}` })),
          el('td', { class: 'num', testid: 'queue-waiting', text: String(q.waiting) }),
          el('td', { class: `num${wait !== null && wait > 120 ? ' warn-long' : ''}`, testid: 'queue-longest', text: wait === null ? '–' : duration(wait) }));
      }),
    );
  }

  function renderAlerts() {
    $('alerts-empty').classList.toggle('hidden', alerts.length > 0);
    $('alerts').replaceChildren(
      ...alerts.map(({ ticket, kind, receivedAt }) =>
        el('li', { testid: 'sla-alert', 'data-ticket-id': ticket.id },
          el('span', { class: `tag p${ticket.priority}`, text: `P${ticket.priority}` }),
          el('strong', { text: t(kind) }),
          el('span', { text: `${ticket.reason} · ${ticket.skill}${ticket.agentName ? ` · ${ticket.agentName}` : ''}` }),
          el('span', { class: 'muted when', text: time(receivedAt) }),
          el('button', { type: 'button', text: t('open'), onclick: () => openTranscript(ticket.conversationId) }))),
    );
  }

  function renderAlertBadge() {
    $('alert-badge').textContent = String(unseenAlerts);
    $('alert-badge').classList.toggle('hidden', unseenAlerts === 0);
  }

  // ---------------------------------------------------------------- search
  function searchParams(page) {
    const params = new URLSearchParams();
    const add = (name, id) => {
      const value = $(id).value.trim();
      if (value) params.set(name, value);
    };
    add('q', 'f-q');
    add('customer', 'f-customer');
    add('account', 'f-account');
    add('channel', 'f-channel');
    add('agentId', 'f-agent');
    add('intent', 'f-intent');
    add('district', 'f-district');
    add('outcome', 'f-outcome');
    add('rating', 'f-rating');
    add('from', 'f-from');
    add('to', 'f-to');
    params.set('page', String(page));
    params.set('limit', String(PAGE_SIZE));
    return params;
  }

  async function runSearch(page) {
    search.page = page;
    const params = searchParams(page);
    const status = $('search-status');
    status.className = 'muted';
    status.textContent = t('searching');
    const res = await api(`/transcripts/search?${params}`);
    // Until the search endpoint exists the path falls through to GET /transcripts/:id,
    // which refuses "search" as an id (400) or does not find it (404).
    const missing = res.status === 404 ||
      (res.status === 400 && /conversationId/.test((res.body && res.body.error && res.body.error.message) || ''));
    if (!res.ok) {
      status.className = 'notice error';
      status.dataset.state = missing ? 'unavailable' : 'error';
      status.textContent = missing ? t('searchUnavailable', { s: res.status }) : t('searchFailed', { m: errorText(res) });
      $('result-rows').replaceChildren();
      $('results').classList.add('hidden');
      $('pager').classList.add('hidden');
      return;
    }
    const { results, hasMore, total } = res.body;
    status.className = 'muted';
    status.dataset.state = 'ok';
    status.textContent = results.length === 0 ? t('noResults') : '';
    const q = params.get('q') || '';
    $('result-rows').replaceChildren(...results.map((hit) => resultRow(hit, q)));
    $('results').classList.toggle('hidden', results.length === 0);
    $('pager').classList.toggle('hidden', results.length === 0 && page === 1);
    $('page-label').textContent = t('page', { p: page, n: total });
    $('page-prev').disabled = page <= 1;
    $('page-next').disabled = !hasMore;
  }

  /** One hit: the conversation's own fields and, with words, the first line that has one. */
  function resultRow(hit, q) {
    const snippet = hit.snippet;
    return el('tr', { testid: 'search-result', 'data-conversation-id': hit.id, class: 'clickable', onclick: () => openTranscript(hit.id) },
      el('td', { text: dateTime(hit.createdAt) }),
      el('td', { text: hit.customerName || '–' }),
      el('td', { text: hit.language }),
      el('td', { text: hit.channel }),
      el('td', {}, el('span', { class: 'tag', text: hit.status })),
      el('td', { testid: 'search-intents', text: (hit.intents || []).join(', ') || '–' }),
      el('td', { testid: 'search-outcome' },
        el('span', { class: 'tag', text: t(`outcome_${hit.outcome}`) }),
        hit.rating ? el('span', { class: 'muted', text: ` ★${hit.rating}` }) : ''),
      el('td', { class: 'snippet', testid: 'search-snippet' },
        snippet ? [el('span', { class: 'muted', text: `${t(`sender_${snippet.sender}`)} #${snippet.seq}: ` }), highlight(snippet.text, q)] : ''),
      el('td', {}, el('button', { type: 'button', testid: 'open-transcript', text: t('open') })));
  }

  function highlight(text, q) {
    if (!q || !text) return text || '';
    const lower = text.toLowerCase();
    const needle = q.toLowerCase();
    const parts = [];
    let from = 0;
    for (let at = lower.indexOf(needle); at >= 0 && needle; at = lower.indexOf(needle, from)) {
      parts.push(text.slice(from, at), el('mark', { text: text.slice(at, at + needle.length) }));
      from = at + needle.length;
    }
    parts.push(text.slice(from));
    return el('span', {}, ...parts);
  }

  async function loadRecent() {
    const res = await api('/transcripts?limit=20');
    if (!res.ok) {
      $('recent-rows').replaceChildren(el('tr', {}, el('td', { colspan: '6', class: 'error', text: errorText(res) })));
      return;
    }
    const conversations = res.body.conversations;
    $('recent-rows').replaceChildren(
      ...(conversations.length === 0
        ? [el('tr', {}, el('td', { colspan: '6', class: 'empty', text: t('noRecent') }))]
        : conversations.map((c) =>
            el('tr', { testid: 'recent-conversation', 'data-conversation-id': c.id },
              el('td', { text: dateTime(c.createdAt) }),
              el('td', { text: c.customerName || '–' }),
              el('td', { text: c.language }),
              el('td', { text: c.channel }),
              el('td', {}, el('span', { class: 'tag', text: c.status })),
              el('td', {}, el('button', { type: 'button', testid: 'open-transcript', text: t('open'), onclick: () => openTranscript(c.id) }))))),
    );
  }

  // ---------------------------------------------------------------- transcript
  async function openTranscript(id) {
    showTab('transcript');
    history.replaceState(null, '', `#transcript=${id}`);
    if (watching && watching !== id) stopWatching();
    const res = await api(`/transcripts/${encodeURIComponent(id)}`);
    if (!res.ok) {
      current = null;
      $('transcript').classList.add('hidden');
      $('transcript-empty').classList.remove('hidden');
      $('transcript-empty').textContent = errorText(res);
      return;
    }
    current = res.body;
    renderTranscript();
  }

  function renderTranscript() {
    const { conversation, messages, tickets } = current;
    $('transcript-empty').classList.add('hidden');
    $('transcript').classList.remove('hidden');
    $('transcript').dataset.conversationId = conversation.id;
    const canUnmask = session.staff.permissions.includes('unmask');
    $('conv-head').replaceChildren(
      el('h3', { text: `${t('conversation')} ${conversation.customerName || ''}` }),
      el('span', { class: 'tag', testid: 'conversation-status', text: conversation.status }),
      el('span', { class: 'tag', text: conversation.language }),
      el('span', { class: 'tag', text: conversation.channel }),
      el('span', { class: 'muted', text: `${t('started')} ${dateTime(conversation.createdAt)} · ${conversation.id}` }),
      el('button', { type: 'button', class: 'link readers', testid: 'transcript-readers', text: t('readers'), onclick: () => showReaders(conversation.id) }),
      el('div', { class: 'muted', style: 'flex-basis:100%', testid: 'unmask-permission', text: canUnmask ? t('canUnmask') : t('cannotUnmask') }),
    );
    $('messages').replaceChildren(...messages.map((m) => messageNode(m, false)));
    renderTickets(tickets);
    renderWatch();
  }

  function messageNode(m, live) {
    const kind = m.internal ? 'note' : m.sender;
    const who = el('div', { class: 'who' },
      el('strong', { text: t(`sender_${m.sender}`) }),
      el('span', { testid: 'msg-time', text: time(m.createdAt) }),
      el('span', { class: 'muted', text: `#${m.seq}` }),
      m.internal && el('span', { class: 'tag internal', testid: 'msg-internal', text: t('internalNote') }),
      m.intent && el('span', { class: `tag intent${m.confidence !== undefined && m.confidence < 0.5 ? ' low' : ''}`, testid: 'msg-intent',
        text: `${m.intent}${m.confidence !== undefined ? ` · ${t('confidence')} ${m.confidence.toFixed(2)}` : ''}` }));
    const node = el('div', { class: `msg ${kind}${live ? ' live' : ''}`, testid: `msg-${kind}`, 'data-message-id': m.id },
      who, el('div', { class: 'text', testid: 'msg-text', text: m.text }));
    if (m.entities && m.entities.length > 0) node.append(entitiesNode(m.entities));
    if (m.card) node.append(cardNode(m.card));
    // Personal numbers are stored masked (e.g. 138****5678): only such messages have an original.
    if (/\*{3,}/.test(m.text)) node.append(unmaskControl(m));
    return node;
  }

  /** What the bot read in the customer's message; account and phone values arrive masked. */
  function entitiesNode(entities) {
    return el('div', { class: 'entities', testid: 'msg-entities', title: t('entitiesRead') },
      ...entities.map((e) => el('span', { class: 'tag entity', testid: 'msg-entity',
        text: `${t(`entity_${e.type}`)}: ${e.value}${e.unit ? ` ${e.unit}` : ''}` })));
  }

  function cardNode(card) {
    const fields = Object.entries(card.data || {}).filter(([, v]) => v !== null && typeof v !== 'object').slice(0, 6);
    return el('div', { class: 'card-box', testid: 'msg-card' },
      el('strong', { text: card.type }), ' ',
      fields.map(([k, v]) => el('span', { class: 'muted', text: `${k}: ${v}  ` })));
  }

  function unmaskControl(m) {
    const box = el('div', { testid: 'unmask' });
    const button = el('button', { type: 'button', class: 'link', testid: 'unmask-open', text: t('unmask') });
    const reason = el('input', { testid: 'unmask-reason', placeholder: t('unmaskReason'), maxlength: '300' });
    const form = el('form', { class: 'unmask-form hidden' }, reason,
      el('button', { class: 'primary', testid: 'unmask-submit', text: t('confirm') }),
      el('button', { type: 'button', text: t('cancel'), onclick: () => form.classList.add('hidden') }));
    const result = el('div', { class: 'hidden' });
    button.addEventListener('click', () => {
      form.classList.remove('hidden');
      reason.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const res = await api(`/transcripts/${m.conversationId}/messages/${m.id}/original?reason=${encodeURIComponent(reason.value.trim())}`);
      result.classList.remove('hidden');
      if (res.ok) {
        result.className = 'unmask-result';
        result.dataset.testid = 'unmask-result';
        result.replaceChildren(el('strong', { text: `${t('original')}: ` }), res.body.text);
        form.classList.add('hidden');
        button.classList.add('hidden');
      } else {
        result.className = 'unmask-result error';
        result.dataset.testid = 'unmask-error';
        result.textContent = res.status === 403 ? `${t('unmaskForbidden')} (${errorText(res)})` : errorText(res);
      }
    });
    box.append(button, form, result);
    return box;
  }

  function renderTickets(tickets) {
    if (tickets.length === 0) {
      $('tickets').replaceChildren(el('div', { class: 'empty', text: t('noTickets') }));
      return;
    }
    $('tickets').replaceChildren(...tickets.map((tk) => {
      const facts = [
        [t('status'), tk.status], [t('priority'), `P${tk.priority}`], [t('reason'), tk.reason], [t('skill'), tk.skill],
        [t('agentName'), tk.agentName], [t('waited'), tk.waitedSeconds !== undefined ? duration(tk.waitedSeconds) : undefined],
        [t('firstResponse'), tk.firstResponseSeconds !== undefined ? duration(tk.firstResponseSeconds) : undefined],
        [t('handle'), tk.handleSeconds !== undefined ? duration(tk.handleSeconds) : undefined],
        [t('slaBreaches'), tk.slaBreaches.length ? tk.slaBreaches.map((k) => t(k)).join(', ') : t('none')],
        [t('resolutionCode'), tk.resolution], [t('callback'), tk.callback && tk.callback.phone],
      ].filter(([, v]) => v !== undefined && v !== null);
      const rating = tk.rating || {};
      return el('div', { class: 'ticket', testid: 'ticket', 'data-ticket-id': tk.id },
        el('strong', { text: `${t('ticket')} ${tk.id.slice(-6)}` }),
        el('dl', {}, facts.map(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })])),
        (rating.agent || rating.bot) && el('div', { testid: 'ticket-rating' },
          el('h4', { text: t('rating') }),
          el('dl', {},
            rating.agent && [el('dt', { text: t('ratingAgent') }), el('dd', { class: 'stars', text: `${stars(rating.agent)} ${rating.agent}/5` })],
            rating.bot && [el('dt', { text: t('ratingBot') }), el('dd', { class: 'stars', text: `${stars(rating.bot)} ${rating.bot}/5` })],
            rating.comment && [el('dt', { text: t('comment') }), el('dd', { text: rating.comment })])),
        tk.caseCard && el('div', { testid: 'case-card' },
          el('h4', { text: t('caseCard') }),
          el('dl', {}, Object.entries(tk.caseCard).map(([k, v]) => [el('dt', { text: k }), el('dd', { text: formatValue(v) })]))),
        el('h4', { text: t('history') }),
        el('ol', { class: 'history', testid: 'ticket-history' },
          tk.history.map((h) => el('li', { text: `${time(h.at)} ${h.status} · ${staffName(h.by, tk)}${h.note ? ` — ${h.note}` : ''}` }))));
    }));
  }

  /** History entries name agents by id: show the name when the ticket or the board knows it. */
  function staffName(id, ticket) {
    if (id === ticket.agentId && ticket.agentName) return ticket.agentName;
    const agent = board && board.agents.find((a) => a.id === id);
    return agent ? agent.displayName : id;
  }

  function formatValue(v) {
    if (v === null || v === undefined) return '–';
    if (Array.isArray(v)) return v.length ? v.map(formatValue).join(' → ') : '–';
    if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${formatValue(x)}`).join(', ');
    return String(v);
  }

  /** The open ticket an agent is handling, if any: whispers go to that agent. */
  const assignedTicket = () => current && current.tickets.find((tk) => tk.status === 'assigned');

  function renderWatch() {
    const on = Boolean(current && watching === current.conversation.id);
    const live = current && current.conversation.status !== 'closed';
    const button = $('watch-toggle');
    button.textContent = on ? t('unwatch') : t('watch');
    button.setAttribute('aria-pressed', String(on));
    button.classList.toggle('primary', !on);
    button.disabled = !live && !on;
    $('watch-state').textContent = on ? t('watching') : live ? t('notWatching') : t('watchClosed');
    $('whisper-box').classList.toggle('hidden', !assignedTicket());
  }

  function toggleWatch() {
    if (!current) return;
    if (watching === current.conversation.id) {
      stopWatching();
      renderWatch();
      return;
    }
    const id = current.conversation.id;
    socket.emit('conversation:watch', { conversationId: id }, (ack) => {
      if (ack && ack.ok) watching = id;
      else toast((ack && ack.error && ack.error.message) || 'watch failed');
      renderWatch();
    });
  }

  function stopWatching() {
    if (socket && watching) socket.emit('conversation:unwatch', { conversationId: watching }, () => undefined);
    watching = null;
  }

  function onLiveMessage(m) {
    if (!current || m.conversationId !== current.conversation.id || watching !== m.conversationId) return;
    if (current.messages.some((x) => x.id === m.id)) return;
    current.messages.push(m);
    const box = $('messages');
    box.append(messageNode(m, true));
    box.scrollTop = box.scrollHeight;
  }

  function whisper(event) {
    event.preventDefault();
    const ticket = assignedTicket();
    const text = $('whisper-text').value.trim();
    if (!ticket || !text) return;
    socket.emit('agent:whisper', { ticketId: ticket.id, text }, (ack) => {
      if (ack && ack.ok) {
        $('whisper-text').value = '';
        $('whisper-status').textContent = t('whisperSent', { t: time(new Date().toISOString()) });
      } else {
        $('whisper-status').textContent = (ack && ack.error && `${ack.error.code} · ${ack.error.message}`) || 'failed';
      }
    });
  }

  // ---------------------------------------------------------------- access log (read-only)
  /** A bare conversation id stands for its transcript's target, as the server records reads. */
  function accessTarget(value) {
    const v = value.trim();
    return /^[0-9a-f]{24}$/i.test(v) ? `conversation:${v.toLowerCase()}` : v;
  }

  /** From the transcript: who read or watched this conversation, and who unmasked its messages. */
  function showReaders(conversationId) {
    $('a-target').value = `conversation:${conversationId}`;
    history.replaceState(null, '', `#access=${encodeURIComponent($('a-target').value)}`);
    showTab('access');
  }

  /**
   * GET /audit/access-log, newest first. Reads and watches are logged against
   * `conversation:<id>`, unmasking against `message:<id>`: for the transcript on screen the
   * masked messages' targets are asked too and the answers merged, newest first.
   */
  async function loadAccessLog() {
    const request = ++accessRequest;
    const target = accessTarget($('a-target').value);
    $('a-target').value = target;
    history.replaceState(null, '', target ? `#access=${encodeURIComponent(target)}` : '#access');
    const conversationId = (/^conversation:(.+)$/.exec(target) || [])[1];
    const shown = current && conversationId === current.conversation.id ? current : null;
    const messageTargets = shown ? shown.messages.filter((m) => /\*{3,}/.test(m.text)).map((m) => `message:${m.id}`) : [];
    const status = $('access-status');
    status.className = 'muted';
    status.dataset.state = 'loading';
    status.textContent = t('accessLoading');
    $('access-refresh').disabled = true;
    const answers = await Promise.all([target, ...messageTargets].map((tg) => {
      const params = new URLSearchParams({ limit: String(ACCESS_LIMIT) });
      if (tg) params.set('target', tg);
      return api(`/audit/access-log?${params}`);
    }));
    if (request !== accessRequest) return;
    $('access-refresh').disabled = false;
    const failed = answers.find((res) => !res.ok);
    const entries = failed ? [] : answers
      .flatMap((res) => res.body.entries)
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
      .slice(0, ACCESS_LIMIT);
    access = {
      target,
      conversationId: conversationId || null,
      messageCount: shown ? messageTargets.length : null,
      entries,
      error: failed || null,
      at: new Date().toISOString(),
    };
    renderAccess();
  }

  function renderAccess() {
    const { target, conversationId, messageCount, entries, error } = access;
    $('access-scope').textContent = !target
      ? t('accessScopeAll', { n: ACCESS_LIMIT })
      : conversationId
        ? messageCount !== null
          ? t('accessScopeConversation', { id: conversationId, n: messageCount })
          : t('accessScopeConversationOnly', { id: conversationId })
        : t('accessScopeTarget', { target });
    $('access-at').textContent = t('accessLoadedAt', { t: time(access.at) });
    const status = $('access-status');
    if (error) {
      status.className = 'notice error';
      status.dataset.state = 'error';
      status.textContent = error.status === 403 ? t('accessForbidden', { m: errorText(error) }) : t('accessFailed', { m: errorText(error) });
    } else if (entries.length === 0) {
      status.className = 'empty';
      status.dataset.state = 'empty';
      status.textContent = target ? t('accessEmptyTarget', { target }) : t('accessEmpty');
    } else {
      status.className = 'muted';
      status.dataset.state = 'ok';
      status.textContent = entries.length >= ACCESS_LIMIT ? t('accessTruncated', { n: ACCESS_LIMIT }) : '';
    }
    $('access-table').classList.toggle('hidden', entries.length === 0);
    $('access-rows').replaceChildren(...entries.map(accessRow));
  }

  function accessRow(e) {
    const mine = session && e.staffId === session.staff.id;
    return el('tr', { testid: 'access-row', 'data-action': e.action, 'data-target': e.target, 'data-staff-id': e.staffId },
      el('td', { 'data-label': t('accessAt'), testid: 'access-at-cell' },
        el('time', { datetime: e.at, text: new Date(e.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' }) })),
      el('td', { 'data-label': t('accessWho'), testid: 'access-who', title: e.staffId },
        e.username, mine && ' ', mine && el('span', { class: 'tag', text: t('you') })),
      el('td', { 'data-label': t('accessAction'), testid: 'access-action' },
        (LABELS[lang][`action_${e.action}`] || e.action), ' ', el('code', { class: 'muted', text: e.action })),
      el('td', { 'data-label': t('accessTargetCol'), testid: 'access-target-cell', class: 'target' },
        e.target === access.target
          ? el('code', { text: e.target })
          : el('button', { type: 'button', class: 'link', title: t('filterBy'), text: e.target, onclick: () => {
              $('a-target').value = e.target;
              loadAccessLog();
            } })),
      el('td', { 'data-label': t('reason'), testid: 'access-reason', text: e.reason || '–' }));
  }

  // ---------------------------------------------------------------- reports
  const reportQuery = () => `from=${$('r-from').value}&to=${$('r-to').value}`;

  let reportSeq = 0;
  async function runReport(event) {
    if (event) event.preventDefault();
    // Reports can overlap (the tab's first load, then a grouping chosen at once): only the
    // newest may be drawn, or a slow earlier answer would replace the one asked for.
    const seq = ++reportSeq;
    const groupBy = $('r-group').value || 'day';
    $('report-status').textContent = t('loading');
    $('csv-quality').href = `/reports/quality?${reportQuery()}&groupBy=${groupBy}&format=csv`;
    $('csv-misses').href = `/reports/bot-misses?${reportQuery()}&format=csv`;
    const [quality, misses] = await Promise.all([
      api(`/reports/quality?${reportQuery()}&groupBy=${groupBy}`),
      api(`/reports/bot-misses?${reportQuery()}`),
    ]);
    if (seq !== reportSeq) return;
    if (!quality.ok || !misses.ok) {
      $('report-status').textContent = errorText(quality.ok ? misses : quality);
      $('report-status').className = 'error';
      return;
    }
    $('report-status').className = 'muted';
    $('report-status').textContent = '';
    lastReport = { rows: quality.body.rows, groupBy, misses: misses.body.groups };
    renderReport();
  }

  function renderReport() {
    const { rows, misses } = lastReport;
    $('report-head').replaceChildren(...COLUMNS.map((c) => el('th', { class: c === 'group' ? '' : 'num', text: t(`col_${c}`) })));
    $('report-rows').replaceChildren(
      ...(rows.length === 0
        ? [el('tr', {}, el('td', { colspan: String(COLUMNS.length), class: 'empty', text: t('noRows') }))]
        : rows.map((r) => el('tr', { testid: 'report-row' }, COLUMNS.map((c) => el('td', { class: c === 'group' ? '' : 'num', text: cell(c, r[c]) }))))),
    );
    $('misses').replaceChildren(
      ...(misses.length === 0
        ? [el('div', { class: 'empty', text: t('noMisses') })]
        : misses.map((g) => el('div', { class: 'miss', testid: 'bot-miss-group' },
            el('strong', { text: t('size', { n: g.size }) }), ' ', el('span', { class: 'tag', text: g.language }),
            el('ul', {}, g.examples.map((x) => el('li', { text: x })))))),
    );
    drawCharts(rows);
  }

  function cell(column, value) {
    if (value === null || value === undefined) return '–';
    if (/Rate$/.test(column)) return pct(value);
    if (/^wait|Mean$/.test(column) && !/Rating/.test(column)) return duration(value);
    if (/RatingMean$/.test(column)) return num(value);
    if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}:${v}`).join(' ') || '–';
    return String(value);
  }

  function drawCharts(rows) {
    if (typeof Chart === 'undefined') return;
    Chart.defaults.animation = false;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    const labels = rows.map((r) => r.group);
    const hasConversations = rows.some((r) => r.conversations !== null);
    draw('volume', {
      type: 'bar',
      data: {
        labels,
        datasets: [
          hasConversations && { label: t('ds_conversations'), data: rows.map((r) => r.conversations), backgroundColor: '#0b5394', yAxisID: 'y' },
          { label: t('ds_tickets'), data: rows.map((r) => r.tickets), backgroundColor: '#ef6c00', yAxisID: 'y' },
          hasConversations && { type: 'line', label: t('ds_containment'), data: rows.map((r) => (r.containmentRate === null ? null : r.containmentRate * 100)),
            borderColor: '#2e7d32', backgroundColor: '#2e7d32', yAxisID: 'y1' },
        ].filter(Boolean),
      },
      options: {
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 } },
          y1: { display: hasConversations, position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, ticks: { callback: (v) => `${v}%` } },
        },
      },
    });
    draw('wait', {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: t('ds_p50'), data: rows.map((r) => r.waitP50), backgroundColor: '#64b5f6' },
          { label: t('ds_p90'), data: rows.map((r) => r.waitP90), backgroundColor: '#0b5394' },
        ],
      },
      options: { scales: { y: { beginAtZero: true } } },
    });
    const ratings = [1, 2, 3, 4, 5].map((n) => rows.reduce((sum, r) => sum + ((r.agentRatings && r.agentRatings[n]) || 0), 0));
    draw('ratings', {
      type: 'bar',
      data: {
        labels: ['★1', '★2', '★3', '★4', '★5'],
        datasets: [{ label: t('ds_ratings'), data: ratings, backgroundColor: ['#c62828', '#ef6c00', '#f9a825', '#7cb342', '#2e7d32'] }],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  function draw(name, config) {
    if (charts[name]) charts[name].destroy();
    config.options = { responsive: true, maintainAspectRatio: false, ...config.options };
    charts[name] = new Chart($(`chart-${name}`), config);
    $(`chart-${name}`).dataset.rendered = 'true';
  }

  /** CSV links need the bearer token, so the click fetches the file and hands it over as a blob. */
  async function download(event) {
    event.preventDefault();
    const link = event.currentTarget;
    if (!lastReport) return;
    try {
      const response = await fetch(link.getAttribute('href'), { headers: { authorization: `Bearer ${session.token}` } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const disposition = response.headers.get('content-disposition') || '';
      const name = (/filename="([^"]+)"/.exec(disposition) || [])[1] || 'report.csv';
      const url = URL.createObjectURL(await response.blob());
      const a = el('a', { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      toast(t('downloadFailed', { m: error.message }));
    }
  }

  // ---------------------------------------------------------------- wiring
  function init() {
    $('login').addEventListener('submit', login);
    for (const button of document.querySelectorAll('.lang-toggle'))
      button.addEventListener('click', () => {
        lang = lang === 'zh' ? 'en' : 'zh';
        applyLabels();
      });
    $('logout').addEventListener('click', logout);
    for (const button of document.querySelectorAll('nav.tabs [data-tab]'))
      button.addEventListener('click', () => {
        const name = button.dataset.tab;
        if (name === 'transcript' && current) history.replaceState(null, '', `#transcript=${current.conversation.id}`);
        else history.replaceState(null, '', `#${name}`);
        showTab(name);
      });
    $('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      runSearch(1);
    });
    $('search-reset').addEventListener('click', () => {
      $('search-form').reset();
      $('search-status').textContent = '';
      $('result-rows').replaceChildren();
      $('results').classList.add('hidden');
      $('pager').classList.add('hidden');
    });
    $('page-prev').addEventListener('click', () => runSearch(Math.max(1, search.page - 1)));
    $('page-next').addEventListener('click', () => runSearch(search.page + 1));
    $('pager').classList.add('hidden');
    $('results').classList.add('hidden');
    $('watch-toggle').addEventListener('click', toggleWatch);
    $('whisper-form').addEventListener('submit', whisper);
    $('report-form').addEventListener('submit', runReport);
    $('csv-quality').addEventListener('click', download);
    $('csv-misses').addEventListener('click', download);
    $('access-form').addEventListener('submit', (event) => {
      event.preventDefault();
      loadAccessLog();
    });
    $('access-refresh').addEventListener('click', loadAccessLog);
    $('access-clear').addEventListener('click', () => {
      $('a-target').value = '';
      loadAccessLog();
    });
    setInterval(renderQueue, 1000);
    applyLabels();
    const saved = sessionStorage.getItem(SESSION_KEY);
    if (saved) {
      session = JSON.parse(saved);
      start();
    } else {
      $('username').value = 'supervisor.zhou';
    }
  }

  init();
})();
