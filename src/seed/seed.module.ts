import { Module } from '@nestjs/common';
import { AppModule } from '../app.module';
import { AuthModule } from '../auth/auth.module';
import { ChatModule } from '../chat/chat.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { UtilityModule } from '../utility/utility.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [AppModule, AuthModule, ChatModule, ConversationsModule, UtilityModule],
  providers: [DemoSeedService],
})
export class SeedModule {}
