import { IsIn, IsOptional, Matches } from 'class-validator';
import { GROUP_BY, GroupBy } from './reports.service';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ReportQueryDto {
  @Matches(DAY, { message: 'from must be a day, YYYY-MM-DD' })
  from: string;

  @Matches(DAY, { message: 'to must be a day, YYYY-MM-DD' })
  to: string;

  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: GroupBy;

  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
