import { Module } from '@nestjs/common';
import { NluModule } from '../nlu/nlu.module';
import { DialogueService } from './dialogue.service';

@Module({ imports: [NluModule], providers: [DialogueService], exports: [DialogueService] })
export class DialogueModule {}
