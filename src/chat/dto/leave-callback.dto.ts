import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class LeaveCallbackDto {
  /** A Chinese mobile number (11 digits from 1[3-9]) or an international one (+ and 7–15 digits). */
  @IsString()
  @Matches(/^(?:1[3-9]\d{9}|\+\d{7,15})$/, {
    message: 'phone must be a mobile number like 13812345678 or +85291234567',
  })
  phone: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  message?: string;
}
