import { LeanConversation } from '../conversations/conversation.schema';

/** Conversations whose settled marks a process remembers (see `TurnChains.noteSettled`). */
export const SETTLED_KEPT = 20_000;

export interface TurnChain {
  tail: Promise<void>;
  /** The conversation as the chain's last turn wrote it: the next turn needs no read. */
  latest?: LeanConversation;
  /** Turns queued or running, and places reserved for turns not queued yet. */
  waiting: number;
}

/**
 * This process's bookkeeping of bot turns, per conversation: the chain that keeps one
 * conversation's turns in order, the places admission control reserves in it, and the messages
 * whose turns completed (their awaiting marks go in the next turn's state write). Nothing here
 * decides correctness: the version check of the turn's write does, and what a restart loses the
 * recovery job redoes.
 */
export class TurnChains {
  private readonly chains = new Map<string, TurnChain>();
  private readonly settled = new Map<string, string[]>();

  constructor(private readonly settledKept = SETTLED_KEPT) {}

  /** Reserves a place for one more turn, unless `max` are queued or running already. */
  reserve(key: string, max: number): boolean {
    const chain = this.chainOf(key);
    if (chain.waiting >= max) return false;
    chain.waiting++;
    return true;
  }

  release(key: string): void {
    const chain = this.chains.get(key);
    if (chain) chain.waiting--;
  }

  /** Runs `task` after the turns queued before it; `reserved` uses a place `reserve` gave. */
  enqueue(
    key: string,
    reserved: boolean,
    task: (chain: TurnChain) => Promise<void>,
  ): Promise<void> {
    const chain = this.chainOf(key);
    if (!reserved) chain.waiting++;
    const turn = chain.tail.then(async () => {
      try {
        await task(chain);
      } finally {
        chain.waiting--;
      }
    });
    chain.tail = turn.catch(() => undefined);
    void chain.tail.then(() => {
      // Kept while a place is reserved for a turn not yet queued.
      if (this.chains.get(key)?.tail === chain.tail && chain.waiting === 0) this.chains.delete(key);
    });
    return turn;
  }

  /** Resolves once every queued turn has finished, including turns queued while waiting. */
  async drained(): Promise<void> {
    for (;;) {
      const tails = [...this.chains.values()].map((c) => c.tail);
      await Promise.all(tails);
      if ([...this.chains.values()].every((c) => tails.includes(c.tail))) return;
    }
  }

  /** Messages of the conversation whose turns completed here and are still marked. */
  settledOf(key: string): string[] {
    return this.settled.get(key) ?? [];
  }

  /** The marks `settledOf` gave went with a state write. */
  clearSettled(key: string): void {
    this.settled.delete(key);
  }

  /**
   * Kept apart from the chains, which end with each turn (a customer waits for the reply), and
   * bounded: a mark this forgets is cleared by the recovery job, which finds the replies stored.
   */
  noteSettled(key: string, clientMessageId: string): void {
    const ids = this.settledOf(key);
    ids.push(clientMessageId);
    // Re-inserted: the Map's order is then the order of use, oldest first out.
    this.settled.delete(key);
    this.settled.set(key, ids);
    if (this.settled.size > this.settledKept) {
      this.settled.delete(this.settled.keys().next().value as string);
    }
  }

  private chainOf(key: string): TurnChain {
    let chain = this.chains.get(key);
    if (!chain) {
      chain = { tail: Promise.resolve(), waiting: 0 };
      this.chains.set(key, chain);
    }
    return chain;
  }
}
