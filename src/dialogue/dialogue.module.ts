import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NluModule } from '../nlu/nlu.module';
import { UtilityModule } from '../utility/utility.module';
import { AccountAnswers } from './answers/account-answers';
import { OutageAnswers } from './answers/outage.answers';
import { DialogueState, DialogueStateSchema } from './dialogue-state.schema';
import { DialogueStateService } from './dialogue-state.service';
import { DialogueService } from './dialogue.service';
import { OpenTurns } from './open-turns';
import { PendingAnswers } from './pending-answers';
import { TaskRunner } from './task-runner';

@Module({
  imports: [
    NluModule,
    UtilityModule,
    MongooseModule.forFeature([{ name: DialogueState.name, schema: DialogueStateSchema }]),
  ],
  providers: [
    DialogueService,
    DialogueStateService,
    OutageAnswers,
    AccountAnswers,
    TaskRunner,
    PendingAnswers,
    OpenTurns,
  ],
  exports: [DialogueService],
})
export class DialogueModule {}
