import { NluResult } from '../nlu/nlu.types';
import { decide } from './starter-policy';

function nlu(intent: string, confidence = 0.9): NluResult {
  return { language: 'en', intent, confidence, oos: intent === 'oos', top: [], entities: [] };
}

describe('decide', () => {
  it('escalates an explicit request for a person', () => {
    expect(decide(nlu('agent.request'), 0)).toEqual({
      reply: 'handoff',
      escalate: 'customer_request',
    });
  });

  it('escalates a hazard with the safety reply', () => {
    expect(decide(nlu('safety.hazard'), 0)).toEqual({ reply: 'hazard', escalate: 'safety_hazard' });
  });

  it('answers outage and billing intents by family', () => {
    expect(decide(nlu('outage.status'), 0).reply).toBe('outage');
    expect(decide(nlu('billing.explain'), 0).reply).toBe('billing');
  });

  it('asks again on the first misunderstanding and escalates on the second', () => {
    expect(decide(nlu('oos', 0.8), 0)).toEqual({ reply: 'notUnderstood' });
    expect(decide(nlu('billing.balance', 0.2), 1)).toEqual({
      reply: 'handoff',
      escalate: 'not_understood',
    });
  });
});
