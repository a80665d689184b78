/** One intent the utility's assistant understands, described for staff in both languages. */
export interface IntentDefinition {
  intent: string;
  zh: string;
  en: string;
}

/**
 * The utility's intent catalogue: exactly these labels; anything else is out of scope (`oos`).
 * The descriptions carry the rules for confusable cases, which the training data follows.
 */
export const INTENT_CATALOGUE: readonly IntentDefinition[] = [
  {
    intent: 'outage.report',
    zh: '报告停电：家里或片区没电、跳闸后整片没电、电压不稳、灯闪、只有部分房间或一相没电。',
    en: 'Reports that the power is out, flickering, low or partial (some rooms, one phase, the whole street).',
  },
  {
    intent: 'outage.status',
    zh: '询问已知停电的进展：什么时候来电、抢修到哪一步、停电原因、为什么还没恢复。',
    en: 'Asks about an outage already known: restoration time, repair progress, cause, "still not back".',
  },
  {
    intent: 'outage.planned',
    zh: '计划停电：检修停电通知、时间范围、哪些地方受影响、能否改期。',
    en: 'Anything about scheduled maintenance outages: notices, times, affected areas, rescheduling.',
  },
  {
    intent: 'safety.hazard',
    zh: '安全隐患优先：电线断落、打火、冒烟、起火、触电、表箱或变压器异常、有人靠近带电设备；即使同时停电也归此类。',
    en: 'Safety wins: downed, sparking or burning lines, meter box or transformer, smoke, fire, electric shock, a person near live equipment, even if the power is also out.',
  },
  {
    intent: 'billing.balance',
    zh: '查询欠费或应缴金额、本期电费多少、余额还剩多少。',
    en: 'How much is owed: the current bill amount, balance, arrears, prepaid credit left.',
  },
  {
    intent: 'billing.explain',
    zh: '解释电费为什么是这个金额：为什么变高、各项费用构成、和上月比较。',
    en: 'Why the amount is what it is: why the bill went up, what the charges are, comparison with last month.',
  },
  {
    intent: 'billing.payment',
    zh: '如何、在哪里缴费，自动扣款，缴费后未到账或重复扣款。',
    en: 'How or where to pay, direct debit, a payment not showing up or taken twice.',
  },
  {
    intent: 'billing.arrangement',
    zh: '申请延期缴费、分期、困难补助，以及欠费后不要被停电。',
    en: 'More time to pay, instalments, hardship support, not being disconnected for arrears.',
  },
  {
    intent: 'billing.tariff',
    zh: '电价规则：阶梯电价、峰谷时段、分时电价办理。',
    en: 'Price rules: tiers, peak and off-peak hours, signing up for time-of-use pricing.',
  },
  {
    intent: 'account.start_service',
    zh: '新装开户：还没有供电、电表或户号，新房通电、申请新电表。',
    en: 'New connection: no supply, meter or account yet; powering up a new home, applying for a meter.',
  },
  {
    intent: 'account.stop_service',
    zh: '销户或停止用电：搬走、退租、注销户号、结清最终电费。',
    en: 'Closing an account: moving out, ending a tenancy, cancelling supply, the final bill.',
  },
  {
    intent: 'account.transfer',
    zh: '过户：已经有电，但户主要变更（买房、继承、租客改名）。',
    en: 'Transfer: supply exists but the account holder changes (bought the house, inheritance, new tenant name).',
  },
  {
    intent: 'account.update_contact',
    zh: '修改联系方式：手机号、邮箱、通讯地址、通知方式、联系人。',
    en: 'Update contact details: phone, e-mail, postal address, notification preferences, contact person.',
  },
  {
    intent: 'meter.reading',
    zh: '抄表读数：读数对不上、估抄、自报读数、什么时候抄表。',
    en: 'Meter readings: a reading mismatch, an estimated reading, submitting a reading, reading dates.',
  },
  {
    intent: 'meter.fault',
    zh: '电表故障：电表坏了、走得太快、怀疑电表导致电费高、申请校验电表。',
    en: 'Meter faults: broken or fast meter, a high bill blamed on the meter, a request to test the meter.',
  },
  {
    intent: 'solar.connect',
    zh: '分布式光伏并网、上网电价与结算、双向电表，以及充电桩安装或计量。',
    en: 'Rooftop or distributed solar connection, feed-in price and settlement, bidirectional meters, EV charger installation or metering.',
  },
  {
    intent: 'service.complaint',
    zh: '投诉：主要是对工作人员或处理方式不满，或想要投诉。',
    en: 'Complaint: the main point is dissatisfaction with staff or handling, or a wish to complain.',
  },
  {
    intent: 'agent.request',
    zh: '要求转人工、找真人客服。',
    en: 'Asks for a human agent or a real person.',
  },
  { intent: 'greeting', zh: '打招呼。', en: 'A greeting.' },
  { intent: 'goodbye', zh: '告别、结束对话。', en: 'Saying goodbye, ending the conversation.' },
  { intent: 'thanks', zh: '表示感谢。', en: 'Saying thank you.' },
];

export const INTENT_NAMES: readonly string[] = INTENT_CATALOGUE.map((d) => d.intent);
