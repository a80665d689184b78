import { Module } from '@nestjs/common';
import { PiiCipherService } from '../common/pii-cipher.service';
import { ConversationsModule } from '../conversations/conversations.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { NluModule } from '../nlu/nlu.module';
import { UtilityModule } from '../utility/utility.module';
import { AccountAnswers } from './answers/account-answers';
import { NoticeAnswers } from './answers/notice.answers';
import { OutageAnswers } from './answers/outage.answers';
import { DialogueStateService } from './dialogue-state.service';
import { DialogueService } from './dialogue.service';
import { OpenTurns } from './open-turns';
import { PendingAnswers } from './pending-answers';
import { TaskRunner } from './task-runner';

@Module({
  imports: [NluModule, UtilityModule, ConversationsModule, IncidentsModule],
  providers: [
    DialogueService,
    DialogueStateService,
    PiiCipherService,
    OutageAnswers,
    NoticeAnswers,
    AccountAnswers,
    TaskRunner,
    PendingAnswers,
    OpenTurns,
  ],
  exports: [DialogueService, DialogueStateService],
})
export class DialogueModule {}
