import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'crypto';

/**
 * AES-256-GCM for the few values kept for audited unmasking (a message's original text), so a
 * database dump holds no personal number in clear. A sealed value is one string,
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), self-describing so a later key or format can sit
 * beside it. GCM authenticates: a value altered in the database, or sealed under another key,
 * does not open (it throws), rather than opening to garbage. `context` binds a value to its
 * record (the message id), so a ciphertext copied onto another record does not open there.
 */
const VERSION = 'v1';
const IV_BYTES = 12;

/** The 32-byte AES key derived (HKDF-SHA256) from the configured secret of 32+ characters. */
export function deriveCipherKey(secret: string, purpose: string): Buffer {
  if (secret.length < 32) throw new Error('the secret must have at least 32 characters');
  return Buffer.from(hkdfSync('sha256', secret, 'powerdesk', purpose, 32));
}

export function seal(plain: string, key: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function isSealed(value: string): boolean {
  return /^v1\.[\w-]+\.[\w-]+\.[\w-]*$/.test(value);
}

export function open(sealed: string, key: Buffer, context: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
    throw new Error('not a sealed value');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
