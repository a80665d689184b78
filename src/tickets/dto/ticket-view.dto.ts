import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESOLUTION_CODES, SLA_KINDS, TICKET_STATUSES } from '../ticket.schema';
import type { ResolutionCode, SlaKind, TicketStatus } from '../ticket.schema';
import { SKILLS } from '../ticket-skill';
import type { TicketEventView, TicketView } from '../ticket.views';

/* OpenAPI mirrors of ticket.views.ts: `implements` keeps them from drifting apart. */

export class TicketEventViewDto implements TicketEventView {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ description: 'The status after the event' })
  status: string;

  @ApiProperty({ description: '`bot`, `customer`, `system` or an agent staff id' })
  by: string;

  @ApiPropertyOptional()
  note?: string;
}

export class TicketCallbackDto {
  @ApiProperty()
  phone: string;

  @ApiPropertyOptional()
  message?: string;
}

export class TicketRatingDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  agent?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  bot?: number;

  @ApiPropertyOptional()
  comment?: string;

  @ApiPropertyOptional({ description: 'The agent the rating is attributed to' })
  agentId?: string;
}

export class TicketViewDto implements TicketView {
  @ApiProperty()
  id: string;

  @ApiProperty()
  conversationId: string;

  @ApiProperty({ enum: TICKET_STATUSES })
  status: TicketStatus;

  @ApiProperty({ description: '0 hazard, 1 complaint, 2 other (lower is more urgent)' })
  priority: number;

  @ApiProperty({ description: 'Why the bot handed over', example: 'customer_request' })
  reason: string;

  @ApiProperty({ enum: ['zh', 'en'] })
  language: 'zh' | 'en';

  @ApiProperty({ enum: SKILLS })
  skill: string;

  @ApiProperty({ enum: ['web', 'sms', 'wechat'], description: 'Where the customer talks to us' })
  channel: string;

  @ApiPropertyOptional({ description: 'Transferred to this agent' })
  requiredAgentId?: string;

  @ApiPropertyOptional({ description: 'The agent it is on offer to' })
  offeredTo?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  offerExpiresAt?: string;

  @ApiPropertyOptional({ description: 'The agent who owns it now' })
  agentId?: string;

  @ApiPropertyOptional()
  agentName?: string;

  @ApiProperty({ format: 'date-time' })
  queuedAt: string;

  @ApiPropertyOptional({ format: 'date-time' })
  assignedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  firstResponseAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  resolvedAt?: string;

  @ApiPropertyOptional()
  waitedSeconds?: number;

  @ApiPropertyOptional()
  firstResponseSeconds?: number;

  @ApiPropertyOptional()
  handleSeconds?: number;

  @ApiProperty({ enum: SLA_KINDS, isArray: true })
  slaBreaches: SlaKind[];

  @ApiPropertyOptional({ enum: RESOLUTION_CODES })
  resolution?: ResolutionCode;

  @ApiPropertyOptional({ type: TicketCallbackDto })
  callback?: TicketCallbackDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'What the bot knew when it handed over',
  })
  caseCard?: Record<string, unknown>;

  @ApiPropertyOptional({ type: TicketRatingDto })
  rating?: TicketRatingDto;

  @ApiProperty({ type: [TicketEventViewDto], description: 'Every transition: who, when, why' })
  history: TicketEventViewDto[];
}

export class TicketPageDto {
  @ApiProperty({ type: [TicketViewDto] })
  items: TicketViewDto[];

  @ApiProperty({ minimum: 1 })
  page: number;

  @ApiProperty({ minimum: 1, maximum: 100 })
  limit: number;

  @ApiProperty({ description: 'Tickets matching the filters (and visible to the caller)' })
  total: number;
}
