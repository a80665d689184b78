import { Bilingual } from '../common/bilingual';

/** What the starter bot says; every text exists in both languages. */
export const REPLIES = {
  welcome: {
    zh: '您好！我是电力客服助手，可以帮您处理停电、电费和账户问题。需要人工服务，请随时说“转人工”。',
    en: 'Hello! I\'m the power company\'s virtual assistant. I can help with outages, bills and your account. Say "talk to an agent" at any time to reach a person.',
  },
  greeting: {
    zh: '您好！请问有什么可以帮您？例如：“我家停电了”、“查询电费”或“转人工”。',
    en: 'Hi! How can I help? For example: "my power is out", "check my bill" or "talk to an agent".',
  },
  outage: {
    zh: '很抱歉您遇到停电。请告诉我您的户号或所在区域，我来查询抢修进度。如看到电线落地、冒火花或冒烟，请立即远离并拨打 95598。',
    en: "I'm sorry your power is out. Please tell me your account number or your district and I'll look up the repair status. If you see a fallen, sparking or smoking line, keep well away and call 95598 now.",
  },
  billing: {
    zh: '电费问题我可以帮您查询。请提供您的户号，我将为您查询应缴金额和缴费方式。',
    en: 'I can help with your bill. Please give me your account number and I will look up the amount due and how to pay.',
  },
  hazard: {
    zh: '安全第一：请立即远离掉落或冒火花的电线和设备，不要触碰，并拨打 95598 或 110。我正在为您紧急转接人工客服。',
    en: 'Safety first: keep well away from any fallen or sparking line or equipment, do not touch it, and call 95598 or 110 now. I am connecting you to an agent urgently.',
  },
  handoff: {
    zh: '好的，正在为您转接人工客服，请稍候，您的对话记录会一并转给客服。',
    en: 'Sure, I am connecting you to an agent. Please hold on; they will see our conversation so far.',
  },
  notUnderstood: {
    zh: '抱歉，我没有完全理解。您可以换个说法，或者说“转人工”联系客服。',
    en: 'Sorry, I did not quite understand. Could you rephrase it? You can also say "talk to an agent".',
  },
  goodbye: {
    zh: '感谢您的咨询，祝您生活愉快！',
    en: 'Thank you for contacting us. Have a good day!',
  },
  thanks: {
    zh: '不客气！还有其他可以帮您的吗？',
    en: "You're welcome! Is there anything else I can help with?",
  },
} satisfies Record<string, Bilingual>;

export type ReplyKey = keyof typeof REPLIES;
