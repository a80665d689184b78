import { Bilingual } from '../common/bilingual';

/** What the customer is told as the handoff moves on; every text exists in both languages. */
export const HANDOFF_TEXTS = {
  agentJoined: {
    zh: '客服 {agent} 已接入，正在查看您之前的对话，请稍候。',
    en: '{agent} from customer service has joined and can see our conversation so far.',
  },
  closed: {
    zh: '本次人工服务已结束，感谢您的耐心。如还有问题，可以继续问我，或再次说“转人工”。',
    en: 'The agent has ended this chat. Thank you for your patience. You can keep asking me, or say "talk to an agent" again.',
  },
} satisfies Record<string, Bilingual>;
