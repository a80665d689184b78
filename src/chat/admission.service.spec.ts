import { AppConfig } from '../config/app-config';
import { AddressLimitsService } from './address-limits.service';
import { ABUSE_REFUSALS, AdmissionService, AdmissionState } from './admission.service';

/** The address limits answer from Redis (tested e2e); here they always admit. */
const admitting = { take: () => Promise.resolve({ ok: true }) } as unknown as AddressLimitsService;

function service(): AdmissionService {
  return new AdmissionService(
    Object.assign(new AppConfig(), { CHAT_MESSAGE_BURST: 3, CHAT_MESSAGES_PER_SECOND: 1 }),
    admitting,
  );
}

describe(AdmissionService.name, () => {
  it('refuses past the socket burst with RATE_LIMITED and when to retry', async () => {
    const admission = service();
    const state: AdmissionState = {};
    for (let i = 0; i < 3; i++) await admission.message(state, '203.0.113.1');
    await expect(admission.message(state, '203.0.113.1')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 1 },
    });
    expect(state.abusive).toBeUndefined();
  });

  it(`marks a socket abusive after ${ABUSE_REFUSALS} refusals in a row`, async () => {
    const admission = service();
    const state: AdmissionState = {};
    for (let i = 0; i < 3 + ABUSE_REFUSALS - 1; i++) {
      await admission.message(state, '203.0.113.1').catch(() => undefined);
    }
    expect(state.abusive).toBeFalsy();
    await admission.message(state, '203.0.113.1').catch(() => undefined);
    expect(state.abusive).toBe(true);
  });

  it('counts resumes in the socket start bucket', async () => {
    const admission = service();
    const state: AdmissionState = {};
    // CHAT_START_BURST is 5 by default: four starts and one resume use it up.
    for (let i = 0; i < 4; i++) await admission.start(state, '203.0.113.1');
    await admission.resume(state);
    await expect(admission.resume(state)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('meters typing signals per socket, apart from messages', async () => {
    const admission = service();
    const state: AdmissionState = {};
    // A person starts and stops typing a few times a second at most: six pass at once.
    for (let i = 0; i < 6; i++) admission.typing(state);
    expect(() => admission.typing(state)).toThrow(
      expect.objectContaining({ code: 'RATE_LIMITED' }),
    );
    // The message bucket is untouched by them.
    await admission.message(state, '203.0.113.1');
  });
});
