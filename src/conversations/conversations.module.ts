import { ConversationTurnsService } from './conversation-turns.service';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PiiCipherService } from '../common/pii-cipher.service';
import { Conversation, ConversationSchema } from './conversation.schema';
import { ConversationsService } from './conversations.service';
import { MessageOriginal, MessageOriginalSchema } from './message-original.schema';
import { Message, MessageSchema } from './message.schema';
import { MessagesService } from './messages.service';
import { PersonalRefService } from './personal-ref.service';
import { RetentionService } from './retention.service';

/** The system of record for conversations and their messages; every other module goes through it. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Conversation.name, schema: ConversationSchema },
      { name: Message.name, schema: MessageSchema },
      { name: MessageOriginal.name, schema: MessageOriginalSchema },
    ]),
  ],
  providers: [
    ConversationsService,
    ConversationTurnsService,
    MessagesService,
    RetentionService,
    PersonalRefService,
    PiiCipherService,
  ],
  exports: [ConversationsService, ConversationTurnsService, MessagesService, PersonalRefService],
})
export class ConversationsModule {}
