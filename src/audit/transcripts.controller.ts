import {
  Controller,
  DefaultValuePipe,
  Get,
  Param,
  ParseIntPipe,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, Roles, RolesGuard } from '../auth/roles.guard';
import { DomainError } from '../common/domain-error';
import { UnmaskQueryDto } from './dto/unmask.dto';
import { TranscriptsService } from './transcripts.service';

@ApiTags('transcripts')
@ApiBearerAuth()
@Controller('transcripts')
@UseGuards(RolesGuard)
@Roles('supervisor')
export class TranscriptsController {
  constructor(private readonly transcripts: TranscriptsService) {}

  @Get()
  @ApiOperation({ summary: 'Most recently active conversations (no message content)' })
  async list(@Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number) {
    if (limit < 1 || limit > 100)
      throw new DomainError('VALIDATION', 'limit must be between 1 and 100');
    return { conversations: await this.transcripts.recent(limit) };
  }

  @Get(':conversationId/messages/:messageId/original')
  @ApiOperation({
    summary: 'The unmasked text of one message: needs the unmask permission and a reason; logged',
  })
  async unmask(
    @Param('conversationId') conversationId: string,
    @Param('messageId') messageId: string,
    @Query() query: UnmaskQueryDto,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.transcripts.unmask(conversationId, messageId, query.reason, request.principal);
  }

  @Get(':conversationId')
  @ApiOperation({ summary: 'A whole transcript; the read is written to the access log' })
  async read(
    @Param('conversationId') conversationId: string,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.transcripts.read(conversationId, request.principal);
  }
}
