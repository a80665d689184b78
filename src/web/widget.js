/*
 * PowerDesk customer chat widget.
 *
 * Embed on any page with one tag:
 *   <script src="https://powerdesk.example/widget.js" data-lang="zh" async></script>
 * It adds a launcher button and a chat panel inside a shadow root (the host page's CSS cannot
 * reach in), loads socket.io from the widget's own origin and talks to its /customer namespace
 * (docs/protocol.md). `data-mode="page"` (customer.html) fills the whole page instead.
 */
(function () {
  'use strict';

  const script = document.currentScript;
  if (!script || window.PowerDeskWidget) return;

  const ORIGIN = new URL(script.src, location.href).origin;
  const MODE = script.dataset.mode === 'page' ? 'page' : 'embed';
  const MAX_TEXT = 2000;
  const ACK_TIMEOUT_MS = 8000;
  const MAX_TRIES = 6;
  const TYPING_MAX_MS = 20000;
  const TIME_ZONE = 'Asia/Shanghai';
  const KEY = {
    resume: 'powerdesk:resume',
    lang: 'powerdesk:lang',
    open: 'powerdesk:open',
    survey: 'powerdesk:survey',
  };

  const T = {
    zh: {
      title: '国网在线客服',
      subtitle: '7×24 小时智能服务',
      open: '在线客服',
      close: '收起',
      other: 'English',
      placeholder: '请输入您的问题…',
      send: '发送',
      tooLong: '消息过长：最多 {max} 个字符（当前 {count}）',
      bot: '智能助手',
      agent: '人工客服',
      system: '系统消息',
      you: '我',
      sending: '发送中…',
      retrying: '发送失败，正在重试…',
      failed: '未发送，点击重试',
      connecting: '正在连接…',
      offline: '网络已断开，正在重连…',
      statusBot: '智能助手为您服务',
      statusWaiting: '正在为您转接人工客服',
      statusAgent: '人工客服为您服务',
      typing: '智能助手正在输入',
      agentTyping: '客服正在输入',
      quick: [
        { label: '停电报修', text: '我家停电了，我要报修' },
        { label: '查询电费', text: '查询电费' },
        { label: '电价标准', text: '电价标准' },
        { label: '转人工', text: '转人工' },
      ],
      queueWaiting: '正在排队等待人工客服…',
      queuePosition: '您当前排在第 {position} 位',
      queueEta: '预计等待约 {minutes} 分钟',
      queueEtaUnknown: '等待时间暂无法估算',
      queueAgents: '在线客服 {count} 位',
      noAgent: '当前暂无人工客服在线。您可以留下电话，我们尽快回电。',
      leaveQueue: '不等了，返回智能助手',
      callbackPhone: '手机号码',
      callbackMessage: '想咨询的问题（选填）',
      callbackSubmit: '请回电给我',
      callbackDone: '已登记回电号码 {phone}，客服上线后会联系您。',
      callbackInvalid: '请输入有效的手机号码（如 13800138000）',
      surveyTitle: '请为本次人工服务打分',
      surveyComment: '您的意见或建议（选填）',
      surveySubmit: '提交评价',
      surveyPick: '请先选择星级',
      surveyThanks: '感谢您的评价！',
      star: '{n} 星',
      error: '操作失败：{message}',
      yuan: '元',
      card: {
        outage: '停电信息',
        area: '停电范围',
        cause: '停电原因',
        start: '停电时间',
        eta: '预计恢复',
        etaUnknown: '待定，抢修人员正在评估',
        restored: '恢复时间',
        affected: '影响用户',
        households: '{n} 户',
        outageNo: '事件编号',
        etaChanged: '预计恢复时间已调整 {n} 次',
        status: {
          active: '抢修中',
          restored: '已恢复',
          planned: '计划停电',
          cancelled: '已取消',
        },
        bill: '电费账单',
        amount: '应缴金额',
        usage: '用电量',
        peakValley: '峰 {peak} kWh · 谷 {valley} kWh',
        planLabel: '计费方式',
        plan: { flat: '阶梯电价', tou: '峰谷分时电价' },
        due: '缴费截止',
        paid: '已缴清',
        unpaid: '待缴费',
        estimated: '估抄',
        breakdown: '计费明细',
        comparison: '用电对比',
        balance: '欠费查询',
        totalDue: '应缴合计',
        nextDue: '最早截止日期',
        overdue: '已逾期',
        unpaidBills: '未缴账单',
        tariff: '电价标准',
        tier: '档位',
        range: '年用电量',
        price: '电价（元/kWh）',
        tou: '峰谷时段',
        request: '业务受理',
        reference: '受理编号',
        requestType: {
          start_service: '新装用电',
          stop_service: '销户停用',
          transfer_service: '过户',
          contact_update: '联系方式变更',
          meter_check: '电表校验',
          solar_connection: '光伏并网',
          outage_report: '停电报修',
          billing_arrangement: '缴费安排',
        },
        planned: '计划停电',
        plannedTo: '至',
      },
    },
    en: {
      title: 'Online service',
      subtitle: 'Help around the clock',
      open: 'Chat with us',
      close: 'Minimise',
      other: '中文',
      placeholder: 'Type your question…',
      send: 'Send',
      tooLong: 'Message too long: at most {max} characters (now {count})',
      bot: 'Assistant',
      agent: 'Agent',
      system: 'Notice',
      you: 'You',
      sending: 'Sending…',
      retrying: 'Not sent, retrying…',
      failed: 'Not sent. Tap to retry',
      connecting: 'Connecting…',
      offline: 'Connection lost, reconnecting…',
      statusBot: 'Our assistant is here to help',
      statusWaiting: 'Connecting you to an agent',
      statusAgent: 'Chatting with an agent',
      typing: 'The assistant is typing',
      agentTyping: 'The agent is typing',
      quick: [
        { label: 'Report an outage', text: 'Report an outage' },
        { label: 'Check my bill', text: 'Check my bill' },
        { label: 'Tariffs', text: 'Tariffs' },
        { label: 'Talk to an agent', text: 'Talk to an agent' },
      ],
      queueWaiting: 'Waiting for an agent…',
      queuePosition: 'You are number {position} in the queue',
      queueEta: 'Estimated wait: about {minutes} min',
      queueEtaUnknown: 'The wait cannot be estimated yet',
      queueAgents: '{count} agents online',
      noAgent: 'No agent is online right now. Leave your number and we will call you back.',
      leaveQueue: 'Stop waiting, back to the assistant',
      callbackPhone: 'Mobile number',
      callbackMessage: 'What is it about? (optional)',
      callbackSubmit: 'Call me back',
      callbackDone: 'We will call you back on {phone} as soon as an agent is free.',
      callbackInvalid: 'Please enter a valid mobile number (e.g. 13800138000)',
      surveyTitle: 'How did our agent do?',
      surveyComment: 'Anything to add? (optional)',
      surveySubmit: 'Send rating',
      surveyPick: 'Please choose a number of stars first',
      surveyThanks: 'Thank you for your rating!',
      star: '{n} stars',
      error: 'That did not work: {message}',
      yuan: 'yuan',
      card: {
        outage: 'Power outage',
        area: 'Area',
        cause: 'Cause',
        start: 'Since',
        eta: 'Estimated restoration',
        etaUnknown: 'Not yet known, the crew is assessing',
        restored: 'Restored',
        affected: 'Affected',
        households: '{n} households',
        outageNo: 'Incident',
        etaChanged: 'Estimate changed {n} times',
        status: {
          active: 'Repair in progress',
          restored: 'Restored',
          planned: 'Planned',
          cancelled: 'Cancelled',
        },
        bill: 'Electricity bill',
        amount: 'Amount',
        usage: 'Consumption',
        peakValley: 'peak {peak} kWh · valley {valley} kWh',
        planLabel: 'Plan',
        plan: { flat: 'Tiered tariff', tou: 'Time of use' },
        due: 'Due',
        paid: 'Paid',
        unpaid: 'Unpaid',
        estimated: 'Estimated reading',
        breakdown: 'How it adds up',
        comparison: 'Compared with',
        balance: 'Balance',
        totalDue: 'Total due',
        nextDue: 'Next due date',
        overdue: 'Overdue',
        unpaidBills: 'Unpaid bills',
        tariff: 'Tariffs',
        tier: 'Tier',
        range: 'Annual kWh',
        price: 'yuan/kWh',
        tou: 'Time of use',
        request: 'Request received',
        reference: 'Reference',
        requestType: {
          start_service: 'Start service',
          stop_service: 'Stop service',
          transfer_service: 'Transfer of service',
          contact_update: 'Contact details update',
          meter_check: 'Meter check',
          solar_connection: 'Solar connection',
          outage_report: 'Outage report',
          billing_arrangement: 'Payment arrangement',
        },
        planned: 'Planned outages',
        plannedTo: 'to',
      },
    },
  };

  // ---- small helpers -------------------------------------------------------------------------

  const store = {
    get(key) {
      try {
        return localStorage.getItem(key);
      } catch (e) {
        return null;
      }
    },
    set(key, value) {
      try {
        if (value === null) localStorage.removeItem(key);
        else localStorage.setItem(key, value);
      } catch (e) {
        /* storage disabled (private mode): the chat still works, it just does not resume */
      }
    },
  };

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (whole, k) => (k in values ? String(values[k]) : whole));
  }

  /** Builds an element: h('div', { class: 'x', 'data-testid': 'y', onclick: fn }, child, …). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }

  function yuan(fen) {
    const sign = fen < 0 ? '-' : '';
    const abs = Math.abs(Math.round(fen));
    return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }

  function parts(iso, options) {
    const out = {};
    const format = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour12: false, ...options });
    for (const p of format.formatToParts(new Date(iso))) out[p.type] = p.value;
    return out;
  }

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  /** In the utility's time zone: "11月28日 09:22" / "28 Nov 09:22"; the time alone for bubbles. */
  function formatTime(iso, withDate) {
    if (!iso) return '';
    const p = parts(iso, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    const time = `${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
    if (withDate === false) return time;
    const month = Number(p.month);
    return lang === 'zh' ? `${month}月${Number(p.day)}日 ${time}` : `${Number(p.day)} ${MONTHS[month - 1]} ${time}`;
  }

  function formatDate(iso) {
    const p = parts(iso, { year: 'numeric', month: 'numeric', day: 'numeric' });
    const month = Number(p.month);
    return lang === 'zh' ? `${p.year}年${month}月${Number(p.day)}日` : `${Number(p.day)} ${MONTHS[month - 1]} ${p.year}`;
  }

  function formatPeriod(period) {
    const [y, m] = String(period).split('-');
    if (lang === 'zh') return `${y}年${Number(m)}月`;
    const month = new Date(`${period}-01T00:00:00Z`).toLocaleString('en-GB', {
      month: 'long',
      timeZone: 'UTC',
    });
    return `${month} ${y}`;
  }

  function pick(bilingual) {
    if (!bilingual) return '';
    if (typeof bilingual === 'string') return bilingual;
    return bilingual[lang] || bilingual.zh || bilingual.en || '';
  }

  function newClientMessageId() {
    const random = Math.random().toString(36).slice(2, 10);
    return `w-${Date.now().toString(36)}-${random}`;
  }

  // ---- state ---------------------------------------------------------------------------------

  const initialLang = store.get(KEY.lang) || script.dataset.lang || navigator.language || 'zh';
  let lang = initialLang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  let open = MODE === 'page' || store.get(KEY.open) === '1';
  let socket = null;
  let connecting = false;
  let attached = false;
  let online = false;
  let conversation = null;
  /** Stored messages by id, shown in `seq` order. */
  const messages = new Map();
  /** Sent but not yet acknowledged, by clientMessageId, in sending order. */
  const pending = new Map();
  let typingUntil = 0;
  let typingTimer = null;
  /** Who the "typing" line is about: the bot after a message, or the agent as they type. */
  let typingWho = 'bot';
  let lastTypingSent = 0;
  let queue = null;
  let callbackDone = null;
  let survey = null;
  let banner = null;

  // ---- DOM -----------------------------------------------------------------------------------

  const host = h('div', { id: 'powerdesk-widget', 'data-mode': MODE });
  // Inline so that no selector of the host page outranks it.
  host.style.cssText =
    MODE === 'page'
      ? 'all:initial;position:fixed;inset:0;z-index:2147483000;display:block;'
      : 'all:initial;position:fixed;z-index:2147483000;display:block;right:0;bottom:0;';
  const root = host.attachShadow({ mode: 'open' });
  const stylesheet = h('link', { rel: 'stylesheet', href: `${ORIGIN}/widget.css` });
  const shell = h('div', { class: `pd-shell pd-${MODE}`, hidden: true });
  stylesheet.addEventListener('load', () => shell.removeAttribute('hidden'));
  stylesheet.addEventListener('error', () => shell.removeAttribute('hidden'));
  root.append(stylesheet, shell);

  const launcher = h('button', {
    class: 'pd-launcher',
    type: 'button',
    'data-testid': 'launcher',
    onclick: () => setOpen(!open),
  });
  const titleEl = h('strong', { class: 'pd-title' });
  const subtitleEl = h('span', { class: 'pd-subtitle', 'data-testid': 'status' });
  const langButton = h('button', {
    class: 'pd-head-button',
    type: 'button',
    'data-testid': 'lang-toggle',
    onclick: () => switchLanguage(lang === 'zh' ? 'en' : 'zh'),
  });
  const closeButton = h('button', {
    class: 'pd-head-button pd-close',
    type: 'button',
    'data-testid': 'close',
    onclick: () => setOpen(false),
  });
  const header = h(
    'header',
    { class: 'pd-header' },
    h('span', { class: 'pd-logo', 'aria-hidden': 'true' }, '⚡'),
    h('div', { class: 'pd-heading' }, titleEl, subtitleEl),
    langButton,
    MODE === 'embed' ? closeButton : null,
  );
  const bannerEl = h('div', { class: 'pd-banner', 'data-testid': 'banner', role: 'status' });
  const log = h('div', {
    class: 'pd-log',
    'data-testid': 'customer-log',
    'aria-live': 'polite',
    role: 'log',
  });
  const typingEl = h(
    'div',
    { class: 'pd-typing', 'data-testid': 'typing', hidden: true },
    h('span', { class: 'pd-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')),
    h('span', { class: 'pd-typing-label' }),
  );
  const dock = h('div', { class: 'pd-dock' });
  const quickBar = h('div', { class: 'pd-quick', 'data-testid': 'quick-replies' });
  const input = h('textarea', {
    class: 'pd-input',
    rows: 1,
    autocomplete: 'off',
    'data-testid': 'customer-input',
    'aria-describedby': 'pd-input-error',
  });
  const sendButton = h('button', { class: 'pd-send', type: 'submit', 'data-testid': 'customer-send' });
  const inputError = h('div', {
    class: 'pd-input-error',
    id: 'pd-input-error',
    'data-testid': 'input-error',
    role: 'alert',
    hidden: true,
  });
  const composer = h(
    'form',
    { class: 'pd-composer', 'data-testid': 'composer', novalidate: true },
    input,
    sendButton,
  );
  const panel = h(
    'section',
    { class: 'pd-panel', 'data-testid': 'panel', role: 'dialog' },
    header,
    bannerEl,
    log,
    typingEl,
    dock,
    quickBar,
    inputError,
    composer,
  );
  shell.append(panel);
  if (MODE === 'embed') shell.append(launcher);

  composer.addEventListener('submit', (e) => {
    e.preventDefault();
    submitInput();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submitInput();
    }
  });
  input.addEventListener('input', () => {
    validateInput();
    autoGrow();
    tellTyping();
  });

  /** With an agent, they see the customer typing (at most every 3 s; nothing is stored). */
  function tellTyping() {
    if (!socket || !attached || !conversation || conversation.status !== 'agent') return;
    const typing = input.value.trim() !== '';
    const now = Date.now();
    if (typing && now - lastTypingSent < 3000) return;
    lastTypingSent = typing ? now : 0;
    socket.emit('typing:set', { typing }, () => undefined);
  }

  function autoGrow() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  }

  /** Longer texts are refused by the server; say so here, before anything is sent. */
  function validateInput() {
    const count = input.value.length;
    const tooLong = count > MAX_TEXT;
    inputError.hidden = !tooLong;
    inputError.textContent = tooLong ? fill(T[lang].tooLong, { max: MAX_TEXT, count }) : '';
    input.setAttribute('aria-invalid', tooLong ? 'true' : 'false');
    sendButton.disabled = tooLong;
    return !tooLong;
  }

  function submitInput() {
    if (!validateInput()) return;
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    autoGrow();
    send(text);
  }

  // ---- rendering -----------------------------------------------------------------------------

  const ICONS = {
    chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
    close: 'M6 6l12 12M18 6L6 18',
  };

  function icon(name) {
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

  function renderChrome() {
    const t = T[lang];
    panel.setAttribute('lang', lang);
    panel.setAttribute('aria-label', t.title);
    titleEl.textContent = t.title;
    langButton.textContent = t.other;
    langButton.setAttribute('data-lang', lang);
    closeButton.replaceChildren(icon('close'));
    closeButton.setAttribute('aria-label', t.close);
    launcher.replaceChildren(
      ...[icon(open ? 'close' : 'chat'), open ? null : h('span', { class: 'pd-launcher-label' }, t.open)].filter(Boolean),
    );
    launcher.setAttribute('aria-label', open ? t.close : t.open);
    launcher.setAttribute('aria-expanded', String(open));
    shell.classList.toggle('pd-open', open);
    input.placeholder = t.placeholder;
    sendButton.textContent = t.send;
    typingEl.querySelector('.pd-typing-label').textContent =
      typingWho === 'agent' ? t.agentTyping : t.typing;
    const status = conversation ? conversation.status : null;
    subtitleEl.textContent = !online
      ? socket
        ? t.offline
        : t.subtitle
      : status === 'waiting'
        ? t.statusWaiting
        : status === 'agent'
          ? t.statusAgent
          : t.statusBot;
    subtitleEl.setAttribute('data-status', online ? status || 'bot' : 'offline');
    bannerEl.textContent = banner || '';
    bannerEl.hidden = !banner;
    quickBar.replaceChildren(
      ...t.quick.map((q, i) =>
        h(
          'button',
          {
            class: 'pd-chip',
            type: 'button',
            'data-testid': 'quick-reply',
            'data-index': i,
            onclick: () => send(q.text),
          },
          q.label,
        ),
      ),
    );
    // Quick replies are for the bot; an agent chat, the queue or a rating form needs the room.
    quickBar.hidden = status === 'agent' || status === 'waiting' || Boolean(survey && !survey.done);
    validateInput();
  }

  function render() {
    renderChrome();
    renderLog();
    renderDock();
    renderTyping();
  }

  function renderLog() {
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    const stored = [...messages.values()].sort((a, b) => a.seq - b.seq);
    const rows = stored.map((m) => messageRow(m, null));
    for (const p of pending.values()) rows.push(messageRow({ sender: 'customer', text: p.text }, p));
    log.replaceChildren(...rows);
    if (nearBottom || rows.length < 3) log.scrollTop = log.scrollHeight;
  }

  function messageRow(m, p) {
    const t = T[lang];
    const sender = m.sender;
    const who = sender === 'bot' ? t.bot : sender === 'agent' ? t.agent : sender === 'system' ? t.system : null;
    const card = m.card ? renderCard(m.card) : null;
    // A bill explained step by step, a tariff table or planned outages repeat in the card what
    // the message lists line by line; the first line introduces the card.
    const cardHasLines = card && /^(bill|tariff|planned)$/.test(m.card.type) && !(m.card.data && m.card.data.balance);
    const text = cardHasLines ? String(m.text).split('\n')[0] : m.text;
    const state = p ? (p.failed ? 'failed' : p.tries > 1 ? 'retrying' : 'sending') : 'sent';
    const bubble = h(
      'div',
      {
        class: `m ${sender}`,
        'data-testid': `msg-${sender}`,
        'data-seq': m.seq,
        'data-state': state,
      },
      who ? h('div', { class: 'pd-who' }, who) : null,
      h('div', { class: 'pd-text' }, text),
      card,
      p
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
                    onclick: () => {
                      p.failed = false;
                      p.tries = 0;
                      flush();
                      renderLog();
                    },
                  },
                  t.failed,
                )
              : p.tries > 1
                ? t.retrying
                : t.sending,
          )
        : m.createdAt
          ? h('div', { class: 'pd-meta' }, formatTime(m.createdAt, false))
          : null,
    );
    return h('div', { class: `pd-row pd-row-${sender}` }, bubble);
  }

  function row(label, value, testid) {
    return h(
      'div',
      { class: 'pd-card-row', 'data-testid': testid },
      h('span', { class: 'pd-card-label' }, label),
      h('span', { class: 'pd-card-value' }, value),
    );
  }

  function badge(text, kind, testid) {
    return h('span', { class: `pd-badge pd-badge-${kind}`, 'data-testid': testid }, text);
  }

  function renderCard(card) {
    const data = card.data || {};
    try {
      if (card.type === 'outage' && data.outage) return outageCard(data.outage);
      if (card.type === 'bill' && data.explanation) return billCard(data.explanation);
      if (card.type === 'bill' && data.balance) return balanceCard(data.balance);
      if (card.type === 'tariff' && data.tariff) return tariffCard(data.tariff);
      if (card.type === 'request' && data.reference) return requestCard(data);
      if (card.type === 'planned' && Array.isArray(data.outages)) return plannedCard(data.outages);
    } catch (e) {
      // A card we cannot draw must not hide the message: the text says it all anyway.
    }
    return null;
  }

  function outageCard(o) {
    const c = T[lang].card;
    const status = o.status in c.status ? o.status : 'active';
    return h(
      'div',
      { class: `pd-card pd-card-outage pd-status-${status}`, 'data-testid': 'card-outage' },
      h(
        'div',
        { class: 'pd-card-head' },
        h('span', { class: 'pd-card-title' }, c.outage),
        badge(c.status[status], status, 'card-status'),
      ),
      row(c.area, pick(o.area), 'card-area'),
      row(c.cause, pick(o.cause), 'card-cause'),
      row(c.start, formatTime(o.startAt), 'card-start'),
      o.restoredAt
        ? row(c.restored, formatTime(o.restoredAt), 'card-restored')
        : row(c.eta, o.estimatedRestoration ? formatTime(o.estimatedRestoration) : c.etaUnknown, 'card-eta'),
      o.affectedCustomers ? row(c.affected, fill(c.households, { n: o.affectedCustomers }), 'card-affected') : null,
      row(c.outageNo, o.outageNo, 'card-outage-no'),
      Array.isArray(o.etaHistory) && o.etaHistory.length > 1
        ? h('div', { class: 'pd-card-note' }, fill(c.etaChanged, { n: o.etaHistory.length - 1 }))
        : null,
    );
  }

  function billCard(x) {
    const c = T[lang].card;
    const b = x.bill;
    const steps = (x.steps || []).filter((s) => s.kind !== 'usage');
    const comparison = (x.comparison && x.comparison.text) || [];
    return h(
      'div',
      { class: 'pd-card pd-card-bill', 'data-testid': 'card-bill' },
      h(
        'div',
        { class: 'pd-card-head' },
        h('span', { class: 'pd-card-title' }, `${c.bill} · `, h('span', { 'data-testid': 'card-period' }, formatPeriod(b.period))),
        badge(b.status === 'paid' ? c.paid : c.unpaid, b.status, 'card-status'),
      ),
      h(
        'div',
        { class: 'pd-amount', 'data-testid': 'card-amount' },
        h('small', {}, '¥'),
        yuan(b.amountFen),
        h('small', {}, ` ${T[lang].yuan}`),
      ),
      row(c.usage, `${b.kwh} kWh`, 'card-kwh'),
      b.tariffPlan === 'tou' ? row('', fill(c.peakValley, { peak: b.peakKwh, valley: b.valleyKwh }), 'card-peak-valley') : null,
      row(c.planLabel, c.plan[b.tariffPlan] || b.tariffPlan, 'card-plan'),
      b.status === 'paid' ? null : row(c.due, formatDate(b.dueDate), 'card-due'),
      b.estimated ? h('div', { class: 'pd-card-note' }, c.estimated) : null,
      steps.length
        ? h(
            'div',
            { class: 'pd-card-section' },
            h('div', { class: 'pd-card-subtitle' }, c.breakdown),
            h(
              'ol',
              { class: 'pd-steps', 'data-testid': 'card-steps' },
              steps.map((s) =>
                h(
                  'li',
                  { class: `pd-step pd-step-${s.kind}` },
                  pick(s.text),
                ),
              ),
            ),
          )
        : null,
      comparison.length
        ? h(
            'div',
            { class: 'pd-card-section' },
            h('div', { class: 'pd-card-subtitle' }, c.comparison),
            h(
              'ul',
              { class: 'pd-compare', 'data-testid': 'card-comparison' },
              comparison.map((line) => h('li', {}, pick(line))),
            ),
          )
        : null,
    );
  }

  function balanceCard(bal) {
    const c = T[lang].card;
    const unpaid = bal.unpaid || [];
    return h(
      'div',
      { class: 'pd-card pd-card-balance', 'data-testid': 'card-balance' },
      h(
        'div',
        { class: 'pd-card-head' },
        h('span', { class: 'pd-card-title' }, c.balance),
        bal.overdue ? badge(c.overdue, 'overdue', 'card-status') : badge(unpaid.length ? c.unpaid : c.paid, unpaid.length ? 'unpaid' : 'paid', 'card-status'),
      ),
      h('div', { class: 'pd-card-label' }, c.totalDue),
      h('div', { class: 'pd-amount', 'data-testid': 'card-amount' }, h('small', {}, '¥'), yuan(bal.totalDueFen), h('small', {}, ` ${T[lang].yuan}`)),
      bal.nextDueDate ? row(c.nextDue, formatDate(bal.nextDueDate), 'card-due') : null,
      unpaid.length
        ? h(
            'div',
            { class: 'pd-card-section' },
            h('div', { class: 'pd-card-subtitle' }, c.unpaidBills),
            unpaid.map((b) => row(`${formatPeriod(b.period)} · ${b.kwh} kWh`, `¥${yuan(b.amountFen)}`, 'card-unpaid-bill')),
          )
        : null,
    );
  }

  function tariffCard(tariff) {
    const c = T[lang].card;
    return h(
      'div',
      { class: 'pd-card pd-card-tariff', 'data-testid': 'card-tariff' },
      h('div', { class: 'pd-card-head' }, h('span', { class: 'pd-card-title' }, pick(tariff.name) || c.tariff)),
      h(
        'table',
        { class: 'pd-table' },
        h('thead', {}, h('tr', {}, h('th', {}, c.tier), h('th', {}, c.range), h('th', {}, c.price))),
        h(
          'tbody',
          {},
          (tariff.tiers || []).map((tier) =>
            h('tr', {}, h('td', {}, tier.tier), h('td', {}, pick(tier.range)), h('td', {}, tier.flatPrice)),
          ),
        ),
      ),
      (tariff.timeOfUse || []).length
        ? h(
            'div',
            { class: 'pd-card-section' },
            h('div', { class: 'pd-card-subtitle' }, c.tou),
            tariff.timeOfUse.map((p) => row(`${pick(p.label)} ${p.hours}`, p.price, 'card-tou')),
          )
        : null,
    );
  }

  function requestCard(data) {
    const c = T[lang].card;
    return h(
      'div',
      { class: 'pd-card pd-card-request', 'data-testid': 'card-request' },
      h('div', { class: 'pd-card-head' }, h('span', { class: 'pd-card-title' }, c.request), badge(c.requestType[data.type] || data.type, 'info', 'card-request-type')),
      row(c.reference, h('code', { 'data-testid': 'card-reference' }, data.reference), null),
    );
  }

  function plannedCard(outages) {
    const c = T[lang].card;
    return h(
      'div',
      { class: 'pd-card pd-card-planned', 'data-testid': 'card-planned' },
      h('div', { class: 'pd-card-head' }, h('span', { class: 'pd-card-title' }, c.planned)),
      outages.map((o) =>
        h(
          'div',
          { class: 'pd-card-section' },
          h('div', { class: 'pd-card-subtitle' }, pick(o.area)),
          row(c.start, `${formatTime(o.startAt)} ${c.plannedTo} ${o.estimatedRestoration ? formatTime(o.estimatedRestoration) : '—'}`, null),
          row(c.cause, pick(o.cause), null),
        ),
      ),
    );
  }

  function renderTyping() {
    const show = typingUntil > Date.now();
    typingEl.hidden = !show;
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = show ? setTimeout(renderTyping, typingUntil - Date.now() + 10) : null;
  }

  function renderDock() {
    const t = T[lang];
    const parts = [];
    if (conversation && conversation.status === 'waiting') parts.push(queuePanel(t));
    if (survey) parts.push(surveyPanel(t));
    // Re-rendering would wipe what the customer is typing into the forms: keep them if unchanged.
    const signature = JSON.stringify([lang, conversation && conversation.status, queue, callbackDone, survey && survey.ticketId, survey && survey.done]);
    if (dock.getAttribute('data-signature') === signature) return;
    dock.setAttribute('data-signature', signature);
    dock.replaceChildren(...parts);
    // The dock takes room from the log: keep the latest messages in view.
    log.scrollTop = log.scrollHeight;
  }

  function queuePanel(t) {
    const noAgent = queue && queue.agentsOnline === 0;
    const lines = [];
    if (!queue) lines.push(h('div', { class: 'pd-queue-main' }, t.queueWaiting));
    else {
      lines.push(
        h(
          'div',
          { class: 'pd-queue-main', 'data-testid': 'queue-position' },
          fill(t.queuePosition, { position: queue.position, ahead: Math.max(0, queue.position - 1) }),
        ),
      );
      lines.push(
        h(
          'div',
          { class: 'pd-queue-sub', 'data-testid': 'queue-eta' },
          queue.estimatedWaitSeconds === null || queue.estimatedWaitSeconds === undefined
            ? t.queueEtaUnknown
            : fill(t.queueEta, { minutes: Math.max(1, Math.round(queue.estimatedWaitSeconds / 60)) }),
          ' · ',
          fill(t.queueAgents, { count: queue.agentsOnline }),
        ),
      );
    }
    let callback = null;
    if (noAgent && callbackDone) {
      callback = h('div', { class: 'pd-callback-done', 'data-testid': 'callback-done' }, fill(t.callbackDone, { phone: callbackDone }));
    } else if (noAgent) {
      const phone = h('input', { class: 'pd-field', type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: 20, placeholder: t.callbackPhone, 'aria-label': t.callbackPhone, 'data-testid': 'callback-phone' });
      const note = h('input', { class: 'pd-field', type: 'text', maxlength: 500, placeholder: t.callbackMessage, 'aria-label': t.callbackMessage, 'data-testid': 'callback-message' });
      const error = h('div', { class: 'pd-form-error', role: 'alert', hidden: true });
      callback = h(
        'form',
        {
          class: 'pd-callback',
          'data-testid': 'callback-form',
          novalidate: true,
          onsubmit: (e) => {
            e.preventDefault();
            const value = phone.value.replace(/[\s-]/g, '');
            if (!/^(1[3-9]\d{9}|\+\d{6,15})$/.test(value)) {
              error.hidden = false;
              error.textContent = t.callbackInvalid;
              return;
            }
            const message = note.value.trim();
            command('callback:leave', message ? { phone: value, message } : { phone: value }).then((ack) => {
              if (ack.ok) {
                callbackDone = value;
                renderDock();
              } else {
                error.hidden = false;
                error.textContent = fill(T[lang].error, { message: ack.error.message });
              }
            });
          },
        },
        h('div', { class: 'pd-queue-sub' }, t.noAgent),
        phone,
        note,
        error,
        h('button', { class: 'pd-button', type: 'submit', 'data-testid': 'callback-submit' }, t.callbackSubmit),
      );
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
            command('queue:leave', {}).then((ack) => {
              if (!ack.ok) showBanner(fill(T[lang].error, { message: ack.error.message }));
            }),
        },
        t.leaveQueue,
      ),
    );
  }

  function surveyPanel(t) {
    if (survey.done) {
      return h('div', { class: 'pd-survey pd-survey-done', 'data-testid': 'survey-thanks' }, t.surveyThanks);
    }
    let rating = 0;
    const stars = [1, 2, 3, 4, 5].map((n) =>
      h(
        'button',
        {
          class: 'pd-star',
          type: 'button',
          'data-testid': 'survey-star',
          'data-value': n,
          'aria-label': fill(t.star, { n }),
          'aria-pressed': 'false',
          onclick: () => {
            rating = n;
            stars.forEach((s, i) => {
              s.classList.toggle('pd-on', i < n);
              s.setAttribute('aria-pressed', String(i < n));
            });
            error.hidden = true;
          },
        },
        '★',
      ),
    );
    const comment = h('textarea', { class: 'pd-field', rows: 2, maxlength: 1000, placeholder: t.surveyComment, 'aria-label': t.surveyComment, 'data-testid': 'survey-comment' });
    const error = h('div', { class: 'pd-form-error', role: 'alert', hidden: true });
    return h(
      'form',
      {
        class: 'pd-survey',
        'data-testid': 'survey',
        novalidate: true,
        onsubmit: (e) => {
          e.preventDefault();
          if (!rating) {
            error.hidden = false;
            error.textContent = t.surveyPick;
            return;
          }
          const text = comment.value.trim();
          const body = { ticketId: survey.ticketId, agentRating: rating };
          if (text) body.comment = text;
          command('survey:submit', body).then((ack) => {
            // CONFLICT: already rated (from another tab); nothing more to ask.
            if (ack.ok || (ack.error && ack.error.code === 'CONFLICT')) {
              survey = { ticketId: survey.ticketId, done: true };
              store.set(KEY.survey, null);
              render();
              setTimeout(() => {
                if (survey && survey.done) {
                  survey = null;
                  renderDock();
                }
              }, 4000);
            } else {
              error.hidden = false;
              error.textContent = fill(T[lang].error, { message: ack.error.message });
            }
          });
        },
      },
      h('div', { class: 'pd-survey-title' }, t.surveyTitle),
      h('div', { class: 'pd-stars', role: 'group', 'aria-label': t.surveyTitle }, stars),
      comment,
      error,
      h('button', { class: 'pd-button', type: 'submit', 'data-testid': 'survey-submit' }, t.surveySubmit),
    );
  }

  function showBanner(text) {
    banner = text;
    renderChrome();
  }

  // ---- protocol ------------------------------------------------------------------------------

  /** Emits a command and resolves with its ack; a timeout becomes `{ ok: false, code: TIMEOUT }`. */
  function command(event, body) {
    return new Promise((resolve) => {
      if (!socket || !attached) {
        resolve({ ok: false, error: { code: 'UNAVAILABLE', message: T[lang].offline } });
        return;
      }
      socket.timeout(ACK_TIMEOUT_MS).emit(event, body, (err, ack) => {
        if (err || !ack) resolve({ ok: false, error: { code: 'TIMEOUT', message: T[lang].retrying } });
        else resolve(ack);
      });
    });
  }

  function loadSocketIo() {
    if (window.io && window.io.__powerdesk) return Promise.resolve(window.io);
    return new Promise((resolve, reject) => {
      // Another copy of socket.io on the host page must not be replaced by ours.
      const theirs = window.io;
      const tag = document.createElement('script');
      tag.src = `${ORIGIN}/socket.io/socket.io.js`;
      tag.async = true;
      tag.onload = () => {
        const ours = window.io;
        if (theirs) window.io = theirs;
        ours.__powerdesk = true;
        resolve(ours);
      };
      tag.onerror = () => reject(new Error('socket.io could not be loaded'));
      document.head.append(tag);
    });
  }

  function connect() {
    if (socket || connecting) return;
    connecting = true;
    showBanner(T[lang].connecting);
    loadSocketIo().then(
      (io) => {
        socket = io(`${ORIGIN}/customer`, { transports: ['websocket', 'polling'] });
        socket.on('connect', () => {
          online = true;
          attach();
        });
        socket.on('disconnect', () => {
          online = false;
          attached = false;
          showBanner(T[lang].offline);
        });
        // Too many new connections from this address (a carrier NAT, say): socket.io does not
        // retry a handshake the server refused, so try again when the server says.
        socket.on('connect_error', (error) => {
          const refused = error && error.data;
          if (!refused || refused.code !== 'RATE_LIMITED') return;
          const seconds = (refused.details && refused.details.retryAfterSeconds) || 5;
          setTimeout(() => socket.connect(), seconds * 1000);
        });
        socket.on('message:created', (m) => {
          if (!conversation || m.conversationId !== conversation.id) return;
          addMessage(m);
          if (m.sender !== 'customer') typingUntil = 0;
          render();
        });
        socket.on('conversation:updated', (c) => {
          if (!conversation || c.id !== conversation.id) return;
          conversation = c;
          if (c.status !== 'waiting') {
            queue = null;
            callbackDone = null;
          }
          if (c.status !== 'bot') typingUntil = 0;
          render();
        });
        socket.on('typing:updated', (e) => {
          if (!e || e.who !== 'agent') return;
          typingWho = 'agent';
          typingUntil = e.typing ? Date.now() + 6000 : 0;
          render();
        });
        socket.on('queue:updated', (q) => {
          queue = q;
          renderDock();
        });
        socket.on('survey:requested', (s) => {
          survey = { ticketId: s.ticketId };
          if (conversation) store.set(KEY.survey, JSON.stringify({ conversationId: conversation.id, ticketId: s.ticketId }));
          render();
        });
      },
      () => {
        connecting = false;
        showBanner(T[lang].offline);
        setTimeout(connect, 3000);
      },
    );
  }

  /** Resumes the stored conversation on every (re)connect; starts a new one when that fails. */
  async function attach() {
    attached = false;
    const token = store.get(KEY.resume);
    if (token) {
      const ack = await emitRaw('conversation:resume', { resumeToken: token });
      if (ack.ok) return attached_(ack.conversation, ack.messages, true);
      if (ack.error.code === 'TIMEOUT' || ack.error.code === 'UNAVAILABLE' || ack.error.code === 'INTERNAL') {
        return retryAttach();
      }
      store.set(KEY.resume, null);
    }
    await startConversation();
  }

  async function startConversation() {
    const ack = await emitRaw('conversation:start', { language: lang });
    if (!ack.ok) return retryAttach();
    store.set(KEY.resume, ack.resumeToken);
    return attached_(ack.conversation, ack.messages, false);
  }

  function retryAttach() {
    showBanner(T[lang].offline);
    setTimeout(() => {
      if (socket && socket.connected) attach();
    }, 2000);
  }

  function emitRaw(event, body) {
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit(event, body, (err, ack) => {
        if (err || !ack) resolve({ ok: false, error: { code: 'TIMEOUT', message: '' } });
        else resolve(ack);
      });
    });
  }

  function attached_(conv, history, resumed) {
    if (!conversation || conversation.id !== conv.id) {
      messages.clear();
      queue = null;
      callbackDone = null;
      survey = null;
      const saved = parseJson(store.get(KEY.survey));
      if (saved && saved.conversationId === conv.id) survey = { ticketId: saved.ticketId };
    }
    conversation = conv;
    for (const m of history) addMessage(m);
    attached = true;
    banner = null;
    if (!resumed) typingUntil = 0;
    render();
    flush();
  }

  function parseJson(text) {
    try {
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  function addMessage(m) {
    if (m.internal) return;
    messages.set(m.id, m);
    if (m.sender === 'customer') pending.delete(m.clientMessageId);
  }

  function send(text) {
    if (text.length > MAX_TEXT) return;
    const id = newClientMessageId();
    pending.set(id, { id, text, tries: 0, failed: false, inFlight: false });
    if (!conversation || conversation.status === 'bot') {
      typingWho = 'bot';
      typingUntil = Date.now() + TYPING_MAX_MS;
    }
    lastTypingSent = 0;
    render();
    if (!socket) connect();
    flush();
  }

  /** Sends every pending message in order; each keeps its clientMessageId across retries. */
  function flush() {
    if (!attached) return;
    for (const p of pending.values()) {
      if (!p.inFlight && !p.failed) deliver(p);
    }
  }

  async function deliver(p) {
    p.inFlight = true;
    p.tries += 1;
    const ack = await command('message:send', { clientMessageId: p.id, text: p.text });
    p.inFlight = false;
    if (ack.ok) {
      addMessage(ack.message);
      pending.delete(p.id);
      // The bot may have answered before the ack arrived: then nobody is typing any more.
      const answered = [...messages.values()].some((m) => m.sender !== 'customer' && m.seq > ack.message.seq);
      if (answered) typingUntil = 0;
      render();
      return;
    }
    const code = ack.error.code;
    if (code === 'VALIDATION') {
      pending.delete(p.id);
      typingUntil = 0;
      showBanner(fill(T[lang].error, { message: ack.error.message }));
      render();
      return;
    }
    // TIMEOUT (ack lost), UNAVAILABLE (nothing stored), CONFLICT (socket not attached yet after
    // a reconnect): resending with the same clientMessageId can never store the message twice.
    if (p.tries >= MAX_TRIES) {
      p.failed = true;
      typingUntil = 0;
    } else if (attached) {
      setTimeout(() => {
        if (pending.has(p.id) && !p.inFlight && attached) deliver(p);
      }, Math.min(1000 * p.tries, 5000));
    }
    render();
  }

  // ---- user actions --------------------------------------------------------------------------

  function setOpen(value) {
    open = value;
    if (MODE === 'embed') store.set(KEY.open, open ? '1' : null);
    if (open) connect();
    render();
    if (open) {
      log.scrollTop = log.scrollHeight;
      setTimeout(() => input.focus(), 0);
    }
  }

  function switchLanguage(next) {
    lang = next;
    store.set(KEY.lang, lang);
    // Before the customer has said anything, start over in the chosen language so that the
    // greeting and every later system notice come in it; afterwards the bot follows the
    // language the customer writes in.
    const spoke = [...messages.values()].some((m) => m.sender === 'customer') || pending.size > 0;
    if (conversation && !spoke && attached && conversation.language !== lang) {
      attached = false;
      store.set(KEY.resume, null);
      startConversation();
    }
    render();
  }

  window.PowerDeskWidget = { open: () => setOpen(true), close: () => setOpen(false), setLanguage: switchLanguage };

  function mount() {
    document.body.append(host);
    render();
    // Page mode and a conversation in progress connect at once; otherwise on the first open.
    if (open || store.get(KEY.resume)) connect();
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
