import { Bilingual } from '../common/bilingual';

/** What the customer is told as the handoff moves on; every text exists in both languages. */
export const HANDOFF_TEXTS = {
  agentJoined: {
    zh: '客服 {agent} 已接入，正在查看您之前的对话，请稍候。',
    en: '{agent} from customer service has joined and can see our conversation so far.',
  },
  agentLeft: {
    zh: '客服暂时离开了，已为您优先重新排队，请稍候。',
    en: 'Your agent has been disconnected. You are back at the front of the queue; please hold on.',
  },
  transferred: {
    zh: '正在为您转接其他客服，请稍候，对话记录会一并转过去。',
    en: 'I am transferring you to another agent; they will see our conversation so far.',
  },
  resolved: {
    zh: '本次人工服务已结束，感谢您的耐心。如还有问题，可以继续问我，或再次说“转人工”。',
    en: 'The agent has ended this chat. Thank you for your patience. You can keep asking me, or say "talk to an agent" again.',
  },
  survey: {
    zh: '请为本次客服服务打分（1-5 分，5 分最满意），也可以留下意见。',
    en: 'Please rate the agent who helped you from 1 to 5 (5 is best); you may add a comment.',
  },
  surveyThanks: {
    zh: '感谢您的评价！',
    en: 'Thank you for your feedback!',
  },
  cancelled: {
    zh: '已为您取消排队。还有什么我可以帮您的吗？',
    en: 'You have left the queue. Is there anything else I can help with?',
  },
  noAgentsOnline: {
    zh: '现在没有在线的人工客服。您可以继续等待，或留下手机号和留言，我们会尽快回电。',
    en: 'No agent is online right now. You can keep waiting, or leave your phone number and a message and we will call you back.',
  },
  outOfHours: {
    zh: '现在是非工作时间（人工客服服务时间 {hours}）。您可以留下手机号和留言，我们上班后会第一时间回电；紧急停电或安全隐患请拨打 95598。',
    en: 'Our agents are off duty now (service hours {hours}). Leave your phone number and a message and we will call you back first thing; for an emergency or a safety hazard call 95598.',
  },
  callbackNoted: {
    zh: '已记录您的回电请求，客服上线后会尽快联系您。',
    en: 'Your callback request is noted; an agent will call you as soon as one is available.',
  },
} satisfies Record<string, Bilingual>;
