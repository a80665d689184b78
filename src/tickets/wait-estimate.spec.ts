import { DEFAULT_HANDLE_SECONDS, estimateWaits, plannedHandleSeconds } from './wait-estimate';

describe('the wait estimate', () => {
  it('plans with the mean of the measured handle times once there are enough', () => {
    expect(plannedHandleSeconds([600, 900, 840, 780, 780, 900])).toBe(800);
  });

  it('leans on the default while only a few chats were measured', () => {
    expect(plannedHandleSeconds([])).toBe(DEFAULT_HANDLE_SECONDS);
    // Two 30-second test chats: (2 × 30 + 3 × 300) / 5.
    expect(plannedHandleSeconds([30, 30])).toBe(192);
  });

  it('counts the queue ahead per agent online, not per seat', () => {
    // Three waiting behind one agent who just took a 14-minute chat (with two seats still free):
    // 14, 28 and 42 minutes, not "about 1".
    expect(estimateWaits({ waiting: 3, handleSeconds: 840, agentsBusyFor: [0] })).toEqual([
      840, 1680, 2520,
    ]);
    // Three such agents: each takes one of the three next.
    expect(estimateWaits({ waiting: 3, handleSeconds: 840, agentsBusyFor: [0, 0, 0] })).toEqual([
      840, 840, 840,
    ]);
  });

  it('counts what the chats in progress have already taken', () => {
    // 10 of 14 minutes gone: the first in the queue waits about four, the next a chat more.
    expect(estimateWaits({ waiting: 2, handleSeconds: 840, agentsBusyFor: [600] })).toEqual([
      240, 1080,
    ]);
    // Two agents, one half done and one just started: the queue goes to the half-done one
    // first, then alternates as they free up.
    expect(estimateWaits({ waiting: 4, handleSeconds: 600, agentsBusyFor: [300, 0] })).toEqual([
      300, 600, 900, 1200,
    ]);
  });

  it('plans at least a quarter chat for a chat nearly done or past the mean, not "any moment"', () => {
    expect(estimateWaits({ waiting: 1, handleSeconds: 600, agentsBusyFor: [3600] })).toEqual([150]);
    expect(estimateWaits({ waiting: 1, handleSeconds: 600, agentsBusyFor: [590] })).toEqual([150]);
  });

  it('says at once for an agent online who holds no chat (the ticket is being offered)', () => {
    expect(estimateWaits({ waiting: 2, handleSeconds: 300, agentsBusyFor: [null] })).toEqual([
      0, 300,
    ]);
  });

  it('never promises a later ticket less than an earlier one', () => {
    const waits = estimateWaits({
      waiting: 12,
      handleSeconds: 420,
      agentsBusyFor: [400, 10, null, 900, 200],
    }) as number[];
    for (let k = 1; k < waits.length; k++) expect(waits[k]).toBeGreaterThanOrEqual(waits[k - 1]);
  });

  it('gives none while no agent is online', () => {
    expect(estimateWaits({ waiting: 2, handleSeconds: 300, agentsBusyFor: [] })).toEqual([
      null,
      null,
    ]);
  });
});
