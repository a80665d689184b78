import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { BotMissedEvent, ChatEvents } from '../../chat/chat.events';
import { isDuplicateKey } from '../../common/mongo-errors';
import { ConversationsService } from '../../conversations/conversations.service';
import { TicketsService } from '../../tickets/tickets.service';
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

const NONE = '(none)';

/**
 * Service-quality figures from fields stored ready to group on (day, week, district, intent,
 * channel on conversations; the same and agent, skill, timings, rating on tickets). Grouping,
 * sums, counts and percentiles are done here, not in pipelines: FerretDB v1 has no $avg, $cond or
 * date operators, and percentiles have no operator anywhere.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly tickets: TicketsService,
    @InjectModel(BotMiss.name) private readonly misses: Model<BotMiss>,
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
        day: event.at.slice(0, 10),
      });
    } catch (error) {
      if (!isDuplicateKey(error))
        this.logger.warn(`bot miss not recorded: ${(error as Error).message}`);
    }
  }

  async quality(from: string, to: string, groupBy: GroupBy): Promise<ReportRow[]> {
    const [conversations, tickets] = await Promise.all([
      // Agent and skill are facts of tickets only: conversation counts do not apply there.
      groupBy === 'agent' || groupBy === 'skill'
        ? Promise.resolve([])
        : this.conversations.listForReport(from, to),
      this.tickets.listForReport(from, to),
    ]);
    const convKey = (c: (typeof conversations)[number]): string =>
      (groupBy === 'day'
        ? c.day
        : groupBy === 'week'
          ? c.week
          : groupBy === 'district'
            ? c.districtCode
            : groupBy === 'intent'
              ? c.intents[0]
              : c.channel) ?? NONE;
    const ticketKey = (t: (typeof tickets)[number]): string =>
      (groupBy === 'day'
        ? t.day
        : groupBy === 'week'
          ? t.week
          : groupBy === 'district'
            ? t.districtCode
            : groupBy === 'intent'
              ? t.firstIntent
              : groupBy === 'agent'
                ? (t.agentName ?? t.agentId)
                : groupBy === 'skill'
                  ? t.skill
                  : 'web') ?? NONE;

    const groups = new Set([...conversations.map(convKey), ...tickets.map(ticketKey)]);
    const ticketsOnly = groupBy === 'agent' || groupBy === 'skill';
    return [...groups].sort().map((group) => {
      const convs = conversations.filter((c) => convKey(c) === group);
      const tks = tickets.filter((t) => ticketKey(t) === group);
      const reasons: Record<string, number> = {};
      for (const t of tks) reasons[t.reason] = (reasons[t.reason] ?? 0) + 1;
      const numbers = (pick: (t: (typeof tks)[number]) => number | undefined) =>
        tks.map(pick).filter((v): v is number => typeof v === 'number');
      const ratings = numbers((t) => t.rating?.agent);
      return {
        group,
        conversations: ticketsOnly ? null : convs.length,
        containmentRate: ticketsOnly
          ? null
          : rate(convs.filter((c) => c.outcome === 'bot').length, convs.length),
        escalationRate: ticketsOnly
          ? null
          : rate(convs.filter((c) => c.outcome !== 'bot').length, convs.length),
        tickets: tks.length,
        escalationReasons: reasons,
        waitP50: percentile(
          numbers((t) => t.waitedSeconds),
          50,
        ),
        waitP90: percentile(
          numbers((t) => t.waitedSeconds),
          90,
        ),
        firstResponseMean: mean(numbers((t) => t.firstResponseSeconds)),
        handleMean: mean(numbers((t) => t.handleSeconds)),
        slaBreachRate: rate(tks.filter((t) => t.slaBreaches.length > 0).length, tks.length),
        agentRatingMean: mean(ratings),
        agentRatings: {
          '1': ratings.filter((r) => r === 1).length,
          '2': ratings.filter((r) => r === 2).length,
          '3': ratings.filter((r) => r === 3).length,
          '4': ratings.filter((r) => r === 4).length,
          '5': ratings.filter((r) => r === 5).length,
        },
        botRatingMean: mean(numbers((t) => t.rating?.bot)),
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
