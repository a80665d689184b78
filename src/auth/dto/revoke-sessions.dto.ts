import { IsMongoId } from 'class-validator';

export class RevokeSessionsDto {
  /** The staff member whose every session ends. */
  @IsMongoId()
  staffId: string;
}
