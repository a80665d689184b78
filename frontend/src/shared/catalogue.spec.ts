import { RESOLUTION_CODES, SLA_KINDS, TICKET_STATUSES } from '../../../src/tickets/ticket.schema';
import { ESCALATION_REASONS } from '../../../src/dialogue/escalation-policy';
import { INTENT_CATALOGUE } from '../../../src/nlu/intent-catalogue';
import { catalogue } from './catalogue';
import { translator } from './translate';

describe('the staff catalogue', () => {
  it('has every word in both languages, none empty', () => {
    const en = Object.keys(catalogue.en.words).sort();
    expect(Object.keys(catalogue.zh.words).sort()).toEqual(en);
    for (const lang of ['zh', 'en'] as const) {
      for (const [key, word] of Object.entries(catalogue[lang].words)) {
        expect([key, word.trim().length > 0]).toEqual([key, true]);
      }
    }
  });

  it('puts every server code staff can see into words, in both languages', () => {
    const groups = [
      ['reasons', ESCALATION_REASONS],
      ['resolutions', RESOLUTION_CODES],
      ['sla', SLA_KINDS],
      ['ticketStatus', TICKET_STATUSES],
      ['intents', INTENT_CATALOGUE.map((d) => d.intent)],
    ] as const;
    for (const lang of ['zh', 'en'] as const) {
      const { code } = translator(lang);
      for (const [group, codes] of groups) {
        for (const value of codes) {
          const word = code(group, value);
          // No raw code (`person_must_decide`, `first_response`) is shown as itself.
          expect(word).not.toContain('_');
          if (lang === 'zh') expect(word).not.toBe(value);
        }
      }
    }
  });

  it('fills placeholders', () => {
    expect(translator('zh').t('breachToast', { kind: '首次响应' })).toBe('SLA 超时：首次响应');
    expect(translator('en').code('reasons', 'person_must_decide')).toBe('Needs a person to decide');
  });
});
