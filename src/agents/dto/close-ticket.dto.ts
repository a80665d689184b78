import { IsIn, IsMongoId, IsOptional, IsString, MaxLength } from 'class-validator';
import { RESOLUTION_CODES, ResolutionCode } from '../../tickets/ticket.schema';

export class CloseTicketDto {
  @IsMongoId({ message: 'ticketId must be a ticket id' })
  ticketId: string;

  @IsIn(RESOLUTION_CODES)
  resolution: ResolutionCode;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
