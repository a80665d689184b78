import { createHmac, timingSafeEqual } from 'crypto';

/** A request older or newer than this is refused: a captured request cannot be replayed later. */
export const SMS_MAX_SKEW_SECONDS = 300;

/**
 * The gateway signs `<timestamp>.<raw body>` with HMAC-SHA256 under the shared secret and sends
 * `X-Sms-Timestamp` (Unix seconds) and `X-Sms-Signature: sha256=<hex>` (docs/channels.md).
 */
export function signSms(secret: string, timestamp: string, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `sha256=${mac}`;
}

export function verifySms(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  rawBody: Buffer | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): 'ok' | 'missing' | 'stale' | 'bad' {
  if (!timestamp || !signature || !rawBody) return 'missing';
  const at = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - at) > SMS_MAX_SKEW_SECONDS)
    return 'stale';
  const expected = Buffer.from(signSms(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'ok' : 'bad';
}
