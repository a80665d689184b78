import { Body, Controller, Get, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedRequest, Roles, RolesGuard } from '../auth/roles.guard';
import { CallbackView } from './callback.views';
import { CallbacksService } from './callbacks.service';
import { CloseCallbackDto, ListCallbacksQueryDto, TakeCallbackDto } from './dto/callback.dto';

@ApiTags('incidents')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@Controller('incident-callbacks')
@UseGuards(RolesGuard)
@Roles('agent', 'supervisor')
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Get()
  @ApiOperation({ summary: 'Open callbacks (pending or taken), oldest first; numbers masked' })
  list(@Query() query: ListCallbacksQueryDto): Promise<CallbackView[]> {
    return this.callbacks.listOpen(query.incidentId);
  }

  @Get('mine')
  @ApiOperation({
    summary: 'The callbacks I hold; the number whole only with the unmask permission',
  })
  mine(@Req() request: AuthenticatedRequest): Promise<CallbackView[]> {
    return this.callbacks.mine(request.principal);
  }

  @Post('take')
  @ApiOperation({ summary: "Take the incident's longest-waiting callback" })
  @ApiNotFoundResponse({ description: 'No such incident' })
  @ApiConflictResponse({ description: 'None waiting, or held while the storm lasts' })
  take(@Body() body: TakeCallbackDto, @Req() request: AuthenticatedRequest): Promise<CallbackView> {
    return this.callbacks.take(body.incidentId, request.principal);
  }

  @Post(':id/close')
  @ApiOperation({ summary: 'Mark a callback I hold done or failed' })
  @ApiBadRequestResponse({ description: 'The outcome is not done or failed' })
  @ApiNotFoundResponse({ description: 'No such callback' })
  @ApiConflictResponse({ description: 'Not held by me (any more)' })
  close(
    @Param('id') id: string,
    @Body() body: CloseCallbackDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CallbackView> {
    return this.callbacks.close(id, request.principal, body.outcome, body.note);
  }
}
