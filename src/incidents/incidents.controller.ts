import { Body, Controller, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles, RolesGuard } from '../auth/roles.guard';
import { LoopbackSmsProvider } from '../sms/loopback-sms.provider';
import {
  ListIncidentsQueryDto,
  StormSwitchDto,
  UpdateIncidentDto,
} from './dto/update-incident.dto';
import { IncidentDetail, IncidentQueriesService } from './incident-queries.service';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentView } from './incident.views';
import { StormService } from './storm.service';

@ApiTags('incidents')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@Controller('incidents')
@UseGuards(RolesGuard)
@Roles('agent', 'supervisor')
export class IncidentsController {
  constructor(
    private readonly queries: IncidentQueriesService,
    private readonly updates: IncidentUpdatesService,
    private readonly storm: StormService,
    private readonly loopback: LoopbackSmsProvider,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Open incidents (all=true: restored ones too), newest first' })
  list(@Query() query: ListIncidentsQueryDto): Promise<IncidentView[]> {
    return this.queries.list(query.all === 'true');
  }

  @Get('sms-loopback')
  @Roles('supervisor')
  @ApiOperation({ summary: 'What the built-in loopback SMS provider "sent" (numbers masked)' })
  @ApiForbiddenResponse({ description: 'Not a supervisor' })
  sms() {
    return this.loopback.sent();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One incident with its reports, subscriptions, callbacks and notices' })
  @ApiNotFoundResponse({ description: 'No such incident' })
  get(@Param('id') id: string): Promise<IncidentDetail> {
    return this.queries.detail(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Update an incident's status, estimate or cause",
    description: 'A changed estimate and the restoration each send one notice per subscriber.',
  })
  @ApiBadRequestResponse({ description: 'A field is malformed' })
  @ApiNotFoundResponse({ description: 'No such incident' })
  @ApiConflictResponse({ description: 'Not a move the incident can make (e.g. after restored)' })
  update(@Param('id') id: string, @Body() body: UpdateIncidentDto): Promise<IncidentView> {
    return this.updates.update(id, {
      ...(body.status && { status: body.status }),
      ...(body.etaAt && { etaAt: new Date(body.etaAt) }),
      ...(body.causeZh && body.causeEn && { cause: { zh: body.causeZh, en: body.causeEn } }),
    });
  }

  @Post(':id/storm')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Switch storm mode on or off for an incident' })
  @ApiForbiddenResponse({ description: 'Not a supervisor' })
  @ApiNotFoundResponse({ description: 'No such incident' })
  @ApiConflictResponse({ description: 'The incident is restored' })
  switchStorm(@Param('id') id: string, @Body() body: StormSwitchDto): Promise<IncidentView> {
    return this.storm.set(id, body.on, new Date());
  }
}
