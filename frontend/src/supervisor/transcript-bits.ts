import type { Key } from '../shared/catalogue';
import type { TicketView } from '../shared/protocol';

/** The open ticket an agent is handling, if any: whispers go to that agent. */
export const assignedTicket = (tickets: readonly TicketView[]): TicketView | undefined =>
  tickets.find((tk) => tk.status === 'assigned');

/** A case-card value as one line: lists as steps, objects as `key: value` pairs. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '–';
  if (Array.isArray(v)) return v.length ? v.map(formatValue).join(' → ') : '–';
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${formatValue(x)}`)
      .join(', ');
  return String(v);
}

/** History entries name staff by id: the name when the ticket or the board knows it. */
export function staffName(
  id: string,
  ticket: Pick<TicketView, 'agentId' | 'agentName'>,
  agents: readonly { id: string; displayName: string }[],
): string {
  if (id === ticket.agentId && ticket.agentName) return ticket.agentName;
  return agents.find((a) => a.id === id)?.displayName ?? id;
}

/** What the bot reads in a message, by entity type. */
export const ENTITY_KEY: Record<string, Key> = {
  account_number: 'supEntityAccount',
  phone: 'supEntityPhone',
  money: 'supEntityMoney',
  kwh: 'supEntityKwh',
  date: 'supEntityDate',
  district: 'supEntityDistrict',
};

/** A bot intent's confidence below this is marked as doubtful. */
export const LOW_CONFIDENCE = 0.5;

/** The bot's cards by type; an unknown type shows as itself. */
export const CARD_KEY: Record<string, Key> = {
  bill: 'supCardBill',
  outage: 'supCardOutage',
  outage_report: 'supCardOutageReport',
  planned: 'supCardPlanned',
  request: 'supCardRequest',
  tariff: 'supCardTariff',
};

/** A card's plain fields in words; a field not listed shows by its name. */
export const CARD_FIELD_KEY: Record<string, Key> = {
  balance: 'supCardFieldBalance',
  reference: 'supCardFieldReference',
  type: 'supCardFieldType',
};

/** Service request types (src/utility/service-request.schema.ts), as a request card shows them. */
export const REQUEST_TYPE_KEY: Record<string, Key> = {
  start_service: 'supRequestStartService',
  stop_service: 'supRequestStopService',
  transfer_service: 'supRequestTransferService',
  contact_update: 'supRequestContactUpdate',
  meter_check: 'supRequestMeterCheck',
  solar_connection: 'supRequestSolarConnection',
  outage_report: 'supRequestOutageReport',
  billing_arrangement: 'supRequestBillingArrangement',
};

/** The case card's fields (src/dialogue/dialogue.service.ts); others show by their name. */
export const CASE_KEY: Record<string, Key> = {
  intentPath: 'supCaseIntentPath',
  verification: 'supCaseVerification',
  answered: 'supCaseAnswered',
  lastMessages: 'supCaseLastMessages',
};

/** A card's plain fields (no nested objects), at most `max`. */
export const cardFields = (
  data: Record<string, unknown> | undefined,
  max = 6,
): [string, string][] =>
  Object.entries(data ?? {})
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, max)
    .map(([k, v]) => [k, String(v)]);

/** The parts of the translator a history line needs. */
interface Words {
  code(group: 'reasons' | 'resolutions' | 'senders', value: string): string;
  t(key: 'reopenedFor', values: { reason: string }): string;
}

/**
 * Who changed a ticket and the note they left, in words: the server writes `bot`, `system` and
 * `customer` for its own moves, staff ids for people, and codes as notes (the escalation reason,
 * the resolution, the agent an offer went to). A free-text note stays as written.
 */
export function historyWords(
  entry: { by: string; note?: string },
  ticket: Pick<TicketView, 'agentId' | 'agentName'>,
  agents: readonly { id: string; displayName: string }[],
  words: Words,
): { by: string; note?: string } {
  const known = (group: 'reasons' | 'resolutions' | 'senders', value: string) => {
    const word = words.code(group, value);
    return word === value ? undefined : word;
  };
  const name = (id: string) => staffName(id, ticket, agents);
  const by = known('senders', entry.by) ?? name(entry.by);
  const note = entry.note;
  if (!note) return { by };
  const reopened = /^reopened: (\w+)$/.exec(note);
  const said =
    known('reasons', note) ??
    known('resolutions', note) ??
    (reopened
      ? words.t('reopenedFor', { reason: known('reasons', reopened[1]) ?? reopened[1] })
      : undefined) ??
    (name(note) !== note ? name(note) : note);
  return { by, note: said };
}
