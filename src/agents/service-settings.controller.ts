import { Controller, Get, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles, RolesGuard } from '../auth/roles.guard';
import { AppConfig } from '../config/app-config';

export class ServiceSettingsDto {
  @ApiProperty({
    example: 'Asia/Shanghai',
    description:
      "The service's IANA time zone (SERVICE_TIMEZONE): report days, service hours and the times customers are told",
  })
  timeZone: string;
}

/**
 * What the staff pages must know of the service's configuration. The supervisor desk needs the
 * zone before its first report: the default range "the last 7 days" means the service's days,
 * as the reports count them, not the browser's. It sits with the agents module, which owns the
 * service hours that the same zone defines.
 */
@ApiTags('agents')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@Controller('service-settings')
@UseGuards(RolesGuard)
@Roles('agent', 'supervisor')
export class ServiceSettingsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: "The service's settings the staff pages use (its time zone)" })
  @ApiOkResponse({ type: ServiceSettingsDto })
  settings(): ServiceSettingsDto {
    return { timeZone: this.config.SERVICE_TIMEZONE };
  }
}
