import { ChatLanguage } from '../conversations/conversation.schema';

/** A customer-facing text: the type makes both languages mandatory. */
export type Bilingual = Record<ChatLanguage, string>;

export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
