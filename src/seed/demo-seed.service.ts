import { Injectable, Logger } from '@nestjs/common';
import { AuthService, NewStaff } from '../auth/auth.service';
import { ChatService } from '../chat/chat.service';
import { ChatLanguage } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';
import { UtilitySeedService } from '../utility/utility-seed.service';

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
    permissions: ['unmask'],
  },
  {
    username: 'supervisor.qa',
    displayName: '林悦 Lin Yue (QA)',
    role: 'supervisor',
    password: DEMO_PASSWORD,
    languages: ['zh', 'en'],
  },
];

/** The demo city's seed: the same customers, bills and outages on every machine. */
export const DEMO_CITY_SEED = 20260101;
export const DEMO_CITY_CUSTOMERS = 3000;

const DEMO_CONVERSATIONS: { customerName: string; language: ChatLanguage; lines: string[] }[] = [
  { customerName: '张伟', language: 'zh', lines: ['你好', '我家停电了，户号1000001014'] },
  {
    customerName: 'Emily Carter',
    language: 'en',
    lines: ['hi', 'why is my bill so high? account 1000004067', '4321'],
  },
  {
    customerName: '王芳',
    language: 'zh',
    // An arrangement is summarised and confirmed before it is logged and handed to a person.
    lines: ['我想申请分期缴纳欠费，户号1000003051', '9012', '好的，提交吧'],
  },
  {
    customerName: 'Mr. Osei',
    language: 'en',
    lines: ['my power is out in Nangang', 'I want to talk to a person'],
  },
];

/**
 * Demo agents, a supervisor, the demo city's utility records, and a few customers' conversations,
 * some of them waiting for an agent.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly auth: AuthService,
    private readonly chat: ChatService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly utility: UtilitySeedService,
  ) {}

  async run(): Promise<void> {
    for (const member of DEMO_STAFF) await this.auth.upsertStaff(member);
    const city = await this.utility.seed({
      seed: DEMO_CITY_SEED,
      customers: DEMO_CITY_CUSTOMERS,
      now: new Date(),
    });
    this.logger.log(
      city.skipped
        ? 'utility records exist already: kept them'
        : `utility records: ${JSON.stringify(city.counts)} in ${(city.durationMs / 1000).toFixed(1)} s`,
    );
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
        await this.chat.answer(conversation._id, text, `seed-${i}`);
      }
    }
    this.logger.log(`added ${DEMO_CONVERSATIONS.length} demo conversations`);
  }
}
