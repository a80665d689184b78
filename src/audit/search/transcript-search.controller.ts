import { Controller, Get, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedRequest, Roles, RolesGuard } from '../../auth/roles.guard';
import { SearchTranscriptsQueryDto } from './search-transcripts-query.dto';
import { TranscriptSearchPage, TranscriptSearchService } from './transcript-search.service';

/** Registered before TranscriptsController, whose `:conversationId` would take "search". */
@ApiTags('transcripts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Not a supervisor' })
@Controller('transcripts')
@UseGuards(RolesGuard)
@Roles('supervisor')
export class TranscriptSearchController {
  constructor(private readonly search: TranscriptSearchService) {}

  @Get('search')
  @ApiOperation({
    summary: 'Search transcripts by words and facets, newest conversation first',
    description:
      'Every word of q must occur (Chinese by character pairs, English by stem); filters are ' +
      'ANDed. from/to are UTC days on which the conversation started. The search is written ' +
      'to the access log.',
  })
  @ApiBadRequestResponse({ description: 'A query value is malformed or out of range' })
  find(
    @Query() query: SearchTranscriptsQueryDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<TranscriptSearchPage> {
    return this.search.search(query, request.principal);
  }
}
