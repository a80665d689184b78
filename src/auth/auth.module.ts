import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthController } from './auth.controller';
import { RedisModule } from '../common/redis.module';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { SessionSocketsService } from './session-sockets.service';
import { RolesGuard } from './roles.guard';
import { Session, SessionSchema, Staff, StaffSchema } from './staff.schema';

@Module({
  imports: [
    RedisModule,
    MongooseModule.forFeature([
      { name: Staff.name, schema: StaffSchema },
      { name: Session.name, schema: SessionSchema },
    ]),
  ],
  controllers: [AuthController],
  providers: [AuthService, RolesGuard, LoginThrottleService, SessionSocketsService],
  exports: [AuthService, RolesGuard],
})
export class AuthModule {}
