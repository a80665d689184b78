import { Injectable } from '@nestjs/common';
import { Principal } from '../../auth/principal';
import { DomainError } from '../../common/domain-error';
import { maskNumber, maskPii } from '../../common/pii-masker';
import { PersonalRefService } from '../../conversations/personal-ref.service';
import { AccessLogService } from '../access-log.service';
import { facet, Outcome, textTerms } from './search-terms';
import { SearchTranscriptsQueryDto } from './search-transcripts-query.dto';
import { SearchCopyService } from './search-copy.service';

export interface TranscriptHit {
  id: string;
  createdAt: string;
  language: string;
  status: string;
  channel: string;
  customerName?: string;
  /** What the bot understood in the conversation (its intents), sorted. */
  intents: string[];
  /** bot: never handed over; escalated: handed over, not yet resolved or abandoned. */
  outcome: Outcome;
  /** The customer's rating of the agent, when given. */
  rating?: number;
  /** The first line that contains a query word, when `q` is given. */
  snippet?: { seq: number; sender: string; text: string };
}

export interface TranscriptSearchPage {
  results: TranscriptHit[];
  page: number;
  limit: number;
  hasMore: boolean;
  /** Conversations that match, over all pages. */
  total: number;
}

/** Transcript search for supervisors: filters become index terms; every search is audited. */
@Injectable()
export class TranscriptSearchService {
  constructor(
    private readonly summaries: SearchCopyService,
    private readonly accessLog: AccessLogService,
    private readonly refs: PersonalRefService,
  ) {}

  async search(query: SearchTranscriptsQueryDto, reader: Principal): Promise<TranscriptSearchPage> {
    const { all, none, words } = termsOf(query, (n) => this.refs.of(n));
    if (query.from && query.to && query.from > query.to) {
      throw new DomainError('VALIDATION', 'from must not be after to');
    }
    await this.summaries.whenReady();
    await this.accessLog.record(reader, 'transcript.search', `search:${describe(query)}`);
    const match = this.summaries.match({
      all,
      none,
      fromDay: query.from,
      toDay: query.to,
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return {
      results: match.summaries.map((s) => {
        const line =
          words.length > 0
            ? s.lines.find((l) => {
                const own = new Set(textTerms(l.text));
                return words.some((w) => own.has(w));
              })
            : undefined;
        return {
          id: s._id,
          createdAt: s.createdAt.toISOString(),
          language: s.language,
          status: s.status,
          channel: s.channel,
          ...(s.customerName !== undefined && { customerName: s.customerName }),
          ...this.summaries.facetsOf(s._id),
          ...(line && { snippet: { seq: line.seq, sender: line.sender, text: line.text } }),
        };
      }),
      page: query.page,
      limit: query.limit,
      hasMore: match.hasMore,
      total: match.matched,
    };
  }
}

export function termsOf(
  query: SearchTranscriptsQueryDto,
  refOf: (accountNumber: string) => string,
): {
  all: string[];
  none: string[];
  words: string[];
} {
  const words = query.q === undefined ? [] : textTerms(query.q);
  if (query.q !== undefined && words.length === 0) {
    throw new DomainError('VALIDATION', 'q has no searchable word');
  }
  const all = [...words];
  const none: string[] = [];
  if (query.agentId) all.push(facet.agent(query.agentId));
  if (query.intent) all.push(facet.intent(query.intent));
  if (query.district) all.push(facet.district(query.district));
  if (query.rating !== undefined) all.push(facet.rating(query.rating));
  if (query.channel) all.push(facet.channel(query.channel));
  if (query.customer) all.push(facet.customer(query.customer));
  if (query.account) all.push(facet.account(refOf(query.account)));
  // Handled by the bot means never handed to the queue.
  if (query.outcome === 'bot') none.push(facet.outcome('escalated'));
  else if (query.outcome) all.push(facet.outcome(query.outcome));
  return { all, none, words };
}

/** What the access log says was searched: personal numbers masked as in transcripts. */
function describe(query: SearchTranscriptsQueryDto): string {
  const { page, limit, ...filters } = query;
  return JSON.stringify({
    ...filters,
    ...(filters.q !== undefined && { q: maskPii(filters.q).text }),
    ...(filters.account !== undefined && { account: maskNumber(filters.account) }),
    ...(filters.customer !== undefined && { customer: maskPii(filters.customer).text }),
    page,
    limit,
  });
}
