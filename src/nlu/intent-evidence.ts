/**
 * Words without which the bot must not act on an intent, however confident the classifier is.
 * The intents here are the ones whose misfire costs something: an urgent ticket and "call 119",
 * a handoff, a request logged, or a goodbye that ends the help. The classifier is statistical and
 * sees two newlines or a cat's "meow" as something; these lists say what a customer really writes
 * for each of them (both languages, common typos), and a text without any of it is not taken.
 */
const EVIDENCE: Record<string, RegExp> = {
  'safety.hazard':
    /电线|电缆|线路|火花|打火|冒烟|冒火|起火|着火|失火|火灾|烧焦|烧着|焦味|糊味|触电|电到|漏电|带电|电死|爆炸|爆了|炸了|掉下|断了|断落|倒了|变压器|电箱|表箱|电线杆|电杆|危险|闪光|噼啪|spark|smok|fire|flame|burn|shock|electrocut|live wire|down(ed)? (power )?line|line (is )?down|wires?\b|cable|transformer|pole|explo|danger|hazard|buzzing|melt|smell/i,
  'agent.request':
    /人工|真人|客服|坐席|接线员|转接|找人|活人|工作人员|服务员|agent|human|person|someone|somebody|representative|operator|real people|staff|talk to|speak to|speak with|talk with|call me|live chat/i,
  'service.complaint':
    /投诉|举报|不满|态度|差评|服务差|太差|恶劣|告你|告你们|起诉|律师|法院|曝光|媒体|12398|12345|complain|complaint|rude|unacceptable|disgrace|appalling|sue\b|lawyer|legal action|court|report you|ombudsman|regulator|manager|supervisor|terrible service|poor service|worst service/i,
  'billing.arrangement':
    /延期|延迟|推迟|缓.{0,3}[交缴付]|晚.{0,3}[交缴付]|宽限|分期|分几次|困难|补助|减免|交不起|付不起|没钱|没有钱|拿不出|停我电|别停电|不要停电|催缴|催费|more time|extension|extend|instal?l?ment|payment plan|pay (it )?(off )?in parts|hardship|can'?t afford|cannot afford|can'?t pay|cannot pay|unable to pay|defer|postpone|delay|spread|relief|assistance|struggling|disconnect|cut (me )?off|behind on/i,
  greeting:
    /你好|您好|在吗|在不在|早上好|下午好|晚上好|早安|哈喽|嗨|hello|hi\b|hey|hiya|good (morning|afternoon|evening)|greetings|anyone there|yo\b/i,
  goodbye:
    /再见|拜拜|88|回见|下次|没事了|没有了|就这些|先这样|结束|bye|goodbye|good night|see you|that'?s all|nothing else|no more|cheers|farewell|have a (good|nice) day|ok thanks|that'?s it/i,
  thanks: /谢|感谢|多谢|辛苦|thank|thx|thanks|ty\b|cheers|appreciate|grateful/i,
};

/** Whether the text carries the words an intent needs; intents without a list always pass. */
export function hasEvidence(intent: string, text: string): boolean {
  const re = EVIDENCE[intent];
  return !re || re.test(text.normalize('NFKC'));
}

/**
 * Text with nothing to read: only symbols, emoji, punctuation, or letters that make no words
 * (a cat walking on the keyboard). Such a message is never an intent, whatever the score.
 */
export function isContentless(text: string): boolean {
  const folded = text.normalize('NFKC').toLowerCase();
  const meaningful = folded.replace(/[\p{P}\p{S}\p{Z}\s\d]/gu, '');
  if (meaningful.length === 0) return true;
  const han = folded.match(/\p{Script=Han}/gu) ?? [];
  if (han.length > 0) {
    // A run of one repeated character or onomatopoeia ("喵喵喵", "啊啊啊") says nothing.
    const distinct = new Set(han.filter((c) => !/[喵啊哈呵嘿嘻呜哇汪咩嗷嗯哦呀噢]/u.test(c)));
    return distinct.size === 0 && !/[a-z]{3,}/.test(folded.replace(/meow|miao|haha|lol/g, ''));
  }
  const words = folded.match(/[a-z]+/g) ?? [];
  const real = words.filter((w) => !/^(meow|miao|mew|purr|haha+|lol|hm+|zz+|aa+|ee+|oo+)$/.test(w));
  if (real.length === 0) return true;
  // Keyboard mash: no vowel in any word, or rows of the keyboard.
  return real.every(
    (w) => (w.length > 3 && !/[aeiouy]/.test(w)) || /^(asdf|qwer|zxcv|jkl)/.test(w),
  );
}

/** Threats of legal action or going to the press or regulator: a complaint for a person. */
export function isThreat(text: string): boolean {
  return /告你|告你们|起诉|律师|法院|上法庭|曝光|找媒体|12398|打12345|\bsue\b|\bsuing\b|lawyer|legal action|take you to court|court|the press|regulator|ombudsman|report you/i.test(
    text.normalize('NFKC'),
  );
}
