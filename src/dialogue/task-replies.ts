import { Bilingual } from '../common/bilingual';

/**
 * What the bot says about the task in hand: confirming before an irreversible request, setting a
 * task aside for a new one, and the answers to dialogue acts ("I already told you", "not what I
 * asked"). Merged into REPLIES.
 */
export const TASK_REPLIES = {
  setAside: {
    zh: '好的，先把{task}放一放。',
    en: 'OK, I have set {task} aside.',
  },
  cancelledTask: {
    zh: '好的，{task}已取消，没有提交任何内容。还有什么可以帮您？',
    en: 'OK, I have cancelled {task}; nothing was submitted. What else can I help with?',
  },
  cancelledTaskOnly: {
    zh: '好的，{task}已取消，没有提交任何内容。',
    en: 'OK, I have cancelled {task}; nothing was submitted.',
  },
  confirmStop: {
    zh: '请确认：为户号 {account}（{address}）办理销户，我们将安排抄表结算，最终账单发送到登记手机。确认提交吗？请回复“确认”或“取消”。',
    en: 'Please confirm: close account {account} ({address}); we will take a final reading and send the final bill to the registered phone. Shall I submit it? Reply "yes" or "no".',
  },
  confirmTransfer: {
    zh: '请确认：为户号 {account}（{address}）办理过户，新户主需携带身份证和房产证明完成签约。确认提交吗？请回复“确认”或“取消”。',
    en: 'Please confirm: transfer account {account} ({address}) to a new holder, who signs with ID and proof of ownership. Shall I submit it? Reply "yes" or "no".',
  },
  confirmStart: {
    zh: '请确认：在{district}申请新装用电，客户经理将联系您预约现场勘查。确认提交吗？请回复“确认”或“取消”。',
    en: 'Please confirm: a new connection in {district}; an account manager will call to arrange a site visit. Shall I submit it? Reply "yes" or "no".',
  },
  confirmArrangement: {
    zh: '请确认：为户号 {account}（当前应缴 {amount} 元）申请缴费安排（延期或分期）。这需要人工审核，提交后我会为您转接人工客服。确认提交吗？请回复“确认”或“取消”。',
    en: 'Please confirm: a payment arrangement (more time or instalments) for account {account}, which owes {amount} yuan. A person decides on it, so I will connect you to an agent once it is logged. Shall I submit it? Reply "yes" or "no".',
  },
  confirmAgain: {
    zh: '还没有提交。请回复“确认”提交，或回复“取消”放弃。',
    en: 'Nothing is submitted yet. Reply "yes" to submit it, or "no" to leave it.',
  },
  alreadyTold: {
    zh: '抱歉让您重复。我还需要{what}，在您之前的消息里没有找到。',
    en: 'Sorry to make you repeat yourself. I still need {what}, and I could not find it in your earlier messages.',
  },
  wrongAnswer: {
    zh: '抱歉，我理解错了。请换个说法告诉我您想办理什么，或说“转人工”。',
    en: 'Sorry, I got that wrong. Could you tell me in other words what you need, or say "agent"?',
  },
  needLast4NotPhone: {
    zh: '我只需要户号 {account} 登记手机号的后四位数字，不用发完整号码。',
    en: 'I only need the last four digits of the phone registered on account {account}, not the whole number.',
  },
  anythingElse: {
    zh: '好的。还有什么可以帮您？',
    en: 'OK. Is there anything else I can help with?',
  },
  noDetails: {
    zh: '好的。没有户号我无法查询该户的信息；停电、计划停电和电价等公开信息可以直接问我，或说“转人工”。',
    en: 'OK. Without the account number I cannot look that account up; you can still ask me about outages, planned work or tariffs, or say "agent".',
  },
  findAccount: {
    zh: '户号是 10 位数字，印在电费单和缴费凭证上，也可以在网上国网 App 里查看。',
    en: 'The account number has 10 digits; it is printed on your bill and payment receipts, and shown in the State Grid app.',
  },
  latestBillNote: {
    zh: '（本月账单尚未出，这是最新一期：{period}。）',
    en: '(This month has no bill yet; this is the latest one, for {period}.)',
  },
  billMissingLatest: {
    zh: '没有找到户号 {account}，{period}的账单，最新一期是 {latest}。',
    en: 'There is no bill for account {account} for {period}; the latest is for {latest}.',
  },
  billAmount: {
    zh: '户号 {account}，{period}的电费为 {amount} 元，{status}。',
    en: 'The {period} bill of account {account} is {amount} yuan: {status}.',
  },
  billPaid: { zh: '已缴清', en: 'paid' },
  billUnpaid: { zh: '未缴，缴费截止日 {due}', en: 'unpaid, due {due}' },
  transferOrNew: {
    zh: '二手房一般已经通电、有户号，需要办理的是过户（把户主改成您的名字），不用新开户；只有从未通电、没有电表的房子才需要新装。',
    en: 'A resale flat normally already has supply and an account, so what you need is a transfer of that account to your name, not a new account; only a home that never had a meter needs a new connection.',
  },
  whichPhone: {
    zh: '是户号 {account} 登记的手机号的后四位。如果已经换号、记不清，可以说“转人工”，由客服用其他方式核实。',
    en: 'The last four digits of the phone registered on account {account}. If you have changed numbers, say "agent" and a person will verify you another way.',
  },
  whyLast4: {
    zh: '为保护您的账户信息：告诉您户号 {account} 的电费、地址或缴费记录之前，需要先核实您是户主。只需登记手机号的后四位，不需要完整号码。',
    en: 'To protect your information: before I show anything about account {account} (bills, address, payments), I check that you are its holder with the last four digits of its registered phone. I never need the whole number.',
  },
  whyAccount: {
    zh: '户号告诉我要查哪一户的记录。户号是 10 位数字，印在电费单和缴费凭证上。',
    en: 'The account number tells me which account to look up. It has 10 digits and is printed on your bill and payment receipts.',
  },
  askNewPhone: {
    zh: '请告诉我新的手机号码（11 位）。',
    en: 'Please tell me the new phone number.',
  },
  verifiedNoTask: {
    zh: '请问需要办理什么？例如查欠费、解释电费，或办理过户、销户等业务。',
    en: 'What would you like to do: check the balance, explain a bill, or a request such as a transfer?',
  },
} satisfies Record<string, Bilingual>;

/** How the bot names a task when it sets it aside or cancels it. */
export const TASK_NAMES: Record<string, Bilingual> = {
  'outage.report': { zh: '停电报修', en: 'the outage report' },
  'outage.status': { zh: '停电进度查询', en: 'the outage check' },
  'outage.planned': { zh: '计划停电查询', en: 'the planned outage check' },
  'billing.balance': { zh: '欠费查询', en: 'the balance check' },
  'billing.explain': { zh: '账单解释', en: 'the bill explanation' },
  'billing.arrangement': { zh: '缴费安排申请', en: 'the payment arrangement' },
  'account.start_service': { zh: '新装申请', en: 'the new connection' },
  'account.stop_service': { zh: '销户申请', en: 'closing the account' },
  'account.transfer': { zh: '过户申请', en: 'the transfer' },
  'account.update_contact': { zh: '联系方式变更', en: 'the contact update' },
  'meter.reading': { zh: '抄表记录查询', en: 'the meter readings' },
  'meter.fault': { zh: '电表校验申请', en: 'the meter test' },
  'solar.connect': { zh: '光伏并网申请', en: 'the solar connection' },
};

/** What the bot still needs, named for "I already told you". */
export const SLOT_NAMES: Record<string, Bilingual> = {
  account: { zh: '您的 10 位户号', en: 'your 10-digit account number' },
  district: { zh: '您所在的区域', en: 'your district' },
  phoneLast4: {
    zh: '登记手机号的后四位',
    en: 'the last four digits of the registered phone',
  },
  accountChoice: { zh: '您要查询哪个户号', en: 'which of your accounts you mean' },
  confirm: { zh: '您的确认（“确认”或“取消”）', en: 'a "yes" or "no"' },
  newContact: { zh: '新的手机号码', en: 'the new phone number' },
};
