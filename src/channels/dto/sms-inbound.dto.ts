import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

/** What the SMS gateway posts for one received text (docs/channels.md). */
export class SmsInboundDto {
  @ApiProperty({ description: "The gateway's id of this text (a redelivery repeats it)" })
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'messageId must be 1-64 letters, digits or _.:-' })
  messageId: string;

  @ApiProperty({ example: '+8613800138000', description: "The customer's number" })
  @IsString()
  @Length(3, 32)
  from: string;

  @ApiProperty({ required: false, description: 'The utility number the text was sent to' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  to?: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  text: string;
}
