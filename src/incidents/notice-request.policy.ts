/**
 * What a customer asks of notices in chat, read from their words: a notice when power is back
 * ("来电了通知我", "tell me when it's back", by SMS to a number given with it), no more notices
 * ("不用通知了", "stop the updates"), or a call back. Pure; the dialogue calls it first.
 */
export type NoticeRequest = 'subscribe' | 'subscribe_planned' | 'opt_out' | 'callback';

const OPT_OUT =
  /(不用|不要|别|无需|取消|停止|关闭).{0,4}(通知|提醒|短信|消息)|退订|\bTD\b|unsubscribe|opt[ -]?out|(stop|cancel|no more)\b.{0,12}\b(notice|notification|update|message|text|sms|alert)s?|don'?t (notify|text|message) me/i;

const SUBSCRIBE =
  /(来电|恢复供电|恢复了|有电|通电|修好).{0,8}(通知|告诉|提醒|发短信|发个短信|短信)|(通知|提醒)我|短信通知|(tell|let|notify|text|message|sms|ping)\b.{0,10}\bwhen\b|notify me|keep me (posted|updated)|(send|give) me (an? )?(update|notice|text|sms)|subscribe/i;

const CALLBACK = /回电|回个电话|给我回电话|打电话给我|打给我|call me( back)?|callback|ring me/i;

const PLANNED = /计划停电|停电计划|计划检修|检修停电|planned|scheduled|maintenance/i;
const REMIND = /通知|提醒|告诉|短信|remind|notify|tell me|let me know|text me|warn me|heads[- ]up/i;

/** Words that put a request in an outage's context without any earlier outage turn. */
const OUTAGE_WORDS = /停电|来电|供电|有电|通电|断电|没电|power|outage|electricity|blackout/i;
const NOTICE_WORDS = /通知|提醒|短信|消息|notice|notification|update|text|sms|alert/i;

/**
 * `inOutage`: the chat is about an outage already (attached to an incident, or its last
 * question was one), so "tell me when it's back" needs no outage word of its own.
 */
export function readNoticeRequest(
  text: string,
  context: { inOutage: boolean },
): NoticeRequest | undefined {
  if (OPT_OUT.test(text) && (context.inOutage || NOTICE_WORDS.test(text))) return 'opt_out';
  if (CALLBACK.test(text) && context.inOutage) return 'callback';
  if (PLANNED.test(text) && REMIND.test(text)) return 'subscribe_planned';
  if (SUBSCRIBE.test(text) && (context.inOutage || OUTAGE_WORDS.test(text))) return 'subscribe';
  return undefined;
}

/** "发短信", "SMS", "text me": the customer wants the notice by SMS (to the number they give). */
export function wantsSms(text: string): boolean {
  return /短信|手机|sms|text me|\btext\b|phone|mobile/i.test(text);
}
