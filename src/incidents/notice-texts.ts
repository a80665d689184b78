import { customerClock } from '../common/customer-time';
import { Bilingual, fill } from '../common/bilingual';
import { ChatLanguage } from '../conversations/conversation.schema';
import { findDistrict } from '../nlu/service-area';
import { DEMO_FEEDERS } from '../utility/demo-city';
import { IncidentStatus } from './incident-status';

/** Everything the incidents module says to customers and staff, in both languages. */
export const INCIDENT_TEXTS = {
  known: {
    zh: '我们已经知道{area}停电了（事件 {ref}，已有 {count} 位客户报告）。{crew}{eta}',
    en: 'We know about the outage in {area} (incident {ref}, {count} reports so far). {crew}{eta}',
  },
  opened: {
    zh: '已为您登记停电报告（事件 {ref}）。附近客户的报告会合并处理，抢修人员正在排查。',
    en: 'I have logged your outage report (incident {ref}). Reports from your neighbours are grouped with it, and crews are looking into it.',
  },
  reports: {
    zh: '（已有 {count} 位客户报告此次停电。）',
    en: '({count} customers have reported this outage.)',
  },
  offer: {
    zh: '需要恢复供电时通知您吗？说“来电了通知我”即可，也可以附上手机号用短信通知。',
    en: 'Want a notice when power is back? Say "tell me when it\'s back", or add a mobile number for an SMS.',
  },
  eta: { zh: '预计 {eta} 恢复供电。', en: 'Power is expected back by {eta}.' },
  noEta: {
    zh: '恢复时间确定后会第一时间更新。',
    en: 'We will update you as soon as there is a restoration time.',
  },
  subscribedChat: {
    zh: '好的，{area}恢复供电或预计时间有变化时，会在这个对话里通知您。{eta}不需要时说“不用通知了”即可。',
    en: 'Done: when power is back in {area}, or the estimate changes, you will get a notice in this chat. {eta} Say "stop the updates" any time.',
  },
  subscribedSms: {
    zh: '好的，{area}恢复供电或预计时间有变化时，会发短信到 {phone}。{eta}回复 TD 或说“不用通知了”即可退订。',
    en: 'Done: we will text {phone} when power is back in {area} or the estimate changes. {eta} Reply STOP, or say "stop the updates", to opt out.',
  },
  noIncident: {
    zh: '目前没有查到您所在区域的停电事件，暂时无法订阅通知。如果您家中停电，请先告诉我“我家停电了”和户号。',
    en: 'I find no outage incident in your area to send notices about. If your power is out, tell me "my power is out" with your account number first.',
  },
  needPlace: {
    zh: '请先告诉我您的户号（10 位数字）或所在区域，我好找到对应的停电事件。',
    en: 'Please tell me your account number (10 digits) or district first, so I can find the outage.',
  },
  optedOut: {
    zh: '好的，已取消停电通知，不会再发给您。',
    en: 'OK, you will get no more outage notices.',
  },
  nothingToOptOut: {
    zh: '您目前没有订阅停电通知。',
    en: 'You have no outage notices to stop.',
  },
  storm: {
    zh: '当前{area}停电咨询量很大，人工客服全力处理中，暂不排队转接。{summary}如需回电，请留下手机号（例如“回电 13800001234”）；确实需要人工，请说“转人工”。',
    en: 'Many customers in {area} are asking about this outage, so I am not queueing chats for agents now. {summary}If you want a call back, leave a mobile number (e.g. "call me back 13800001234"); if you really need a person, say "talk to an agent".',
  },
  callbackNoted: {
    zh: '已记录回电请求（{phone}），会有专人尽快联系您。',
    en: 'Your callback request is noted ({phone}); someone will call you as soon as possible.',
  },
  callbackNeedsPhone: {
    zh: '请留下可以联系您的手机号，例如“回电 13800001234”。',
    en: 'Please leave a mobile number we can call, e.g. "call me back 13800001234".',
  },
  noticeEta: {
    zh: '【停电通知】{area}停电（事件 {ref}）预计恢复时间更新为 {eta}。{cause}',
    en: '[Outage update] The estimate for {area} (incident {ref}) is now {eta}. {cause}',
  },
  noticeRestored: {
    zh: '【停电通知】{area}已于 {time} 恢复供电（事件 {ref}）。如您家中仍无电，请检查总开关或联系我们。',
    en: '[Outage update] Power is back in {area} since {time} (incident {ref}). If yours is still off, check your main switch or contact us.',
  },
  noticePlanned: {
    zh: '【计划停电通知】{district}{area}将于 {start} 至 {end} 计划停电（{ref}）：{cause}。请提前做好准备。',
    en: '[Planned outage] {area}, {district}: power will be off from {start} to {end} ({ref}) for {cause}. Please plan ahead.',
  },
  subscribedPlanned: {
    zh: '好的，{district}有计划停电时，会提前一天{how}通知您。不需要时说“不用通知了”即可。',
    en: 'Done: you will hear {how} the day before any planned outage in {district}. Say "stop the updates" any time.',
  },
  plannedOffer: {
    zh: '想在计划停电前一天收到提醒吗？说“计划停电提前通知我”即可。',
    en: 'Want a reminder the day before a planned outage? Say "remind me before planned outages".',
  },
  smsOptOut: { zh: '回复TD退订', en: 'Reply STOP to opt out' },
  stormBanner: {
    zh: '风暴模式：{area}（事件 {ref}）每分钟 {rate} 条停电咨询，机器人优先回答，不再排队转人工。',
    en: 'Storm mode: {area} (incident {ref}) at {rate} outage chats a minute; the bot answers first and no longer queues them for agents.',
  },
} satisfies Record<string, Bilingual>;

const CREW: Record<IncidentStatus, Bilingual> = {
  investigating: { zh: '抢修人员正在排查原因，', en: 'Crews are investigating. ' },
  crew_dispatched: { zh: '抢修人员已出发，', en: 'A crew is on its way. ' },
  crew_on_site: { zh: '抢修人员已在现场抢修，', en: 'A crew is on site. ' },
  restored: { zh: '已恢复供电。', en: 'Power is restored. ' },
};

export interface IncidentWording {
  id: string;
  scope: 'feeder' | 'district';
  districtCode: string;
  feederId?: string;
  status: IncidentStatus;
  reportCount: number;
  etaAt?: Date;
  cause?: Bilingual;
  restoredAt?: Date;
}

/** Where the incident is, as a customer reads it: the district, and the feeder when known. */
export function areaName(
  incident: Pick<IncidentWording, 'scope' | 'districtCode' | 'feederId'>,
  language: ChatLanguage,
): string {
  const district = findDistrict(incident.districtCode)?.[language] ?? incident.districtCode;
  if (incident.scope !== 'feeder' || !incident.feederId) return district;
  const feeder = DEMO_FEEDERS.find((f) => f.feederId === incident.feederId);
  const name = feeder ? (language === 'zh' ? feeder.nameZh : feeder.nameEn) : incident.feederId;
  return language === 'zh' ? `${district}（${name}）` : `${district} (${name})`;
}

/** "We know, N reports, crew status, ETA"; times in `zone` (SERVICE_TIMEZONE). */
export function knownText(incident: IncidentWording, language: ChatLanguage, zone: string): string {
  return fill(INCIDENT_TEXTS.known[language], {
    area: areaName(incident, language),
    ref: incident.id,
    count: incident.reportCount,
    crew: CREW[incident.status][language],
    eta: etaText(incident, language, zone),
  });
}

export function etaText(incident: IncidentWording, language: ChatLanguage, zone: string): string {
  return incident.etaAt
    ? fill(INCIDENT_TEXTS.eta[language], { eta: formatClock(incident.etaAt, language, zone) })
    : INCIDENT_TEXTS.noEta[language];
}

export type NoticeEvent = 'eta' | 'restored';

/** A notice's text; an SMS carries the opt-out keyword, as the rules for bulk SMS ask. */
export function noticeText(
  event: NoticeEvent,
  incident: IncidentWording,
  language: ChatLanguage,
  channel: 'chat' | 'sms',
  zone: string,
): string {
  const values = {
    area: areaName(incident, language),
    ref: incident.id,
    eta: incident.etaAt ? formatClock(incident.etaAt, language, zone) : '—',
    time: formatClock(incident.restoredAt ?? new Date(), language, zone),
    cause: incident.cause?.[language] ?? '',
  };
  const text = fill(
    INCIDENT_TEXTS[event === 'eta' ? 'noticeEta' : 'noticeRestored'][language],
    values,
  ).trim();
  return channel === 'sms' ? `${text} ${INCIDENT_TEXTS.smsOptOut[language]}` : text;
}

/** The day-before notice of a planned outage (from the outage records). */
export function plannedNoticeText(
  outage: {
    outageNo: string;
    districtCode: string;
    area: Bilingual;
    cause: Bilingual;
    startAt: string;
    estimatedRestoration?: string;
  },
  language: ChatLanguage,
  channel: 'chat' | 'sms',
  zone: string,
): string {
  const text = fill(INCIDENT_TEXTS.noticePlanned[language], {
    district: findDistrict(outage.districtCode)?.[language] ?? outage.districtCode,
    area: outage.area[language],
    start: formatClock(new Date(outage.startAt), language, zone),
    end: outage.estimatedRestoration
      ? formatClock(new Date(outage.estimatedRestoration), language, zone)
      : '—',
    ref: outage.outageNo,
    cause: outage.cause[language],
  });
  return channel === 'sms' ? `${text} ${INCIDENT_TEXTS.smsOptOut[language]}` : text;
}

/** A time as customers read it, in `zone` ("12月1日 14:30", "1 Dec, 14:30"). */
export function formatClock(at: Date, language: ChatLanguage, zone: string): string {
  return customerClock(at, language, zone);
}

/** Storm mode's answer instead of a queue: the incident first, then a callback or "insist". */
export function stormText(incident: IncidentWording, language: ChatLanguage, zone: string): string {
  return fill(INCIDENT_TEXTS.storm[language], {
    area: areaName(incident, language),
    summary: `${knownText(incident, language, zone)} `,
  });
}
