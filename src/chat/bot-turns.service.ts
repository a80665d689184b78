import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Types } from 'mongoose';
import { maskPii } from '../common/pii-masker';
import { LeanConversation } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { ConversationTurnsService } from '../conversations/conversation-turns.service';
import { MessagesService, PreparedMessage } from '../conversations/messages.service';
import { DialogueStateService } from '../dialogue/dialogue-state.service';
import { caseCard, DialogueService, TurnResult } from '../dialogue/dialogue.service';
import { Skill, skillForIntents } from '../tickets/ticket-skill';
import { TicketsService } from '../tickets/tickets.service';
import { MetricsService } from '../observability/metrics.service';
import { AppConfig } from '../config/app-config';
import { Bulkhead } from './bulkhead';
import { BotMissedEvent, ChatEvents } from './chat.events';
import { TurnChains } from './turn-chains';

/** Turns whose state write lost to another writer are re-read and re-run this many times. */
const MAX_ATTEMPTS = 5;

/**
 * The bot's turn on a stored customer message, in two writes: the turn's state, record and
 * replies (one conditional update of the conversation, over the dialogue version it read), then
 * the replies' insert. Correctness does not depend on this process: a turn that lost the race
 * for the version reads again and re-runs, and replies have ids derived from the customer's
 * message, so a retried turn stores nothing twice.
 *
 * Turns of one conversation are chained in this process only to keep their order (and to hand
 * each turn the state its predecessor wrote, saving a read); the version check is what makes
 * two writers safe.
 */
@Injectable()
export class BotTurnsService {
  private readonly logger = new Logger(BotTurnsService.name);
  /**
   * Turns running at once here (BOT_TURNS_AT_ONCE), the rest waiting in order, none refused.
   * Unbounded, a burst puts every turn's NLU, writes and broadcasts on the event loop at once
   * and the next customers' acks wait behind them all. A waiting turn's message is stored and
   * marked awaiting already: a crash loses nothing (the recovery job answers it). Per process
   * on purpose: it shares out this process's event loop.
   */
  private readonly running: Bulkhead;
  private readonly chains = new TurnChains();

  /**
   * Admission control: reserves a place for one more turn of this conversation in this
   * process, unless `max` are queued or running already. A reserved place is used by `run`
   * (with `reserved`) or given back with `release`.
   */
  reserve(conversationId: Types.ObjectId, max: number): boolean {
    return this.chains.reserve(conversationId.toHexString(), max);
  }

  release(conversationId: Types.ObjectId): void {
    this.chains.release(conversationId.toHexString());
  }

  /** Every turn queued in this process finished: a draining instance answers what it accepted. */
  drained(): Promise<void> {
    return this.chains.drained();
  }

  constructor(
    private readonly conversations: ConversationsService,
    private readonly turns: ConversationTurnsService,
    private readonly messages: MessagesService,
    private readonly dialogue: DialogueService,
    private readonly states: DialogueStateService,
    private readonly tickets: TicketsService,
    private readonly events: EventEmitter2,
    private readonly metrics: MetricsService,
    config: AppConfig,
  ) {
    this.running = new Bulkhead(config.BOT_TURNS_AT_ONCE, Infinity, Infinity);
  }

  /**
   * Runs the turn after the turns already queued for this conversation. `known` is the
   * conversation as the message was stored (it saves the turn a read).
   */
  run(
    conversationId: Types.ObjectId,
    text: string,
    clientMessageId: string,
    known?: LeanConversation,
    reserved = false,
  ): Promise<void> {
    return this.chains.enqueue(conversationId.toHexString(), reserved, async (chain) => {
      const timing = this.metrics.turnSeconds.startTimer();
      try {
        await this.running.run(() =>
          this.answer(conversationId, text, clientMessageId, known, chain),
        );
        timing({ outcome: 'answered' });
      } catch (error) {
        timing({ outcome: 'failed' });
        throw error;
      }
    });
  }

  private async answer(
    conversationId: Types.ObjectId,
    text: string,
    clientMessageId: string,
    known: LeanConversation | undefined,
    chain: { latest?: LeanConversation },
  ): Promise<void> {
    let conversation = newest(known, chain.latest);
    for (let attempt = 1; ; attempt++) {
      conversation ??= await this.conversations.getLean(conversationId);
      // While people have the conversation the bot stays quiet: the agent gets the message.
      if (conversation.status !== 'bot') {
        await this.turns.settleAwaiting(conversationId, [clientMessageId]);
        return;
      }
      if (conversation.lastTurn?.forMessage === clientMessageId) {
        // Answered already (this is a retry after a crash): store what that turn said, and
        // open the ticket it decided on (the conversation is still the bot's, so none was).
        await this.storeReplies(conversation, conversation.lastTurn.replies as PreparedMessage[]);
        const handoff = conversation.lastTurn.escalate;
        if (handoff)
          await this.tickets.open({
            conversationId,
            reason: handoff.reason,
            language: conversation.language,
            skill: handoff.skill as Skill,
            channel: conversation.channel,
            caseCard: { ...caseCard(this.states.of(conversation)) },
          });
        await this.turns.settleAwaiting(conversationId, [clientMessageId]);
        return;
      }
      const state = this.states.of(conversation);
      const turn = await this.dialogue.respond(conversationId, text, conversation.language, state);
      const replies = turn.replies.map((reply, i) =>
        this.messages.prepare(conversationId, {
          sender: 'bot',
          // Derived from the customer's message (with a `#` no client may use): a retried turn
          // stores each reply once.
          clientMessageId: `bot#${clientMessageId}#${i}`,
          text: reply.text,
          ...(reply.card && { card: reply.card }),
          // The first reply carries what the bot understood.
          ...(i === 0 && {
            intent: turn.intent,
            confidence: turn.confidence,
            nluStage: turn.stage,
            ...(turn.entities.length > 0 && { entities: turn.entities }),
          }),
        }),
      );
      const saved = await this.turns.recordTurn(conversationId, {
        expectedVersion: conversation.dialogueVersion,
        dialogue: this.states.toStored(turn.state, conversationId),
        language: turn.language,
        record: { intent: turn.intent, confidence: turn.confidence },
        understood: turn.understood,
        ...(turn.districtCode && { districtCode: turn.districtCode }),
        lastTurn: {
          forMessage: clientMessageId,
          replies: replies.map(withoutOriginal),
          ...(turn.escalate && { escalate: { reason: turn.escalate, skill: skillOf(turn) } }),
        },
        expectsSecret: turn.state.pending?.slot === 'phoneLast4',
        settled: this.chains.settledOf(conversationId.toHexString()),
      });
      if (!saved) {
        if (attempt >= MAX_ATTEMPTS) throw new Error('bot turn kept losing its state write');
        conversation = undefined;
        continue;
      }
      chain.latest = saved;
      this.chains.clearSettled(conversationId.toHexString());
      await this.messages.insertNumbered(replies, saved.messageSeq, saved.channel);
      await this.afterTurn(conversationId, text, clientMessageId, turn, saved.channel);
      // A handoff leaves the bot no next turn to clear the mark with, and a recovery that found
      // it after the ticket closed (status back to bot) would open that ticket again.
      if (turn.escalate) await this.turns.settleAwaiting(conversationId, [clientMessageId]);
      else this.chains.noteSettled(conversationId.toHexString(), clientMessageId);
      return;
    }
  }

  private async storeReplies(conversation: LeanConversation, replies: PreparedMessage[]) {
    const reserved = await this.turns.reserveSeq(conversation._id, replies.length, new Date());
    await this.messages.insertNumbered(
      replies.map((r) => ({ ...r, conversationId: conversation._id })),
      reserved.messageSeq,
      reserved.channel,
    );
  }

  private async afterTurn(
    conversationId: Types.ObjectId,
    text: string,
    clientMessageId: string,
    turn: TurnResult,
    channel: string,
  ): Promise<void> {
    if (!turn.understood) {
      this.events.emit(ChatEvents.botMissed, {
        conversationId: conversationId.toHexString(),
        messageId: `${conversationId.toHexString()}:${clientMessageId}`,
        text: maskPii(text).text,
        language: turn.language,
        intent: turn.intent,
        confidence: turn.confidence,
        at: new Date().toISOString(),
      } satisfies BotMissedEvent);
    }
    if (turn.rejected) {
      // A confident answer the customer rejected is a miss too, recorded on the question.
      this.events.emit(ChatEvents.botMissed, {
        conversationId: conversationId.toHexString(),
        messageId: `${conversationId.toHexString()}:${clientMessageId}:rejected`,
        text: turn.rejected.text,
        language: turn.language,
        intent: turn.rejected.intent,
        confidence: turn.rejected.confidence,
        at: new Date().toISOString(),
      } satisfies BotMissedEvent);
    }
    if (turn.escalate) {
      await this.tickets.open({
        conversationId,
        reason: turn.escalate,
        language: turn.language,
        skill: skillOf(turn),
        channel,
        ...(turn.caseCard && { caseCard: { ...turn.caseCard } }),
      });
    }
  }
}

function newest(
  a: LeanConversation | undefined,
  b: LeanConversation | undefined,
): LeanConversation | undefined {
  if (!a || !b) return a ?? b;
  return b.dialogueVersion > a.dialogueVersion ? b : a;
}

function withoutOriginal(message: PreparedMessage): Record<string, unknown> {
  const { original, ...rest } = message;
  void original;
  return rest;
}

function skillOf(turn: TurnResult): Skill {
  return skillForIntents([...(turn.caseCard?.intentPath ?? [])].reverse());
}
