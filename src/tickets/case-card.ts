import { maskNumber, maskPii } from '../common/pii-masker';

/** The case card as stored on a ticket and shown to staff: no personal number in clear. */
export interface ProtectedCaseCard {
  card: Record<string, unknown>;
  /** The clear account numbers the desk needs (the agent's customer panel), sealed at rest. */
  sealed: Record<string, string>;
}

const ACCOUNT_FIELDS = ['accountNumber', 'verifiedAccount'] as const;

/**
 * Masks a case card the bot handed over: account numbers masked (with a keyed reference, so
 * search still finds the conversation by its account), the bot's notes and the customer's
 * last messages through the masker. The clear accounts go to `sealed`, encrypted by `seal`,
 * for the one server-side use that needs them (the records of a verified customer).
 */
export function protectCaseCard(
  card: Record<string, unknown>,
  seal: (clear: string) => string,
  refOf: (digits: string) => string,
): ProtectedCaseCard {
  const out: Record<string, unknown> = { ...card };
  const sealed: Record<string, string> = {};
  for (const field of ACCOUNT_FIELDS) {
    const value = card[field];
    if (typeof value !== 'string') continue;
    out[field] = maskNumber(value);
    sealed[field] = seal(value);
    if (field === 'accountNumber') out.accountRef = refOf(value);
  }
  for (const field of ['answered', 'lastMessages'] as const) {
    const lines = card[field];
    if (Array.isArray(lines)) {
      out[field] = lines.map((line) => (typeof line === 'string' ? maskPii(line).text : line));
    }
  }
  return { card: out, sealed };
}
