import { IsString, Length } from 'class-validator';

export class ResumeConversationDto {
  @IsString()
  @Length(16, 200)
  resumeToken: string;
}
