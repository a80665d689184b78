import { EntityExtractor } from '../../nlu/entity-extractor';
import { normalizeText } from '../../nlu/text-normalizer';
import { Tokenizer } from '../../nlu/tokenizer';

/**
 * What the transcript search indexes and looks up: plain words and facets, all as strings.
 * Text terms carry no prefix (a tokenised word never contains `:`); facets are `<facet>:<value>`.
 */
export const ALL_TERM = 'all:';
export const OUTCOMES = ['bot', 'escalated', 'abandoned', 'resolved'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const HAN_RUN = /(\p{Script=Han}+)/u;
const HAN_CHAR = /\p{Script=Han}/u;
/** Masked long numbers come out of the tokenizer as runs of zeros: no use to a reader. */
const ZEROS = /^0+$/;
/**
 * Function words are in almost every English conversation: their postings would be the biggest
 * and a query that includes them learns nothing from them.
 */
const STOP_WORDS = new Set(
  'a an and are am as at be but by can do for from have i if in is it me my no not of on or so that the this to was we what when where will with you your our us'.split(
    ' ',
  ),
);
const MAX_TERM_CHARS = 40;

const tokenizer = new Tokenizer();
const entities = new EntityExtractor();

/**
 * Chinese has no spaces: every pair of adjacent Han characters is a term (a two-character query
 * such as 停电 is one term, a longer one the AND of its pairs); a lone character stands for
 * itself. Other text goes through the NLU tokenizer, so English words are Porter-stemmed and
 * "outages" meets "outage".
 */
export function textTerms(raw: string): string[] {
  const terms = new Set<string>();
  for (const part of normalizeText(raw).split(HAN_RUN)) {
    if (part.length === 0) continue;
    if (HAN_CHAR.test(part)) {
      const chars = [...part];
      if (chars.length === 1) terms.add(chars[0]);
      for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i] + chars[i + 1]);
    } else {
      for (const token of tokenizer.tokens(part)) {
        if (token.length > MAX_TERM_CHARS || STOP_WORDS.has(token) || ZEROS.test(token)) continue;
        terms.add(token);
      }
    }
  }
  return [...terms];
}

/** District codes named in a customer's text (东湖, Xishan District, …). */
export function districtCodes(raw: string): string[] {
  return [...new Set(entities.districts(raw).map((e) => e.value))];
}

/** Names are matched whole, case-, width- and spacing-insensitively (terms are stored one per line). */
function customerKey(nameOrId: string): string {
  return normalizeText(nameOrId)
    .replace(/[|\s]+/g, ' ')
    .trim()
    .slice(0, 60);
}

export const facet = {
  agent: (id: string) => `agent:${id}`,
  intent: (intent: string) => `intent:${intent}`,
  outcome: (outcome: Outcome) => `outcome:${outcome}`,
  rating: (stars: number) => `rating:${stars}`,
  channel: (channel: string) => `channel:${channel}`,
  customer: (nameOrId: string) => `customer:${customerKey(nameOrId)}`,
  district: (code: string) => `district:${code}`,
  /** By keyed reference (PersonalRefService): the index holds no account number. */
  account: (ref: string) => `account:${ref}`,
};

/** What a result row says of a conversation, read from its facets. */
export interface FacetSummary {
  intents: string[];
  outcome: Outcome;
  rating?: number;
}

export function summariseFacets(terms: readonly string[]): FacetSummary {
  const has = (t: string) => terms.includes(t);
  const outcome: Outcome = has(facet.outcome('resolved'))
    ? 'resolved'
    : has(facet.outcome('abandoned'))
      ? 'abandoned'
      : has(facet.outcome('escalated'))
        ? 'escalated'
        : 'bot';
  const rating = terms.find((t) => t.startsWith('rating:'));
  return {
    intents: terms
      .filter((t) => t.startsWith('intent:'))
      .map((t) => t.slice('intent:'.length))
      .sort(),
    outcome,
    ...(rating && { rating: Number(rating.slice('rating:'.length)) }),
  };
}

const ACCOUNT_FACET_PREFIX = 'account:';
const CUSTOMER_FACET_PREFIX = 'customer:';

/**
 * The facets that lead to a person: account references and the customer's name (the customer
 * facet of the conversation's own id is not personal). Retention removes them.
 */
export function isPersonalFacet(term: string, conversationId: string): boolean {
  return (
    term.startsWith(ACCOUNT_FACET_PREFIX) ||
    (term.startsWith(CUSTOMER_FACET_PREFIX) && term !== facet.customer(conversationId))
  );
}
