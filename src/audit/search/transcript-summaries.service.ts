import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { KeyedMutex } from '../../common/keyed-mutex';
import { ConversationView, MessageView } from '../../conversations/conversation.views';
import { SearchTranscript, SearchTranscriptLine } from './search-index.schema';

/** Lines kept per conversation for snippets; a longer conversation is still indexed whole. */
const LINES_KEPT = 40;
const LINE_CHARS = 400;

export type TranscriptSummary = SearchTranscript;

/** The audit module's copy of what a result list shows; written only from domain events. */
@Injectable()
export class TranscriptSummariesService {
  // FerretDB rewrites whole documents: one writer per summary at a time.
  private readonly lock = new KeyedMutex();

  constructor(
    @InjectModel(SearchTranscript.name) private readonly summaries: Model<SearchTranscript>,
  ) {}

  async exists(conversationId: string): Promise<boolean> {
    return (await this.summaries.exists({ _id: conversationId })) !== null;
  }

  /** Creates or refreshes the conversation's own fields (status, language, customer). */
  async upsertConversation(view: ConversationView): Promise<void> {
    await this.lock.run(view.id, async () => {
      await this.summaries.updateOne(
        { _id: view.id },
        {
          $set: {
            createdAt: new Date(view.createdAt),
            language: view.language,
            status: view.status,
            channel: view.channel,
            ...(view.customerName !== undefined && { customerName: view.customerName }),
          },
          $setOnInsert: { lines: [] },
        },
        { upsert: true },
      );
    });
  }

  /** Keeps the first lines of a conversation, each once (a resent event changes nothing). */
  async addLine(message: MessageView): Promise<void> {
    await this.lock.run(message.conversationId, async () => {
      const summary = await this.summaries.findById(message.conversationId).lean();
      if (!summary) return;
      const lines = summary.lines ?? [];
      if (lines.length >= LINES_KEPT || lines.some((l) => l.seq === message.seq)) return;
      const line: SearchTranscriptLine = {
        seq: message.seq,
        sender: message.sender,
        text: message.text.slice(0, LINE_CHARS),
      };
      await this.summaries.updateOne(
        { _id: message.conversationId },
        { $set: { lines: [...lines, line].sort((a, b) => a.seq - b.seq) } },
      );
    });
  }

  async get(ids: readonly string[]): Promise<TranscriptSummary[]> {
    const found = await Promise.all(
      ids.map((id) => this.summaries.findById(id).lean<SearchTranscript>()),
    );
    return found
      .filter((s): s is TranscriptSummary => s !== null)
      .map((s) => ({ ...s, lines: s.lines ?? [] }));
  }

  /** Retention: the summary keeps its (masked) lines but loses the customer's name, which it returns. */
  async forgetCustomer(conversationId: string): Promise<string | undefined> {
    return this.lock.run(conversationId, async () => {
      const summary = await this.summaries.findById(conversationId).lean<SearchTranscript>();
      if (!summary?.customerName) return undefined;
      await this.summaries.updateOne({ _id: conversationId }, { $unset: { customerName: 1 } });
      return summary.customerName;
    });
  }
}
