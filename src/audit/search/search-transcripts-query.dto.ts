import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { isValidAccountNumber } from '../../nlu/account-number';
import { PageQueryDto } from '../../common/page-query.dto';
import { INTENT_NAMES } from '../../nlu/intent-catalogue';
import { SERVICE_AREA } from '../../nlu/service-area';
import { OUTCOMES, Outcome } from './search-terms';

/** Ten digits with a right check digit: a mistyped number is refused, not silently unmatched. */
@ValidatorConstraint({ name: 'isAccountNumber' })
class IsAccountNumber implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidAccountNumber(value);
  }

  defaultMessage(): string {
    return 'account must be a 10-digit account number with its check digit';
  }
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class SearchTranscriptsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Words in Chinese or English; every word must occur (英文词按词干匹配)',
    example: '停电',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Staff id of an agent who handled the conversation' })
  @IsOptional()
  @IsMongoId({ message: 'agentId must be a staff id' })
  agentId?: string;

  @ApiPropertyOptional({ description: 'An intent the bot recognised', enum: INTENT_NAMES })
  @IsOptional()
  @IsIn(INTENT_NAMES, { message: 'intent must be a known intent' })
  intent?: string;

  @ApiPropertyOptional({ enum: SERVICE_AREA.map((d) => d.code) })
  @IsOptional()
  @IsIn(SERVICE_AREA.map((d) => d.code), { message: 'district must be a district code' })
  district?: string;

  @ApiPropertyOptional({
    enum: OUTCOMES,
    description: 'bot: never escalated; escalated: handed to the queue; then abandoned or resolved',
  })
  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: Outcome;

  @ApiPropertyOptional({
    description: "The customer's rating of the agent",
    minimum: 1,
    maximum: 5,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;

  @ApiPropertyOptional({ example: 'web' })
  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,20}$/, { message: 'channel must be a channel name' })
  channel?: string;

  @ApiPropertyOptional({ description: "A conversation id or the customer's name (whole)" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  customer?: string;

  @ApiPropertyOptional({
    description:
      'An account number the conversation was about (read by the bot, or on the ticket); spaces, ' +
      'dashes and full-width digits are accepted',
    example: '1000001014',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
          .replace(/[\s-]/g, '')
      : value,
  )
  @IsString()
  @Validate(IsAccountNumber)
  account?: string;

  @ApiPropertyOptional({
    description: 'Conversations started on or after this UTC day',
    example: '2025-01-31',
  })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day, YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Conversations started on or before this UTC day' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day, YYYY-MM-DD' })
  to?: string;

  /** Deep pages walk many days of postings: capped here, unlike other lists. */
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  override page = 1;
}
