import { IsString, Length } from 'class-validator';

export class UnmaskQueryDto {
  /** Why the supervisor needs the personal data; stored in the access log. */
  @IsString()
  @Length(5, 300, { message: 'reason must say why, in 5 to 300 characters' })
  reason: string;
}
