import { Injectable, Logger } from '@nestjs/common';
import { AuthService, NewStaff } from '../auth/auth.service';
import { ChatService } from '../chat/chat.service';
import { ChatLanguage } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';

export const DEMO_PASSWORD = 'powerdesk-demo';

export const DEMO_STAFF: NewStaff[] = [
  {
    username: 'agent.li',
    displayName: '李娜 Li Na',
    role: 'agent',
    password: DEMO_PASSWORD,
    languages: ['zh', 'en'],
    skills: ['outage', 'billing'],
  },
  {
    username: 'agent.sam',
    displayName: 'Sam Taylor',
    role: 'agent',
    password: DEMO_PASSWORD,
    languages: ['en'],
    skills: ['billing', 'account'],
  },
  {
    username: 'supervisor.zhou',
    displayName: '周敏 Zhou Min',
    role: 'supervisor',
    password: DEMO_PASSWORD,
    languages: ['zh', 'en'],
  },
];

const DEMO_CONVERSATIONS: { customerName: string; language: ChatLanguage; lines: string[] }[] = [
  { customerName: '王先生', language: 'zh', lines: ['你好', '我家停电了，什么时候来电？'] },
  { customerName: 'Ms. Carter', language: 'en', lines: ['hi', 'can you check my bill?'] },
  { customerName: '陈女士', language: 'zh', lines: ['电费怎么这么高', '转人工'] },
  {
    customerName: 'Mr. Osei',
    language: 'en',
    lines: ['my power is out', 'I want to talk to a person'],
  },
];

/** Demo agents, a supervisor and a few customers' conversations, two of them waiting for an agent. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly auth: AuthService,
    private readonly chat: ChatService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
  ) {}

  async run(): Promise<void> {
    for (const member of DEMO_STAFF) await this.auth.upsertStaff(member);
    this.logger.log(
      `staff: ${DEMO_STAFF.map((s) => `${s.username} (${s.role})`).join(', ')}; password "${DEMO_PASSWORD}"`,
    );

    if ((await this.conversations.listRecent(1)).length > 0) {
      this.logger.log('conversations exist already: not adding demo conversations');
      return;
    }
    for (const demo of DEMO_CONVERSATIONS) {
      const { conversation } = await this.chat.start(demo.language, demo.customerName);
      for (const [i, text] of demo.lines.entries()) {
        await this.messages.append(conversation._id, {
          sender: 'customer',
          clientMessageId: `seed-${i}`,
          text,
        });
        await this.chat.answer(conversation._id, text);
      }
    }
    this.logger.log(`added ${DEMO_CONVERSATIONS.length} demo conversations`);
  }
}
