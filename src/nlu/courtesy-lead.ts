/**
 * Greetings and thanks customers put before the request ("在吗在吗 电费单不对啊", "hello?? anyone
 * there? my bill is wrong"). The classifier weighs the greeting words so heavily that the whole
 * message reads as a greeting (0.99), and the customer is asked how the bot can help with the
 * request still unanswered on the screen.
 */
const LEAD =
  /^(?:(?:你好|您好|在吗|在么|在不在|在嘛|喂|嗨|哈喽|哈罗|hello+|helo|hi+|hey+|hiya|yo|good (?:morning|afternoon|evening|day)|(?:is )?(?:any ?one|any ?body|someone) (?:there|here)|谢谢|多谢|感谢|好的谢谢|thanks|thank you|thx|ty|ok thanks|ok thx|great thanks)(?![a-z])[\s\p{P}\p{S}]*)+/iu;

/** The text after its leading greetings and thanks, when there is more to read; else undefined. */
export function afterCourtesy(text: string): string | undefined {
  const folded = text.normalize('NFKC').trim();
  const lead = LEAD.exec(folded);
  if (!lead) return undefined;
  const rest = folded.slice(lead[0].length).trim();
  return rest.length > 0 ? rest : undefined;
}
