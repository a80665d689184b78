/** An SMS gateway's client: sends one text, deduplicated by the key (a "client reference"). */
export interface SmsProvider {
  send(message: { to: string; text: string; idempotencyKey: string }): Promise<void>;
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');
