/** Longest text the engine looks at; longer input is cut so one message cannot stall the classifier. */
export const MAX_TEXT_CHARS = 2000;

/** Script and style bodies are code, not words the customer wrote. */
const HTML_CODE = /<(script|style)\b[^>]{0,200}>[\s\S]*?<\/\1\s*>/gi;
const HTML_TAG = /<\/?[a-z][^>]{0,200}>/gi;
const HTML_ENTITY = /&(nbsp|amp|lt|gt|quot|#\d{1,6});/gi;
const WHITESPACE = /\s+/gu;

/**
 * Canonical form for classification: NFKC folds full-width letters, digits and punctuation
 * (ＡＢＣ１２３ → abc123) that Chinese input methods produce; HTML pasted from e-mails is stripped.
 */
export function normalizeText(raw: string): string {
  const cut = raw.length > MAX_TEXT_CHARS ? raw.slice(0, MAX_TEXT_CHARS) : raw;
  return cut
    .normalize('NFKC')
    .replace(HTML_CODE, ' ')
    .replace(HTML_TAG, ' ')
    .replace(HTML_ENTITY, ' ')
    .toLowerCase()
    .replace(WHITESPACE, ' ')
    .trim();
}
