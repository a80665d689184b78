import { IsMongoId } from 'class-validator';

export class TicketRefDto {
  @IsMongoId({ message: 'ticketId must be a ticket id' })
  ticketId: string;
}
