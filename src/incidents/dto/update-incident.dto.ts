import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
} from 'class-validator';
import { INCIDENT_STATUSES, IncidentStatus } from '../incident-status';

/** A staff update of an incident; the cause comes in both languages or not at all. */
export class UpdateIncidentDto {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ApiPropertyOptional({
    description: 'Estimated restoration, ISO 8601',
    example: '2026-12-01T16:30:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  etaAt?: string;

  @ApiPropertyOptional({ example: '电缆故障，正在更换' })
  @ValidateIf((o: UpdateIncidentDto) => o.causeZh !== undefined || o.causeEn !== undefined)
  @IsString()
  @Length(1, 200)
  causeZh?: string;

  @ApiPropertyOptional({ example: 'Cable fault; the section is being replaced' })
  @ValidateIf((o: UpdateIncidentDto) => o.causeZh !== undefined || o.causeEn !== undefined)
  @IsString()
  @Length(1, 200)
  causeEn?: string;
}

export class StormSwitchDto {
  @ApiPropertyOptional({
    description: 'true: storm mode on; false: off (the rate no longer turns it on)',
  })
  @IsBoolean()
  on: boolean;
}

export class ListIncidentsQueryDto {
  @ApiPropertyOptional({ description: 'Also restored incidents', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  all?: 'true' | 'false';
}
