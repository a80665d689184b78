import { Module } from '@nestjs/common';
import { PiiCipherService } from '../common/pii-cipher.service';
import { ConversationsModule } from '../conversations/conversations.module';
import { NluModule } from '../nlu/nlu.module';
import { UtilityModule } from '../utility/utility.module';
import { AccountAnswers } from './answers/account-answers';
import { OutageAnswers } from './answers/outage.answers';
import { DialogueStateService } from './dialogue-state.service';
import { DialogueService } from './dialogue.service';
import { OpenTurns } from './open-turns';
import { PendingAnswers } from './pending-answers';
import { TaskRunner } from './task-runner';

@Module({
  imports: [NluModule, UtilityModule, ConversationsModule],
  providers: [
    DialogueService,
    DialogueStateService,
    PiiCipherService,
    OutageAnswers,
    AccountAnswers,
    TaskRunner,
    PendingAnswers,
    OpenTurns,
  ],
  exports: [DialogueService, DialogueStateService],
})
export class DialogueModule {}
