import { createHash, timingSafeEqual } from 'crypto';

/**
 * WeChat signs each push with sha1 of the token, timestamp and nonce sorted and joined
 * (the official account's server configuration, plain-text mode).
 */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export function verifyWechat(
  token: string,
  query: { signature?: string; timestamp?: string; nonce?: string },
): boolean {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce) return false;
  const expected = Buffer.from(wechatSignature(token, timestamp, nonce));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
