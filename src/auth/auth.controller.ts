import { Body, Controller, HttpCode, Ip, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../common/domain-error';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { RevokeSessionsDto } from './dto/revoke-sessions.dto';
import { AuthenticatedRequest, bearerToken, Roles, RolesGuard } from './roles.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Log an agent or supervisor in; returns a bearer token for HTTP and sockets (valid 12 h). ' +
      'Throttled per username and per address: 429 RATE_LIMITED with retryAfterSeconds',
  })
  async login(@Body() body: LoginDto, @Ip() ip: string) {
    const { token, principal } = await this.auth.login(body.username, body.password, ip);
    return { token, staff: principal };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(RolesGuard)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "Ends the caller's session; its sockets are disconnected" })
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    await this.auth.logout(bearerToken(request) ?? '');
  }

  @Post('sessions/revoke')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(RolesGuard)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Ends every session of one staff member; their sockets are disconnected',
  })
  async revoke(@Body() body: RevokeSessionsDto) {
    if (!(await this.auth.exists(body.staffId)))
      throw new DomainError('NOT_FOUND', 'No such staff member');
    return { revoked: await this.auth.revokeAll(body.staffId) };
  }
}
