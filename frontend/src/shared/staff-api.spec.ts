import { answerOf, errorText, failureMessage, StaffFailure, unanswered } from './staff-api';
import { translator } from './translate';

const en = translator('en').t;
const zh = translator('zh').t;

describe(answerOf.name, () => {
  it('gives the body of a 2xx answer', () => {
    expect(answerOf(200, [{ id: 'a' }])).toEqual({ ok: true, status: 200, body: [{ id: 'a' }] });
    expect(answerOf(204, null)).toEqual({ ok: true, status: 204, body: null });
  });

  it("gives the server's code and message of a failed answer", () => {
    const body = { error: { code: 'FORBIDDEN', message: 'Only supervisors may do this' } };
    expect(answerOf(403, body, 'Forbidden')).toEqual({
      ok: false,
      status: 403,
      code: 'FORBIDDEN',
      message: 'Only supervisors may do this',
    });
  });

  it('names a failure without an error body by its status', () => {
    expect(answerOf(502, null, 'Bad Gateway')).toEqual({
      ok: false,
      status: 502,
      code: 'HTTP_502',
      message: 'Bad Gateway',
    });
    expect(answerOf(500, '<html>', '')).toMatchObject({ code: 'HTTP_500', message: 'error' });
  });
});

describe(unanswered.name, () => {
  it('tells the 30 s limit running out from a network failure', () => {
    const timeout = new DOMException('signal timed out', 'TimeoutError');
    expect(unanswered(timeout)).toMatchObject({ ok: false, status: 0, code: 'TIMEOUT' });
    expect(unanswered(new TypeError('Failed to fetch'))).toMatchObject({
      ok: false,
      status: 0,
      code: 'NETWORK',
      message: 'TypeError: Failed to fetch',
    });
  });
});

describe('what a failure says to staff', () => {
  const refused: StaffFailure = {
    ok: false,
    status: 503,
    code: 'UNAVAILABLE',
    message: 'store down',
  };

  it("keeps the server's message, with the status on the supervisor desk", () => {
    expect(failureMessage(refused, en)).toBe('store down');
    expect(errorText(refused, en)).toBe('503 · store down');
    expect(errorText(refused, zh)).toBe('503 · store down');
  });

  it("says no answer in the page's language, from the catalogue, without a status 0", () => {
    const timedOut = unanswered(new DOMException('signal timed out', 'TimeoutError'));
    const offline = unanswered(new TypeError('Failed to fetch'));
    expect(errorText(timedOut, en)).toBe(en('staffNoAnswer'));
    expect(errorText(timedOut, zh)).toBe(zh('staffNoAnswer'));
    expect(failureMessage(offline, en)).toBe(en('staffNetworkFailed'));
    expect(failureMessage(offline, zh)).toBe(zh('staffNetworkFailed'));
    expect(en('staffNoAnswer')).not.toBe(zh('staffNoAnswer'));
    expect(errorText(offline, en)).not.toMatch(/TypeError|^0/);
  });
});
