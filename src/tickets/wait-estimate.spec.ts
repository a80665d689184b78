import { DEFAULT_HANDLE_SECONDS, estimateWaitSeconds, plannedHandleSeconds } from './wait-estimate';

describe('the wait estimate', () => {
  it('plans with the mean of the measured handle times once there are enough', () => {
    expect(plannedHandleSeconds([600, 900, 840, 780, 780, 900])).toBe(800);
  });

  it('leans on the default while only a few chats were measured', () => {
    expect(plannedHandleSeconds([])).toBe(DEFAULT_HANDLE_SECONDS);
    // Two 30-second test chats: (2 × 30 + 3 × 300) / 5.
    expect(plannedHandleSeconds([30, 30])).toBe(192);
  });

  it('counts the queue ahead and divides by the agents online, not their seats', () => {
    // Position 3, 14-minute chats, one agent (with three seats): 42 minutes, not "about 1".
    expect(estimateWaitSeconds({ position: 3, handleSeconds: 840, agentsOnline: 1 })).toBe(2520);
    expect(estimateWaitSeconds({ position: 3, handleSeconds: 840, agentsOnline: 3 })).toBe(840);
  });

  it('grows with the position', () => {
    const at = (position: number) =>
      estimateWaitSeconds({ position, handleSeconds: 300, agentsOnline: 2 }) ?? 0;
    expect(at(1)).toBeLessThan(at(2));
    expect(at(2)).toBeLessThan(at(5));
  });

  it('gives none while no agent is online', () => {
    expect(estimateWaitSeconds({ position: 1, handleSeconds: 300, agentsOnline: 0 })).toBeNull();
  });
});
