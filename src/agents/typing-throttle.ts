/** A repeat of the same typing state within this window changes nothing for the customer. */
export const TYPING_REPEAT_MS = 2500;

/** Tickets remembered per socket (an agent types in a handful of chats at most). */
const REMEMBERED = 20;

export type TypingVerdict = 'check' | 'repeat-allowed' | 'repeat-refused';

/**
 * One agent socket's recent `typing:set` events. The console sends "typing" at most every 3 s,
 * which the customer shows for 6 s; any client may send many more. Only a change of state, or
 * the same state after the window, costs an ownership read and reaches the customer; a repeat
 * inside the window gets the answer the last check gave, so a ticket the agent was refused stays
 * refused, and one they own is not re-announced.
 */
export class TypingThrottle {
  private readonly last = new Map<string, { typing: boolean; at: number; allowed: boolean }>();

  constructor(private readonly repeatMs = TYPING_REPEAT_MS) {}

  verdict(ticketId: string, typing: boolean, now: number): TypingVerdict {
    const prev = this.last.get(ticketId);
    if (!prev || prev.typing !== typing || now - prev.at >= this.repeatMs) return 'check';
    return prev.allowed ? 'repeat-allowed' : 'repeat-refused';
  }

  /** The outcome of a check, for the repeats that follow it. */
  checked(ticketId: string, typing: boolean, now: number, allowed: boolean): void {
    this.last.delete(ticketId);
    this.last.set(ticketId, { typing, at: now, allowed });
    if (this.last.size > REMEMBERED) this.last.delete(this.last.keys().next().value as string);
  }
}
