import { IsMongoId, IsOptional, IsString, MaxLength } from 'class-validator';

export class CloseTicketDto {
  @IsMongoId({ message: 'ticketId must be a ticket id' })
  ticketId: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  resolution?: string;
}
