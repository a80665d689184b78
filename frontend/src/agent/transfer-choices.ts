import type { AgentListing } from '../shared/protocol';

/** One row of the transfer picker: an agent, and what the console says and allows of them. */
export interface TransferChoice {
  agent: AgentListing;
  /** Speaks the customer's language and has the chosen skill (any skill: `general` or none). */
  serves: boolean;
  /** At or over capacity: a transfer waits until a chat of theirs ends. */
  full: boolean;
  /** Serves and is not offline: a chat transferred to them can reach them. */
  pickable: boolean;
}

/**
 * The other agents as the transfer picker lists them: those who can be picked first, the least
 * loaded (relative to capacity) first among them, then by name.
 */
export function transferChoices(
  agents: AgentListing[],
  me: string | undefined,
  chat: { language: string },
  skill: string,
): TransferChoice[] {
  return agents
    .filter((a) => a.id !== me)
    .map((agent) => {
      const serves =
        agent.languages.includes(chat.language) &&
        (!skill || skill === 'general' || agent.skills.includes(skill));
      return {
        agent,
        serves,
        full: agent.load >= agent.capacity,
        pickable: serves && agent.presence !== 'offline',
      };
    })
    .sort(
      (a, b) =>
        Number(b.pickable) - Number(a.pickable) ||
        a.agent.load / a.agent.capacity - b.agent.load / b.agent.capacity ||
        a.agent.displayName.localeCompare(b.agent.displayName),
    );
}
