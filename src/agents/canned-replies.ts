import { Bilingual } from '../common/bilingual';

export interface CannedReply {
  id: string;
  title: Bilingual;
  /** Placeholders: {customer}, {agent}, {ticket}. */
  text: Bilingual;
}

/** Replies agents send often, in both languages; the console fills the placeholders. */
export const CANNED_REPLIES: CannedReply[] = [
  {
    id: 'greeting',
    title: { zh: '问候', en: 'Greeting' },
    text: {
      zh: '您好{customer}，我是客服{agent}，很高兴为您服务。',
      en: 'Hello {customer}, this is {agent}. How can I help you today?',
    },
  },
  {
    id: 'checking',
    title: { zh: '正在查询', en: 'Checking' },
    text: {
      zh: '请稍等，我正在为您查询相关信息。',
      en: 'One moment please, I am looking into this for you.',
    },
  },
  {
    id: 'repair-dispatched',
    title: { zh: '已派抢修', en: 'Crew dispatched' },
    text: {
      zh: '抢修人员已经出发，恢复供电后会第一时间通知您。工单号：{ticket}。',
      en: 'A repair crew is on the way; we will let you know as soon as power is back. Reference: {ticket}.',
    },
  },
  {
    id: 'safety',
    title: { zh: '安全提示', en: 'Safety' },
    text: {
      zh: '请不要靠近或触碰掉落、冒火花的电线，保持至少 10 米距离，并提醒家人和邻居。',
      en: 'Please stay at least 10 metres away from any fallen or sparking line and do not touch it; warn others nearby.',
    },
  },
  {
    id: 'closing',
    title: { zh: '结束语', en: 'Closing' },
    text: {
      zh: '还有其他可以帮您的吗？如没有，我将结束本次服务，感谢您的耐心。',
      en: 'Is there anything else I can help with? If not, I will close this chat. Thank you for your patience.',
    },
  },
];
