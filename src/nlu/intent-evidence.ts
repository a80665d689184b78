/**
 * Words without which the bot must not act on an intent, however confident the classifier is.
 * The intents here are the ones whose misfire costs something: an urgent ticket and "call 119",
 * a handoff, a request logged, or a goodbye that ends the help. The classifier is statistical and
 * sees two newlines or a cat's "meow" as something; these lists say what a customer really writes
 * for each of them (both languages, common typos), and a text without any of it is not taken.
 */
const EVIDENCE: Record<string, RegExp> = {
  'safety.hazard':
    /电线|电缆|线路|架空线|火花|打火|冒烟|冒火|起火|着火|失火|火灾|烧焦|烧着|焦味|糊味|触电|电到|被电|漏电|带电|电死|爆炸|爆了|炸了|掉下|下垂|断了|断落|倒了|变压器|电箱|表箱|电线杆|电杆|危险|闪光|噼啪|滋滋|融化|进水|水淹|spark|smok|fire|flame|burn|shock|electrocut|live wire|(fallen|down(ed)?|sagging|hanging) (power )?(line|wire|cable)|(line|wire|cable) is (sagging|down|hanging)|line (is )?down|wires?\b|cable|transformer|pole|explo|danger|hazard|buzzing|crackl|sizzl|arcing|melt|smell|flood|electricity in the water|kite/i,
  'agent.request':
    /人工|真人|帮我的人|有人可以|有没有人|客服|坐席|接线员|转接|找人|找个人|叫个人|跟人|和人|要人|活人|人说话|人沟通|机器人|工作人员|服务员|主管|客户代表|别人|你们的人|agent|human|person|someone|somebody|representative|operator|real people|staff|customer service|manual|talk to|speak to|speak with|talk with|call me|live chat/i,
  'service.complaint':
    /投诉|举报|不满|失望|不礼貌|不回|不帮忙|一团糟|都没做|没人跟进|没用|踢皮球|没通知|不理|体验很差|不像话|等了|额外收|不重视|人影|被怼|离谱|没有人负责|过分|dissatisf|态度|差评|服务差|太差|恶劣|告你|起诉|律师|法院|曝光|媒体|12398|12345|没来|没人管|没人理|不管|推来推去|敷衍|骂|赔偿|不专业|不负责|师傅|员工|工作人员|客服|抄表员|服务|complain|complaint|rude|unacceptable|disgrace|appalling|\bsue\b|lawyer|legal action|court|report (you|an? employee)|ombudsman|regulator|manager|supervisor|staff|technician|engineer|worker|employee|agent|installer|repairman|meter reader|team|service|unhappy|not happy|disappointed|angry|fed up|useless|terrible|awful|unprofessional|disrespectful|aggressive|rude|lied|ignor|never (showed|came|answers|called)|nobody|no one|did nothing|done nothing|hung up|passed around|refused|damaged|mess|compensation|seriously|bad experience|wait(ed)? (all day|two hours|hours)/i,
  'billing.arrangement':
    /延期|延迟|延长|分.{0,2}个月|滞纳金|再给|多给|还款|每周|先欠|推迟|往后推|缓.{0,3}[交缴付]|晚.{0,3}[交缴付]|宽限|通融|商量|分期|分几次|拆成|一半|按月|困难|吃力|补助|救助|减免|交不起|交不上|交不了|付不起|没钱|没有钱|手头紧|拿不出|没法按时|不按时|才能交|期限|欠费|欠了|停我电|别停电|不要停电|不停电|催缴|催费|more time|extra (days|time)|another (two )?weeks?|some time to pay|extension|extend|instal?l?ment|payment (plan|arrangement)|arrangement|in parts|split|half now|pay (it )?later|pay monthly|each week|a little|on the \d+(st|nd|rd|th)|(be|is|will be) late|late fee|waive|hardship|difficult|low income|subsid|tight|flexible|work something out|no money|can'?t afford|cannot afford|can'?t pay|cannot pay|unable to pay|don'?t pay|help paying|defer|postpone|delay|spread|relief|assistance|struggling|arrears|overdue|disconnect|cut (me )?off|shut off|be cut|behind on|\bwait\b/i,
  greeting:
    /你好|您好|泥嚎|大家好|在吗|在么|在不在|早|午好|晚上好|哈喽|哈罗|嗨|嘿|喂|又来了|hello|helo|hi+\b|hey|hiya|howdy|hola|\bsup\b|good (morning|afternoon|evening|day)|^\s*(morning|afternoon|evening)\b|greetings|anyone there|yo\b/i,
  goodbye:
    /再见|再聊|到这里|再会|退出|没有问题了|掰|溜了|挂了|白白|先下了|明天见|拜|88|回见|回头聊|下次|没事了|没有了|就这些|就这样|先这样|结束|走了|先撤|撤了|下线|晚安|告辞|关闭|聊完|bye|good ?night|see (you|ya)|cya|catch you|that'?s all|that'?ll be all|that is all|nothing else|no more|cheers|farewell|have a (good|nice) (day|one)|ok thanks|that'?s it|talk later|later\b|i'?m done|done here|(have|got) ?to go|gotta go|leaving|end (the )?(chat|conversation)|close (the )?chat|i'?ll be going|signing off|ciao|so long|quit|exit|next time|peace out|i'?m off|adios|ttyl/i,
  thanks:
    /谢|蟹蟹|感谢|多谢|辛苦|感激|感恩|3q|thank|thx|thanks|tnx|thanx|\bty\b|\bta\b|cheers|appreciate|grateful|obliged|helpful/i,
};

/** The intents the bot acts on only with their words in the text. */
export const GUARDED_INTENTS: readonly string[] = Object.keys(EVIDENCE);

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

/** The customer says they are complaining (not only that they are fed up). */
/**
 * A customer who names the handoff in so many words ("停电两个小时了，转人工", "just get me a real
 * person"): the bot's own replies tell them to say 转人工, so whatever else the text is about,
 * that is what they asked for. Negations ("不用转人工", "no need for an agent") are not requests.
 */
export function isExplicitAgentRequest(text: string): boolean {
  const t = text.normalize('NFKC');
  if (
    /(不用|不要|无需|不需要|别)(帮我)?转?(人工|真人)|no need (for|to)|don'?t (need|want) (an? )?(agent|human|person)/i.test(
      t,
    )
  )
    return false;
  return /转人工|人工客服|人工服务|找人工|要人工|接人工|真人客服|(talk|speak|chat) (to|with) (a |an )?(real |live )?(person|human|agent|representative|operator)|(real|live) (person|human)|get me (a |an )?(real )?(person|human|agent)/i.test(
    t,
  );
}

export function isExplicitComplaint(text: string): boolean {
  return /投诉|举报|差评|complain|complaint|report (you|an? employee|your)/i.test(
    text.normalize('NFKC'),
  );
}

/**
 * A claim for damage or compensation ("冰箱里的东西都坏了，你们赔吗", "will you compensate me?"):
 * only a person can decide one, and the bot must not promise or refuse it, so it is a complaint
 * for a person whatever else the message asks.
 */
export function isDamageClaim(text: string): boolean {
  return /赔偿|赔钱|赔不赔|赔吗|会赔|能赔|给赔|索赔|补偿|compensat|reimburs|pay (me )?(back )?for (the |my )?(damage|food|fridge|freezer|appliance|losses)|(claim|sue) for (the )?(damage|loss)|cover (the |my )?(damage|loss)/i.test(
    text.normalize('NFKC'),
  );
}
