import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, RolesGuard } from '../auth/roles.guard';
import { AccessLogService } from './access-log.service';
import { AccessLogQueryDto } from './dto/access-log-query.dto';

/** Supervisors read the access log; nothing here (or anywhere) changes or deletes an entry. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/access-log')
@UseGuards(RolesGuard)
@Roles('supervisor')
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  @Get()
  @ApiOperation({ summary: 'Who read or unmasked which transcript, when and why; newest first' })
  async list(@Query() query: AccessLogQueryDto) {
    return { entries: await this.accessLog.list(query, query.limit ?? 100) };
  }
}
