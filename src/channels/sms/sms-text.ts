/**
 * SMS wording rules, pure. A message in GSM-7 carries 160 characters (153 per part when split);
 * one with any other character (Chinese) is sent as UCS-2: 70 (67 per part). Parts are cut on a
 * character boundary, never inside a surrogate pair, and numbered so a phone that shows them out
 * of order still reads right.
 */
const GSM7 =
  /^[A-Za-z0-9 @£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/;

export function splitSms(text: string): string[] {
  const chars = [...text];
  const gsm = GSM7.test(text);
  const single = gsm ? 160 : 70;
  if (chars.length <= single) return [text];
  // Room for the " (n/N)" label inside each part's limit.
  const per = (gsm ? 153 : 67) - 7;
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += per) parts.push(chars.slice(i, i + per).join(''));
  return parts.map((p, i) => `${p} (${i + 1}/${parts.length})`);
}

/** 退订 / TD / STOP (and the usual variants) opt the number out; START / 订阅 opt back in. */
export function smsKeyword(text: string): 'stop' | 'start' | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (/^(td|退订|取消订阅|stop|unsubscribe|stopall|cancel|quit|end)$/.test(t)) return 'stop';
  if (/^(start|unstop|订阅|恢复订阅)$/.test(t)) return 'start';
  return null;
}

export const SMS_TEXTS = {
  optedOut: {
    zh: '您已退订本号码的短信服务，我们不会再向您发送短信。回复“订阅”可恢复。',
    en: 'You have opted out: we will send no more texts to this number. Reply START to opt back in.',
  },
  optedIn: {
    zh: '已恢复短信服务。请直接回复您的问题。',
    en: 'Texts are back on. Reply with your question any time.',
  },
} as const;
