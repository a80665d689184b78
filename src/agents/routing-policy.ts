import { Skill } from '../tickets/ticket-skill';

export interface RoutableTicket {
  id: string;
  priority: number;
  /** When it joined the queue; a ticket put back keeps its old place, so it goes first. */
  queueSortAt: Date;
  skill: Skill | string;
  language: 'zh' | 'en';
  /** A transfer to a named agent: only that agent may take it. */
  requiredAgentId?: string;
  /** Agents who let an offer of it lapse or declined it: others are tried first. */
  declinedBy: string[];
  /** When each of them declined it: none is offered it again within the cool-down. */
  declines?: { agentId: string; at: Date }[];
}

export interface RoutingRules {
  now: Date;
  /** How long an agent who passed on a ticket is not offered it again. */
  declineCooldownMs: number;
}

export interface RoutableAgent {
  id: string;
  skills: string[];
  languages: string[];
  capacity: number;
  /** Chats assigned plus offers pending. */
  load: number;
  lastAssignedAt?: Date;
}

export interface PlannedOffer {
  ticketId: string;
  agentId: string;
}

/** Most urgent first; within a priority, the longest waiting first. */
export function queueOrder(a: RoutableTicket, b: RoutableTicket): number {
  return (
    a.priority - b.priority ||
    a.queueSortAt.getTime() - b.queueSortAt.getTime() ||
    a.id.localeCompare(b.id)
  );
}

export function canServe(agent: RoutableAgent, ticket: RoutableTicket): boolean {
  if (ticket.requiredAgentId !== undefined) return ticket.requiredAgentId === agent.id;
  return speaksAndKnows(agent, ticket);
}

/** The customer's language, and the ticket's skill unless it is `general`. */
export function speaksAndKnows(
  agent: Pick<RoutableAgent, 'languages' | 'skills'>,
  ticket: Pick<RoutableTicket, 'language' | 'skill'>,
): boolean {
  return (
    agent.languages.includes(ticket.language) &&
    (ticket.skill === 'general' || agent.skills.includes(ticket.skill))
  );
}

/**
 * Matches waiting tickets to online agents with room, in queue order. A ticket nobody can serve
 * now does not hold back the ones behind it that someone can. Among the agents who can serve a
 * ticket, the one who has not declined it, then the least loaded (relative to capacity), then
 * the one idle longest gets it.
 */
export function planOffers(
  tickets: RoutableTicket[],
  agents: RoutableAgent[],
  rules: RoutingRules = { now: new Date(), declineCooldownMs: 0 },
): PlannedOffer[] {
  const load = new Map(agents.map((a) => [a.id, a.load]));
  const lastAssigned = new Map(agents.map((a) => [a.id, a.lastAssignedAt?.getTime() ?? 0]));
  const offers: PlannedOffer[] = [];
  for (const ticket of [...tickets].sort(queueOrder)) {
    const candidates = agents.filter(
      (a) =>
        (load.get(a.id) ?? 0) < a.capacity &&
        canServe(a, ticket) &&
        !passedRecently(ticket, a.id, rules),
    );
    if (candidates.length === 0) continue;
    candidates.sort(
      (a, b) =>
        Number(ticket.declinedBy.includes(a.id)) - Number(ticket.declinedBy.includes(b.id)) ||
        (load.get(a.id) ?? 0) / a.capacity - (load.get(b.id) ?? 0) / b.capacity ||
        (lastAssigned.get(a.id) ?? 0) - (lastAssigned.get(b.id) ?? 0) ||
        a.id.localeCompare(b.id),
    );
    const chosen = candidates[0];
    offers.push({ ticketId: ticket.id, agentId: chosen.id });
    load.set(chosen.id, (load.get(chosen.id) ?? 0) + 1);
    lastAssigned.set(chosen.id, Date.now());
  }
  return offers;
}

/** The agent declined the ticket within the cool-down. */
export function passedRecently(
  ticket: RoutableTicket,
  agentId: string,
  rules: RoutingRules,
): boolean {
  const since = rules.now.getTime() - rules.declineCooldownMs;
  return (ticket.declines ?? []).some((d) => d.agentId === agentId && d.at.getTime() > since);
}
