import { IsIn, IsMongoId, IsOptional, IsString, MaxLength } from 'class-validator';
import { Skill, SKILLS } from '../../tickets/ticket-skill';

export class TransferTicketDto {
  @IsMongoId({ message: 'ticketId must be a ticket id' })
  ticketId: string;

  @IsOptional()
  @IsMongoId({ message: 'toAgentId must be an agent id' })
  toAgentId?: string;

  @IsOptional()
  @IsIn(SKILLS)
  toSkill?: Skill;

  /** An internal note for the next agent; the customer never sees it. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
