import { protectCaseCard } from './case-card';

describe('protectCaseCard', () => {
  const card = {
    intentPath: ['billing.explain'],
    accountNumber: '1000003051',
    verifiedAccount: '1000003051',
    verification: 'verified',
    answered: ['verification failed for 1000003051 (1)', 'verified 1000003051 by phone'],
    lastMessages: ['户号 10******51 2026年10月'],
  };
  const { card: shown, sealed } = protectCaseCard(
    card,
    (c) => `sealed(${c})`,
    (d) => `ref-of-${d.length}-digits`,
  );

  it('shows no account number in clear, anywhere in the card', () => {
    expect(JSON.stringify(shown)).not.toContain('1000003051');
    expect(shown.accountNumber).toBe('10******51');
    expect(shown.verifiedAccount).toBe('10******51');
    expect(shown.answered).toEqual([
      'verification failed for 10******51 (1)',
      'verified 10******51 by phone',
    ]);
  });

  it('keeps a keyed reference for search and the clear accounts only sealed', () => {
    expect(shown.accountRef).toBe('ref-of-10-digits');
    expect(sealed).toEqual({
      accountNumber: 'sealed(1000003051)',
      verifiedAccount: 'sealed(1000003051)',
    });
    expect(shown.intentPath).toEqual(['billing.explain']);
    expect(shown.lastMessages).toEqual(['户号 10******51 2026年10月']);
  });

  it('leaves a card without accounts as it was', () => {
    expect(protectCaseCard({ intentPath: [] }, String, String)).toEqual({
      card: { intentPath: [] },
      sealed: {},
    });
  });
});
