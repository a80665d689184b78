import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** The longest chat message, in characters: longer ones are refused whole, never cut. */
export const MESSAGE_MAX_CHARS = 2000;

/** A chat message from a customer or an agent. */
export class SendMessageDto {
  /** Chosen by the client, unique within the conversation: a resend after a lost ack is stored once. */
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, {
    message: 'clientMessageId must be 1-64 letters, digits or _.:-',
  })
  clientMessageId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(MESSAGE_MAX_CHARS, { message: `text must be at most ${MESSAGE_MAX_CHARS} characters` })
  text: string;
}
