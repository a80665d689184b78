import { IsBoolean } from 'class-validator';
import { TicketRefDto } from './ticket-ref.dto';

export class AgentTypingDto extends TicketRefDto {
  @IsBoolean({ message: 'typing must be true or false' })
  typing: boolean;
}
