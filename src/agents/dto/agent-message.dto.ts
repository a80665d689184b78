import { IsMongoId } from 'class-validator';
import { SendMessageDto } from '../../common/send-message.dto';

export class AgentMessageDto extends SendMessageDto {
  @IsMongoId({ message: 'ticketId must be a ticket id' })
  ticketId: string;
}
