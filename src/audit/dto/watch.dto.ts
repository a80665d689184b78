import { IsMongoId, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class WatchConversationDto {
  @IsMongoId({ message: 'conversationId must be a conversation id' })
  conversationId: string;
}

export class WhisperDto {
  @IsMongoId({ message: 'ticketId must be a ticket id' })
  ticketId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  text: string;
}
