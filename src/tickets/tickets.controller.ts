import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedRequest, Roles, RolesGuard } from '../auth/roles.guard';
import { ListTicketsQueryDto } from './dto/list-tickets-query.dto';
import { TicketPageDto, TicketViewDto } from './dto/ticket-view.dto';
import { TicketPage, TicketsQueryService } from './tickets-query.service';
import { TicketView } from './ticket.views';

@ApiTags('tickets')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@Controller('tickets')
@UseGuards(RolesGuard)
@Roles('agent', 'supervisor')
export class TicketsController {
  constructor(private readonly queries: TicketsQueryService) {}

  @Get()
  @ApiOperation({
    summary: 'List tickets, filtered and paginated',
    description:
      'A supervisor sees every ticket; an agent sees the waiting queue (queued, offered) and ' +
      'the tickets they own or have owned, whatever the filters. When every requested status ' +
      'is a waiting one (queued, offered) the list is in queue order (priority, then longest ' +
      'waiting); otherwise newest first by queuedAt.',
  })
  @ApiOkResponse({ type: TicketPageDto })
  @ApiBadRequestResponse({ description: 'A query value is malformed or out of range' })
  list(
    @Query() query: ListTicketsQueryDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<TicketPage> {
    return this.queries.list(request.principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One ticket with its history (who moved it, when and why)' })
  @ApiParam({ name: 'id', description: 'Ticket id (24 hex digits)' })
  @ApiOkResponse({ type: TicketViewDto })
  @ApiBadRequestResponse({ description: 'Malformed id' })
  @ApiForbiddenResponse({ description: "An agent asking for another agent's ticket" })
  @ApiNotFoundResponse({ description: 'No such ticket' })
  get(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<TicketView> {
    return this.queries.view(request.principal, id);
  }
}
