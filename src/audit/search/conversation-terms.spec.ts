import { MessageView } from '../../conversations/conversation.views';
import { personalRef } from '../../common/pii-masker';
import { TicketView } from '../../tickets/ticket.views';
import { isSearchable, messageTerms, ticketTerms } from './conversation-terms';
import { facet, summariseFacets } from './search-terms';

const message = (over: Partial<MessageView>): MessageView => ({
  id: 'c:m',
  conversationId: 'c',
  seq: 3,
  sender: 'customer',
  clientMessageId: 'm',
  text: '',
  createdAt: new Date().toISOString(),
  ...over,
});

const refOf = (n: string) => personalRef(n, 'a-test-key-of-some-length');

describe('conversation terms', () => {
  it('indexes a customer’s words and the districts they name', () => {
    const terms = messageTerms(message({ text: '东湖区停电了' }));
    expect(terms).toEqual(expect.arrayContaining(['停电', facet.district('QH-DH')]));
  });

  it('leaves out internal notes and the bot’s templated words', () => {
    expect(messageTerms(message({ internal: true, text: 'transformer' }))).toEqual([]);
    const greeting = message({ sender: 'bot', intent: 'greeting', text: '例如：“我家停电了”' });
    expect(isSearchable(greeting)).toBe(false);
    expect(messageTerms(greeting)).toEqual([facet.intent('greeting')]);
    expect(isSearchable(message({ sender: 'agent', text: '已为您处理' }))).toBe(true);
  });

  it('takes the intent and the account the bot read, by reference, from a bot reply', () => {
    const reply = message({
      sender: 'bot',
      intent: 'billing.explain',
      text: 'Here is your bill',
      entities: [{ type: 'account_number', value: '10******67' }],
    });
    const terms = messageTerms(reply, [refOf('1000004067')]);
    expect(terms).toEqual(
      expect.arrayContaining([facet.intent('billing.explain'), facet.account(refOf('1000004067'))]),
    );
    expect(terms.join(' ')).not.toContain('1000004067');
  });

  it('rebuilds every facet a ticket gave: escalated, agent, outcome, rating', () => {
    const ticket = {
      conversationId: 'c',
      status: 'resolved',
      agentId: 'a1',
      rating: { agent: 4 },
      caseCard: { districtCode: 'QH-XS' },
    } as unknown as TicketView;
    expect(ticketTerms(ticket, refOf).sort()).toEqual(
      [
        facet.outcome('escalated'),
        facet.district('QH-XS'),
        facet.agent('a1'),
        facet.outcome('resolved'),
        facet.rating(4),
      ].sort(),
    );
  });

  it('sums up a conversation’s facets for a result row', () => {
    expect(summariseFacets([facet.intent('greeting'), facet.intent('billing.balance')])).toEqual({
      intents: ['billing.balance', 'greeting'],
      outcome: 'bot',
    });
    const served = [facet.outcome('escalated'), facet.outcome('resolved'), facet.rating(5)];
    expect(summariseFacets(served)).toEqual({ intents: [], outcome: 'resolved', rating: 5 });
    expect(summariseFacets([facet.outcome('escalated')]).outcome).toBe('escalated');
    expect(summariseFacets([facet.outcome('escalated'), facet.outcome('abandoned')]).outcome).toBe(
      'abandoned',
    );
  });
});
