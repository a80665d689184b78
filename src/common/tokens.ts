import { createHash, randomBytes } from 'crypto';

/** A fresh bearer secret (resume tokens, session tokens). */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** What is stored of a bearer secret: enough to recognise it, never enough to reuse it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
