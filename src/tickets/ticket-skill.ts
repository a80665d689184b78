/** The skills tickets are routed by; `general` needs no particular skill. */
export const SKILLS = ['outage', 'billing', 'account', 'general'] as const;
export type Skill = (typeof SKILLS)[number];

/** Which skill a conversation needs, from the intents the bot understood, latest first. */
export function skillForIntents(intents: (string | undefined)[]): Skill {
  for (const intent of intents) {
    const family = intent?.split('.')[0];
    if (family === 'outage' || family === 'safety') return 'outage';
    if (family === 'billing' || family === 'meter') return 'billing';
    if (family === 'account' || family === 'solar') return 'account';
  }
  return 'general';
}
