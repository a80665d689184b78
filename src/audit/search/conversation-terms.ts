import { ConversationView, MessageView } from '../../conversations/conversation.views';
import { TicketView } from '../../tickets/ticket.views';
import { districtCodes, facet, textTerms } from './search-terms';

/**
 * What a conversation, a message and a ticket add to the search index: one place for the live
 * listener and for the catch-up that rebuilds summaries from the records after a crash.
 */

/**
 * Senders whose words are searchable: what people wrote. The bot's replies are templates (its
 * greeting alone names 停电 and 电费 as examples, so it would match every greeted conversation);
 * what the bot did is searchable by its intent and the entities it read. System notes are the
 * service's own boilerplate.
 */
const SEARCHABLE = new Set(['customer', 'agent']);

export function conversationTerms(conversation: ConversationView): string[] {
  const terms = [facet.customer(conversation.id), facet.channel(conversation.channel)];
  if (conversation.customerName) terms.push(facet.customer(conversation.customerName));
  return terms;
}

/** Whether the message's words (and its line) belong in the search. */
export function isSearchable(message: MessageView): boolean {
  // Internal notes are for colleagues, never part of what a search shows.
  return !message.internal && SEARCHABLE.has(message.sender);
}

/** Keyed reference of an account number (PersonalRefService.of). */
export type RefOf = (accountNumber: string) => string;

export function messageTerms(message: MessageView, accountRefs: readonly string[] = []): string[] {
  if (message.internal) return [];
  const terms = new Set<string>();
  if (isSearchable(message)) textTerms(message.text).forEach((t) => terms.add(t));
  if (message.sender === 'bot' && message.intent) terms.add(facet.intent(message.intent));
  if (message.agentId) terms.add(facet.agent(message.agentId));
  accountRefs.forEach((ref) => terms.add(facet.account(ref)));
  if (message.sender === 'customer') {
    districtCodes(message.text).forEach((code) => terms.add(facet.district(code)));
  }
  return [...terms];
}

/** A ticket that was opened: escalated, with the case card's district and account. */
export function queuedTicketTerms(ticket: TicketView, refOf: RefOf): string[] {
  const terms = [facet.outcome('escalated')];
  const district = ticket.caseCard?.districtCode;
  if (typeof district === 'string') terms.push(facet.district(district));
  // The case card keeps a keyed reference of the account (its number is masked there).
  const ref = ticket.caseCard?.accountRef;
  const account = ticket.caseCard?.accountNumber;
  if (typeof ref === 'string') terms.push(facet.account(ref));
  else if (typeof account === 'string' && /^\d{10}$/.test(account))
    terms.push(facet.account(refOf(account)));
  return terms;
}

/** Everything a ticket has told the index so far, from its current state (the catch-up). */
export function ticketTerms(ticket: TicketView, refOf: RefOf): string[] {
  const terms = queuedTicketTerms(ticket, refOf);
  if (ticket.agentId) terms.push(facet.agent(ticket.agentId));
  if (ticket.status === 'resolved' || ticket.status === 'abandoned') {
    terms.push(facet.outcome(ticket.status));
  }
  if (ticket.rating?.agent !== undefined) terms.push(facet.rating(ticket.rating.agent));
  return terms;
}
