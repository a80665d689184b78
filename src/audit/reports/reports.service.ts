import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { BotMissedEvent, ChatEvents } from '../../chat/chat.events';
import { isDuplicateKey } from '../../common/mongo-errors';
import { dayRangeIn, todayIn } from '../../common/report-dates';
import { AppConfig } from '../../config/app-config';
import { ConversationsService } from '../../conversations/conversations.service';
import { TicketsQueryService } from '../../tickets/tickets-query.service';
import { BotMiss } from './bot-miss.schema';
import { groupSimilar, mean, percentile, rate, TextGroup } from './report-math';

export const GROUP_BY = ['day', 'week', 'district', 'intent', 'channel', 'agent', 'skill'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface ReportRow {
  group: string;
  conversations: number | null;
  containmentRate: number | null;
  escalationRate: number | null;
  tickets: number;
  escalationReasons: Record<string, number>;
  waitP50: number | null;
  waitP90: number | null;
  firstResponseMean: number | null;
  handleMean: number | null;
  slaBreachRate: number | null;
  agentRatingMean: number | null;
  agentRatings: Record<'1' | '2' | '3' | '4' | '5', number>;
  botRatingMean: number | null;
}

/**
 * Service-quality figures, grouped in the database (`$group` with `$sum`, `$avg`, `$cond`, days
 * and weeks by `$dateToString` in SERVICE_TIMEZONE), so a report reads one row per group, not
 * the collection. Percentiles have no operator on every store we run on: a group's waits come
 * back as one list and are ranked here.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly tickets: TicketsQueryService,
    @InjectModel(BotMiss.name) private readonly misses: Model<BotMiss>,
    private readonly config: AppConfig,
  ) {}

  @OnEvent(ChatEvents.botMissed)
  async onBotMissed(event: BotMissedEvent): Promise<void> {
    try {
      await this.misses.create({
        _id: event.messageId,
        conversationId: event.conversationId,
        text: event.text,
        language: event.language,
        intent: event.intent,
        confidence: event.confidence,
        // The service's calendar day (SERVICE_TIMEZONE), as every report's from/to means it: the
        // UTC date put a miss after 00:00 in Shanghai on the day before.
        day: todayIn(this.config.SERVICE_TIMEZONE, new Date(event.at)),
      });
    } catch (error) {
      if (!isDuplicateKey(error))
        this.logger.warn(`bot miss not recorded: ${(error as Error).message}`);
    }
  }

  async quality(from: string, to: string, groupBy: GroupBy): Promise<ReportRow[]> {
    const zone = this.config.SERVICE_TIMEZONE;
    const { start, end } = dayRangeIn(from, to, zone);
    // Agent and skill are facts of tickets only: conversation counts do not apply there.
    const ticketsOnly = groupBy === 'agent' || groupBy === 'skill';
    const [conversations, tickets] = await Promise.all([
      ticketsOnly
        ? Promise.resolve([])
        : this.conversations.qualityGroups(start, end, groupBy, zone),
      this.tickets.qualityGroups(start, end, groupBy, zone),
    ]);
    const groups = new Set([...conversations.map((c) => c.group), ...tickets.map((t) => t.group)]);
    return [...groups].sort().map((group) => {
      const convs = conversations.find((c) => c.group === group);
      const tks = tickets.find((t) => t.group === group);
      const reasons: Record<string, number> = {};
      for (const reason of tks?.reasons ?? []) reasons[reason] = (reasons[reason] ?? 0) + 1;
      const waits = numbers(tks?.waits);
      const ratings = numbers(tks?.agentRatings);
      const count = convs?.conversations ?? 0;
      return {
        group,
        conversations: ticketsOnly ? null : count,
        containmentRate: ticketsOnly ? null : rate(convs?.contained ?? 0, count),
        escalationRate: ticketsOnly ? null : rate(count - (convs?.contained ?? 0), count),
        tickets: tks?.tickets ?? 0,
        escalationReasons: reasons,
        waitP50: percentile(waits, 50),
        waitP90: percentile(waits, 90),
        firstResponseMean: rounded(tks?.firstResponseMean),
        handleMean: rounded(tks?.handleMean),
        slaBreachRate: rate(tks?.breached ?? 0, tks?.tickets ?? 0),
        agentRatingMean: mean(ratings),
        agentRatings: {
          '1': ratings.filter((r) => r === 1).length,
          '2': ratings.filter((r) => r === 2).length,
          '3': ratings.filter((r) => r === 3).length,
          '4': ratings.filter((r) => r === 4).length,
          '5': ratings.filter((r) => r === 5).length,
        },
        botRatingMean: rounded(tks?.botRatingMean),
      };
    });
  }

  /** What the bot failed on, grouped by similarity: candidate training data. */
  async botMisses(from: string, to: string): Promise<(TextGroup & { language: string })[]> {
    const misses = await this.misses
      .find({ day: { $gte: from, $lte: to } })
      .limit(20_000)
      .lean();
    return (['zh', 'en'] as const).flatMap((language) =>
      groupSimilar(misses.filter((m) => m.language === language).map((m) => m.text)).map((g) => ({
        ...g,
        language,
      })),
    );
  }
}

function numbers(values: readonly unknown[] | undefined): number[] {
  return (values ?? []).filter((v): v is number => typeof v === 'number');
}

function rounded(value: number | null | undefined): number | null {
  return typeof value === 'number' ? Math.round(value * 100) / 100 : null;
}
