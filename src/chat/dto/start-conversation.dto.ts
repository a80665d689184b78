import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class StartConversationDto {
  @IsOptional()
  @IsIn(['zh', 'en'])
  language?: 'zh' | 'en';

  @IsOptional()
  @IsString()
  @Length(1, 60)
  customerName?: string;
}
