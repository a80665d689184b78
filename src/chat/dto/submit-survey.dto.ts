import { IsInt, IsMongoId, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class SubmitSurveyDto {
  @IsMongoId({ message: 'ticketId must be a ticket id' })
  ticketId: string;

  /** 1–5 for the agent who served the customer. */
  @IsInt()
  @Min(1)
  @Max(5)
  agentRating: number;

  /** 1–5 for the bot's part of the conversation, rated apart. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  botRating?: number;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}
