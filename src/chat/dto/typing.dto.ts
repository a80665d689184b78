import { IsBoolean } from 'class-validator';

export class TypingDto {
  @IsBoolean({ message: 'typing must be true or false' })
  typing: boolean;
}
