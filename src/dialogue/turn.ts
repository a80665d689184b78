import { Types } from 'mongoose';
import { Bilingual, fill } from '../common/bilingual';
import { customerClock, customerDate } from '../common/customer-time';
import { ChatLanguage } from '../conversations/conversation.schema';
import { NluResult } from '../nlu/nlu.types';
import { DialogueState, Slot } from './dialogue-state.schema';
import { MessageReading } from './message-reading';
import { REPLIES, ReplyKey } from './replies';

/** A rich card the chat widget draws next to a bot message. */
export interface BotCard {
  type: 'outage' | 'bill' | 'planned' | 'tariff' | 'request';
  data: Record<string, unknown>;
}

export interface BotReply {
  text: string;
  card?: BotCard;
}

/** One customer message being answered: what was understood, the state, and what to say. */
export class Turn {
  readonly replies: BotReply[] = [];
  /** Set when an answer needs a person's decision (the policy turns it into an escalation). */
  needsPerson = false;

  constructor(
    readonly conversationId: Types.ObjectId,
    readonly text: string,
    readonly nlu: NluResult,
    readonly language: ChatLanguage,
    readonly state: DialogueState,
    readonly reading: MessageReading,
    /** The service's zone (SERVICE_TIMEZONE): the times and dates the bot says are in it. */
    readonly timeZone: string,
  ) {}

  say(key: ReplyKey, values: Record<string, string | number> = {}, card?: BotCard): void {
    this.sayText(REPLIES[key], values, card);
  }

  sayText(text: Bilingual, values: Record<string, string | number> = {}, card?: BotCard): void {
    this.replies.push({ text: fill(text[this.language], values), ...(card && { card }) });
  }

  /** Appends a line to the last reply (lists, explanations) instead of sending many messages. */
  addLine(text: Bilingual | ReplyKey, values: Record<string, string | number> = {}): void {
    if (typeof text === 'string') text = REPLIES[text];
    const last = this.replies.at(-1);
    const line = fill(text[this.language], values);
    if (last) last.text = `${last.text}\n${line}`;
    else this.replies.push({ text: line });
  }

  /** Waits for the customer to fill `slot` for `intent`; asking again counts an attempt. */
  ask(
    intent: string,
    slot: Slot,
    key: ReplyKey,
    values: Record<string, string | number> = {},
  ): void {
    const previous = this.state.pending;
    const same = previous?.intent === intent && previous.slot === slot;
    this.state.pending = {
      intent,
      slot,
      attempts: same ? previous.attempts + 1 : 0,
      ...(same && previous.period && { period: previous.period }),
      ...(same && previous.said && { said: previous.said }),
    };
    this.say(key, values);
  }

  /** A short line for the agent's case card: what the bot looked up and said. */
  noteAnswer(summary: string): void {
    this.state.answered = [...this.state.answered, summary].slice(-10);
  }

  entity(type: string): string | undefined {
    return this.nlu.entities.find((e) => e.type === type)?.value;
  }

  /** A date and time as the customer reads it ("12月1日 14:30", "1 Dec, 14:30"). */
  time(iso: string): string {
    return customerClock(iso, this.language, this.timeZone);
  }

  /** A calendar date as the customer reads it ("2026年12月25日", "25 Dec 2026"). */
  date(iso: string): string {
    return customerDate(iso, this.language, this.timeZone);
  }
}

export function formatPeriod(period: string, language: ChatLanguage): string {
  const [y, m] = period.split('-');
  return language === 'zh'
    ? `${y}年${Number(m)}月`
    : `${new Date(`${period}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${y}`;
}
