import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class TakeCallbackDto {
  @ApiProperty({ example: 'DH-F02@2026-12-01T12:00Z' })
  @IsString()
  @Length(1, 200)
  incidentId: string;
}

export const CALLBACK_OUTCOMES = ['done', 'failed'] as const;

/** How the call went: done (spoke to the customer) or failed (no answer, wrong number). */
export class CloseCallbackDto {
  @ApiProperty({ enum: CALLBACK_OUTCOMES })
  @IsIn(CALLBACK_OUTCOMES)
  outcome: (typeof CALLBACK_OUTCOMES)[number];

  @ApiPropertyOptional({ example: 'No answer twice; left a voicemail' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class ListCallbacksQueryDto {
  @ApiPropertyOptional({ description: 'Only this incident’s callbacks' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  incidentId?: string;
}
