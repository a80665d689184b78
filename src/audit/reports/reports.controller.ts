import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Roles, RolesGuard } from '../../auth/roles.guard';
import { DomainError } from '../../common/domain-error';
import { ReportQueryDto } from './report-query.dto';
import { toCsv } from './report-math';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@UseGuards(RolesGuard)
@Roles('supervisor')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('quality')
  @ApiOperation({
    summary:
      'Volume, containment, escalations, waits, handling, SLA and satisfaction, grouped; ?format=csv',
  })
  async quality(@Query() query: ReportQueryDto, @Res({ passthrough: true }) response: Response) {
    if (query.from > query.to) throw new DomainError('VALIDATION', 'from must not be after to');
    const rows = await this.reports.quality(query.from, query.to, query.groupBy ?? 'day');
    return this.send(response, query, `quality-${query.groupBy ?? 'day'}`, rows, (r) => ({
      ...r,
      escalationReasons: Object.entries(r.escalationReasons)
        .map(([k, v]) => `${k}:${v}`)
        .join(' '),
      agentRatings: Object.entries(r.agentRatings)
        .map(([k, v]) => `${k}:${v}`)
        .join(' '),
    }));
  }

  @Get('bot-misses')
  @ApiOperation({
    summary:
      'What the bot failed on, grouped by similarity; ?format=csv gives candidate training lines',
  })
  async botMisses(@Query() query: ReportQueryDto, @Res({ passthrough: true }) response: Response) {
    if (query.from > query.to) throw new DomainError('VALIDATION', 'from must not be after to');
    const groups = await this.reports.botMisses(query.from, query.to);
    // As CSV: one line per example, with an empty intent column to fill in (the JSONL the NLU trains on).
    const lines = groups.flatMap((g, i) =>
      g.examples.map((text) => ({
        group: i + 1,
        size: g.size,
        language: g.language,
        text,
        intent: '',
      })),
    );
    return query.format === 'csv' ? this.csv(response, 'bot-misses', lines) : { groups };
  }

  private send<T extends object>(
    response: Response,
    query: ReportQueryDto,
    name: string,
    rows: T[],
    flat: (r: T) => Record<string, unknown>,
  ) {
    return query.format === 'csv' ? this.csv(response, name, rows.map(flat)) : { rows };
  }

  private csv(response: Response, name: string, rows: Record<string, unknown>[]): string {
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
    return toCsv(rows);
  }
}
