import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log an agent or supervisor in; returns a bearer token for HTTP and sockets',
  })
  async login(@Body() body: LoginDto) {
    const { token, principal } = await this.auth.login(body.username, body.password);
    return { token, staff: principal };
  }
}
