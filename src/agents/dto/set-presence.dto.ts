import { IsIn } from 'class-validator';

export class SetPresenceDto {
  @IsIn(['online', 'away'])
  presence: 'online' | 'away';
}
