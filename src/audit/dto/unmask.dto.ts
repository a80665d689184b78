import { IsOptional, IsString, MaxLength } from 'class-validator';

export class UnmaskQueryDto {
  /**
   * Why the supervisor needs the personal data; stored in the access log. Checked (trimmed, at
   * least five characters with a letter) by TranscriptsService, so a refusal is logged too.
   */
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'reason must say why, in 5 to 300 characters' })
  reason?: string;
}
