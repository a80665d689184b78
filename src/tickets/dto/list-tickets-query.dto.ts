import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsMongoId,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { TICKET_STATUSES, TicketStatus } from '../ticket.schema';
import { SKILLS, Skill } from '../ticket-skill';

/** `status=queued,offered` (or `status=queued&status=offered`) becomes a list of statuses. */
const commaList = ({ value }: { value: unknown }): unknown => {
  const parts = [value]
    .flat()
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
    .map((v) => (typeof v === 'string' ? v.trim() : v));
  return parts.filter((v) => v !== '');
};

/** Only the literal strings `true` and `false`: `?slaBreached=yes` is a client's typo, not false. */
const strictBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListTicketsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'One status or several, comma-separated',
    example: 'queued,offered',
    enum: TICKET_STATUSES,
    isArray: true,
    type: String,
  })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayNotEmpty({ message: 'status must name at least one status' })
  @IsIn(TICKET_STATUSES, {
    each: true,
    message: `status must be among ${TICKET_STATUSES.join(', ')}`,
  })
  status?: TicketStatus[];

  @ApiPropertyOptional({ description: '0 hazard, 1 complaint, 2 other', minimum: 0, maximum: 2 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2)
  priority?: number;

  @ApiPropertyOptional({ enum: SKILLS })
  @IsOptional()
  @IsIn(SKILLS)
  skill?: Skill;

  @ApiPropertyOptional({ enum: ['zh', 'en'] })
  @IsOptional()
  @IsIn(['zh', 'en'])
  language?: 'zh' | 'en';

  @ApiPropertyOptional({ description: 'Staff id of the agent who owns the ticket now' })
  @IsOptional()
  @IsMongoId({ message: 'agentId must be a staff id' })
  agentId?: string;

  @ApiPropertyOptional({ description: 'The conversation the ticket belongs to' })
  @IsOptional()
  @IsMongoId({ message: 'conversationId must be a conversation id' })
  conversationId?: string;

  @ApiPropertyOptional({
    description: 'Queued at or after this instant (ISO 8601)',
    type: String,
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({
    description: 'Queued at or before this instant (ISO 8601)',
    type: String,
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date' })
  to?: string;

  @ApiPropertyOptional({
    description: 'true: only tickets that missed an SLA target; false: only those that did not',
    type: Boolean,
  })
  @IsOptional()
  @Transform(strictBoolean)
  @IsIn([true, false], { message: 'slaBreached must be true or false' })
  slaBreached?: boolean;
}
