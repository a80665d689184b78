import { Bilingual } from '../common/bilingual';
import { TASK_REPLIES } from './task-replies';

/**
 * Everything the bot says, in both languages. Placeholders in braces are filled by `fill`.
 * Public information (tariffs, planned outages, payment channels) never needs verification;
 * anything about one account's money, address or history does.
 */
export const REPLIES = {
  welcome: {
    zh: '您好！我是电力客服助手，可以帮您查询停电、电费、账户和业务办理。需要人工服务，请随时说“转人工”。',
    en: 'Hello! I\'m the power company\'s virtual assistant. I can help with outages, bills, your account and service requests. Say "talk to an agent" at any time to reach a person.',
  },
  greeting: {
    zh: '您好！请问有什么可以帮您？例如：“我家停电了”、“查电费”、“峰谷电价怎么算”或“转人工”。',
    en: 'Hi! How can I help? For example: "my power is out", "how much do I owe", "what are the tariffs" or "talk to an agent".',
  },
  goodbye: {
    zh: '感谢您的咨询，祝您生活愉快！',
    en: 'Thank you for contacting us. Have a good day!',
  },
  thanks: {
    zh: '不客气！还有其他可以帮您的吗？',
    en: "You're welcome! Is there anything else I can help with?",
  },
  notUnderstood: {
    zh: '抱歉，我没有完全理解。我可以帮您查询停电、电费、电价，或办理开户、过户、销户等业务。您可以换个说法，或说“转人工”。',
    en: 'Sorry, I did not quite understand. I can help with outages, bills, tariffs, and requests such as starting, transferring or stopping service. Could you rephrase, or say "talk to an agent"?',
  },
  handoff: {
    zh: '好的，正在为您转接人工客服，请稍候，您的对话记录会一并转给客服。',
    en: 'Sure, I am connecting you to an agent. Please hold on; they will see our conversation so far.',
  },
  handoffComplaint: {
    zh: '非常抱歉给您带来不好的体验。我马上为您转接人工客服，由专人处理您的意见。',
    en: 'I am very sorry about your experience. I am connecting you to a person who will handle your complaint.',
  },
  handoffFrustrated: {
    zh: '抱歉没能帮到您，我马上为您转接人工客服。',
    en: "I'm sorry I couldn't help. Let me connect you to a person right away.",
  },
  handoffVerification: {
    zh: '验证未通过次数过多，为保护您的账户安全，我将为您转接人工客服核实身份。',
    en: 'Verification failed too many times. To protect the account, I am connecting you to an agent who can verify you another way.',
  },
  handoffDecision: {
    zh: '这个需要人工审核，我已为您登记（编号 {reference}），正在为您转接人工客服。',
    en: 'This needs a decision by a person. I have recorded your request (reference {reference}) and am connecting you to an agent.',
  },
  hazard: {
    zh: '安全第一：请立即远离掉落、冒火花或冒烟的电线和设备，不要触碰，也不要用水灭电气火灾，并拨打 95598（或 119/110）。我正在为您紧急转接人工客服。',
    en: 'Safety first: keep well away from any fallen, sparking or smoking line or equipment, do not touch it, never use water on an electrical fire, and call 95598 (or 119/110) now. I am connecting you to an agent urgently.',
  },
  cancelled: {
    zh: '好的，已取消。还有什么可以帮您？',
    en: 'OK, cancelled. What else can I help with?',
  },
  askLocation: {
    zh: '请告诉我您的户号（10 位数字）或所在区域（例如 东湖区），我来查询。',
    en: 'Please tell me your account number (10 digits) or your district (for example Donghu District) and I will check.',
  },
  askDistrict: {
    zh: '请问您在哪个区域？例如：{districts}。',
    en: 'Which district are you in? For example: {districts}.',
  },
  askAccount: {
    zh: '请提供您的户号（10 位数字，可在电费单上找到）。',
    en: 'Please give me your account number (10 digits, shown on your bill).',
  },
  askLast4: {
    zh: '为保护您的信息，请输入户号 {account} 登记手机号的后四位。',
    en: 'To protect your information, please enter the last four digits of the phone number registered on account {account}.',
  },
  badAccount: {
    zh: '这个户号无效或不存在，请核对后重新输入 10 位户号。',
    en: 'That account number is not valid or not on record. Please check and enter the 10-digit number again.',
  },
  badDistrict: {
    zh: '没有找到这个区域，我们的服务区域有：{districts}。',
    en: 'I could not find that district. We serve: {districts}.',
  },
  verifyFailed: {
    zh: '手机号后四位不匹配，请再试一次（还可尝试 {left} 次）。',
    en: 'Those digits do not match the registered phone. Please try again ({left} attempts left).',
  },
  verified: { zh: '验证成功。', en: 'Thank you, you are verified.' },
  outageKnown: {
    zh: '您所在的{area}正在停电（{outageNo}）：{cause}。抢修人员正在处理，预计 {eta} 恢复供电。给您带来不便，非常抱歉。',
    en: 'There is a known outage in {area} ({outageNo}): {cause}. Crews are working on it; power is expected back by {eta}. We are sorry for the trouble.',
  },
  outageKnownNoEta: {
    zh: '您所在的{area}正在停电（{outageNo}）：{cause}。抢修人员正在评估，恢复时间确定后会及时更新。',
    en: 'There is a known outage in {area} ({outageNo}): {cause}. Crews are assessing it; we will update you as soon as there is a restoration time.',
  },
  outageEtaChanged: {
    zh: '（预计恢复时间已调整 {count} 次：{note}）',
    en: '(The estimate has changed {count} times: {note})',
  },
  outageReported: {
    zh: '我们目前没有您所在区域的停电记录。已为您登记停电报修，编号 {reference}。抢修人员会尽快联系并处理；请先检查家中总开关是否跳闸。',
    en: 'We have no outage on record for your area. I have logged your outage report, reference {reference}. A crew will follow up; meanwhile, please check whether your main switch has tripped.',
  },
  outageNoneStatus: {
    zh: '目前没有查到您所在区域的停电。如果您家中没电，请告诉我“我家停电了”，我为您登记报修。',
    en: 'I find no outage in your area right now. If your power is out, tell me "my power is out" and I will log a report.',
  },
  plannedNone: {
    zh: '{district}近期没有计划停电。',
    en: 'There is no planned outage in {district} coming up.',
  },
  plannedList: {
    zh: '{district}近期的计划停电：',
    en: 'Upcoming planned outages in {district}:',
  },
  plannedItem: {
    zh: '· {start} 至 {end}，{area}：{cause}',
    en: '· {start} to {end}, {area}: {cause}',
  },
  balanceNone: {
    zh: '户号 {account} 目前没有欠费，感谢您按时缴费！',
    en: 'Account {account} has nothing to pay right now. Thank you for paying on time!',
  },
  balanceDue: {
    zh: '户号 {account} 当前应缴 {amount} 元（{count} 期账单），最早缴费截止日 {due}。{overdue}',
    en: 'Account {account} owes {amount} yuan ({count} bill(s)); the earliest due date is {due}. {overdue}',
  },
  overdue: {
    zh: '已有账单逾期，请尽快缴费，以免影响用电。',
    en: 'A bill is overdue: please pay soon to avoid interruption.',
  },
  billIntro: {
    zh: '这是户号 {account}，{period}的电费明细：',
    en: 'Here is the bill of account {account} for {period}:',
  },
  billMissing: {
    zh: '没有找到户号 {account} 的账单。',
    en: 'I could not find a bill for account {account}.',
  },
  payment: {
    zh: '您可以通过以下方式缴费：网上国网 App、微信或支付宝生活缴费、银行代扣，或到营业厅缴费。在线缴费链接：{link}。缴费后一般 10 分钟内到账，如未到账请告诉我。',
    en: 'You can pay in the State Grid app, WeChat or Alipay utility payments, by bank direct debit, or at a service hall. Pay online: {link}. Payments usually show within 10 minutes; tell me if yours does not.',
  },
  tariffIntro: {
    zh: '居民阶梯电价（按年累计用电量）：',
    en: 'Residential tiered tariff (by yearly consumption):',
  },
  requestCreated: {
    zh: '已为您提交{what}申请，编号 {reference}。{next}',
    en: 'I have submitted your {what} request, reference {reference}. {next}',
  },
  readings: {
    zh: '户号 {account} 最近的抄表记录：',
    en: 'Recent meter readings of account {account}:',
  },
  readingItem: {
    zh: '· {period}：峰 {peak} kWh，谷 {valley} kWh（{kind}）',
    en: '· {period}: peak {peak} kWh, valley {valley} kWh ({kind})',
  },
  otherAccounts: {
    zh: '您名下还有其他户号：{list}。如需查询其他户号，请说“另一个户号”或直接输入户号。',
    en: 'You also hold: {list}. Say "the other account" or type its number to switch.',
  },
  chooseAccount: {
    zh: '请问是哪个户号？{list}（回复序号或户号）',
    en: 'Which account? {list} (reply with the number in the list or the account number)',
  },
  switchedAccount: {
    zh: '好的，已切换到户号 {account}。',
    en: 'OK, switching to account {account}.',
  },
  tooManyPrompts: {
    zh: '看来这一步不太顺利。您可以说“转人工”，或换个问题问我。',
    en: 'This step does not seem to be working. You can say "talk to an agent", or ask me something else.',
  },
  ...TASK_REPLIES,
} satisfies Record<string, Bilingual>;

export type ReplyKey = keyof typeof REPLIES;

/** How a meter reading was taken. */
export const READING_KINDS: Record<string, Bilingual> = {
  actual: { zh: '实抄', en: 'actual' },
  estimated: { zh: '估抄', en: 'estimated' },
};

/** What each service request is called, and what happens next. */
export const REQUEST_TEXTS: Record<string, { what: Bilingual; next: Bilingual }> = {
  start_service: {
    what: { zh: '新装用电', en: 'new connection' },
    next: {
      zh: '客户经理将在 2 个工作日内联系您预约现场勘查。',
      en: 'An account manager will call within 2 working days to arrange a site visit.',
    },
  },
  stop_service: {
    what: { zh: '销户', en: 'stop service' },
    next: {
      zh: '我们将安排抄表结算，最终账单会发送到您的登记手机。',
      en: 'We will take a final reading; the final bill goes to your registered phone.',
    },
  },
  transfer_service: {
    what: { zh: '过户', en: 'account transfer' },
    next: {
      zh: '请新户主携带身份证和房产证明到营业厅或在网上国网 App 完成签约。',
      en: 'The new holder completes it with ID and proof of ownership at a service hall or in the app.',
    },
  },
  contact_update: {
    what: { zh: '联系方式变更', en: 'contact update' },
    next: {
      zh: '我们会发送验证短信到新号码，确认后生效。',
      en: 'We will text the new number a code; the change applies once confirmed.',
    },
  },
  meter_check: {
    what: { zh: '电能表校验', en: 'meter test' },
    next: {
      zh: '计量人员会在 5 个工作日内上门校验；如电表误差超标，多收的电费将退还。',
      en: 'A meter technician will test it within 5 working days; any overcharge from a faulty meter is refunded.',
    },
  },
  solar_connection: {
    what: { zh: '分布式光伏/充电桩并网', en: 'rooftop solar / EV charger connection' },
    next: {
      zh: '客户经理将联系您确认容量和并网方案，并说明上网电价结算方式。',
      en: 'An account manager will confirm capacity and the connection plan, and explain feed-in settlement.',
    },
  },
  billing_arrangement: {
    what: { zh: '缴费安排', en: 'payment arrangement' },
    next: { zh: '', en: '' },
  },
  outage_report: {
    what: { zh: '停电报修', en: 'outage report' },
    next: { zh: '', en: '' },
  },
};
