/** The language a customer wrote in; `mixed` when both scripts carry meaning. */
export type Language = 'zh' | 'en' | 'mixed';

/** The label the classifier gives a text it does not recognise as one of the utility's intents. */
export const OUT_OF_SCOPE = 'oos';

export interface IntentScore {
  intent: string;
  confidence: number;
}

export type EntityType = 'account_number' | 'phone' | 'money' | 'kwh' | 'date' | 'district';

export interface Entity {
  type: EntityType;
  /** The text as the customer wrote it. */
  text: string;
  /** A normalised value: digits only for numbers, ISO date (YYYY-MM-DD) for dates, district code. */
  value: string;
  start: number;
  end: number;
  /** Currency (CNY, USD) for money, kWh for energy figures. */
  unit?: string;
}

/**
 * Which stage answered: `fast` (the TF-IDF model was sure, or no encoder is running), `encoder`
 * (the encoder stage decided), `deadline` (the encoder was asked but did not answer in time, or
 * its worker failed: the fast answer stands).
 */
export type NluStage = 'fast' | 'encoder' | 'deadline';

export interface NluResult {
  language: Language;
  /** The best intent, or `oos` when the classifier is not confident it is any in-scope intent. */
  intent: string;
  /** Calibrated probability of `intent` (for `oos`: the probability that it is out of scope). */
  confidence: number;
  oos: boolean;
  /** Probability that the message is out of scope, from the tuned oos detector. */
  oosProbability?: number;
  /** The best in-scope intents, most likely first (at most 3). */
  top: IntentScore[];
  entities: Entity[];
  stage: NluStage;
}
