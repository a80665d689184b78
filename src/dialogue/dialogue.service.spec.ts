import { CallbacksService } from '../incidents/callbacks.service';
import { VerificationAttemptsService } from '../common/verification-attempts.service';
import { Types } from 'mongoose';
import { AppConfig } from '../config/app-config';
import { NluService } from '../nlu/nlu.service';
import { AccountsService } from '../utility/accounts.service';
import { BillsService } from '../utility/bills.service';
import { OutagesService } from '../utility/outages.service';
import { ServiceRequestsService } from '../utility/service-requests.service';
import { TariffService } from '../utility/tariff.service';
import { AccountView, OutageView } from '../utility/utility.views';
import { AccountAnswers } from './answers/account-answers';
import { NoticeAnswers } from './answers/notice.answers';
import { OutageAnswers } from './answers/outage.answers';
import { IncidentsService } from '../incidents/incidents.service';
import { SubscriptionsService } from '../incidents/subscriptions.service';
import { DialogueState } from './dialogue-state.schema';
import { DialogueStateService } from './dialogue-state.service';
import { DialogueService, TurnResult } from './dialogue.service';
import { OpenTurns } from './open-turns';
import { PendingAnswers } from './pending-answers';
import { TaskRunner } from './task-runner';

// The utility's systems are a boundary the dialogue calls through services; here they are small
// in-memory stand-ins with two accounts and one outage, so each rule of the dialogue can be
// checked in both languages without a database. (e2e specs run the real services.)
const ACCOUNT = '1000001014';
const OTHER = '1000002020';
const account = (accountNumber: string, districtCode: string, feederId: string): AccountView => ({
  accountNumber,
  customerNo: 'C1',
  holderName: { zh: '张伟', en: 'Zhang Wei' },
  address: { zh: '东湖区1号', en: '1 Donghu Rd' },
  districtCode,
  feederId,
  tariffPlan: 'flat',
  status: 'active',
  phoneMasked: '138****1234',
});
const ACCOUNTS = [account(ACCOUNT, 'QH-DH', 'DH-F02'), account(OTHER, 'QH-XS', 'XS-F01')];
const OUTAGE = {
  outageNo: 'OUT-1',
  kind: 'unplanned',
  status: 'active',
  districtCode: 'QH-DH',
  feederIds: ['DH-F02'],
  wholeDistrict: false,
  area: { zh: '东湖区东湖02线', en: 'Donghu feeder 02' },
  cause: { zh: '电缆故障', en: 'a cable fault' },
  startAt: '2026-11-27T01:00:00Z',
  estimatedRestoration: '2026-11-27T09:00:00Z',
  affectedCustomers: 300,
  etaHistory: [],
  updatedAt: '2026-11-27T01:00:00Z',
} as unknown as OutageView;

const accounts = {
  findByAccountNumber: async (n: string) => ACCOUNTS.find((a) => a.accountNumber === n) ?? null,
  listSiblingAccounts: async () => ACCOUNTS,
  verifyPhoneLast4: async (n: string, last4: string) =>
    ACCOUNTS.some((a) => a.accountNumber === n) && last4 === '1234',
} as unknown as AccountsService;
const outages = {
  findCovering: async (scope: { districtCode: string }) =>
    scope.districtCode === 'QH-DH' ? [OUTAGE] : [],
  upcomingPlanned: async () => [],
} as unknown as OutagesService;
let requestCount = 0;
const requests = {
  create: async (input: { type: string }) => ({
    reference: `SR-${++requestCount}`,
    type: input.type,
  }),
} as unknown as ServiceRequestsService;
const bills = {
  balance: async (n: string) => ({
    accountNumber: n,
    unpaid: [{}],
    totalDueFen: 12345,
    nextDueDate: '2026-12-10T00:00:00Z',
    overdue: false,
  }),
  explain: async (n: string, period = '2026-10') => ({
    bill: { accountNumber: n, period, amountFen: 20000 },
    steps: [{ kind: 'tier', text: { zh: '第1档 300 kWh', en: 'Tier 1 300 kWh' } }],
    comparison: { text: [{ zh: '比上月多 10%', en: '10% more than last month' }] },
    otherPlan: { plan: 'tou', amountFen: 19000 },
  }),
  listReadings: async () => [],
  listBills: async () => ['2026-10', '2026-09', '2026-08'].map((period) => ({ period })),
  findBill: async (n: string, period: string) => ({
    accountNumber: n,
    period,
    amountFen: 20000,
    status: 'unpaid',
    dueDate: '2026-11-20T00:00:00Z',
  }),
} as unknown as BillsService;

/** No incidents here (they are the incidents e2e's): every outage is the records' alone. */
const noIncidents = {
  report: async () => undefined,
  find: async () => undefined,
  get: async () => undefined,
  inStorm: async () => undefined,
  noteRequest: async () => undefined,
} as unknown as IncidentsService;

class MemoryStates {
  private readonly saved = new Map<string, string>();
  async load(id: Types.ObjectId): Promise<DialogueState> {
    const stored = this.saved.get(String(id));
    const fresh = {
      verificationFailures: 0,
      misunderstood: 0,
      intentPath: [],
      answered: [],
      lastCustomerTexts: [],
    };
    return { ...(stored ? (JSON.parse(stored) as DialogueState) : fresh), _id: id };
  }
  async save(state: DialogueState): Promise<void> {
    this.saved.set(String(state._id), JSON.stringify(state));
  }
}

describe(DialogueService.name, () => {
  const nlu = new NluService();
  const tariffs = new TariffService();
  let dialogue: DialogueService;
  let conversation: Types.ObjectId;
  let config: AppConfig;

  beforeEach(() => {
    config = new AppConfig();
    const states = new MemoryStates() as unknown as DialogueStateService;
    const tasks = new TaskRunner(
      accounts,
      bills,
      new OutageAnswers(
        accounts,
        outages,
        requests,
        noIncidents,
        new NoticeAnswers(noIncidents, {} as SubscriptionsService, {} as CallbacksService),
      ),
      new AccountAnswers(bills, requests, tariffs),
      // Per-account attempts live in Redis (verification-limit e2e); here every attempt is allowed.
      {
        check: () => Promise.resolve({ allowed: true }),
        failed: () => Promise.resolve({ allowed: true }),
        succeeded: () => Promise.resolve(),
      } as unknown as VerificationAttemptsService,
    );
    const pending = new PendingAnswers(accounts, tasks);
    dialogue = new DialogueService(
      nlu,
      states,
      tasks,
      pending,
      new OpenTurns(tasks, pending),
      noIncidents,
      config,
    );
    conversation = new Types.ObjectId();
  });

  const say = (text: string, language: 'zh' | 'en' = 'zh'): Promise<TurnResult> =>
    dialogue.respond(conversation, text, language);
  const all = (r: TurnResult) => r.replies.map((x) => x.text).join('\n');

  describe.each([
    [
      'zh',
      {
        hello: '你好',
        thanks: '谢谢你',
        bye: '再见',
        human: '转人工',
        complaint: '我要投诉你们的服务态度',
        hazard: '电线掉下来了在冒火花',
      },
    ],
    [
      'en',
      {
        hello: 'hello there',
        thanks: 'thank you so much',
        bye: 'bye, have a nice day',
        human: 'I want to talk to a real person',
        complaint: 'I want to make a complaint about your staff',
        hazard: 'a power line fell down and is sparking',
      },
    ],
  ] as const)('in %s', (language, text) => {
    it('greets, thanks and says goodbye without escalating', async () => {
      for (const [utterance, intent] of [
        [text.hello, 'greeting'],
        [text.thanks, 'thanks'],
        [text.bye, 'goodbye'],
      ]) {
        const r = await say(utterance, language);
        expect(r.intent).toBe(intent);
        expect(r.language).toBe(language);
        expect(r.escalate).toBeUndefined();
      }
    });

    it('hands over when asked, and on a complaint', async () => {
      expect((await say(text.human, language)).escalate).toBe('customer_request');
      expect((await say(text.complaint, language)).escalate).toBe('complaint');
    });

    it('gives safety instructions first and escalates a hazard without asking anything', async () => {
      const r = await say(text.hazard, language);
      expect(r.escalate).toBe('safety_hazard');
      expect(all(r)).toMatch(language === 'zh' ? /远离.*95598/s : /keep well away.*95598/s);
      expect(r.caseCard?.verification).toBe('not_verified');
    });
  });

  it('reports a known outage on the customer’s feeder with its cause and estimate (zh)', async () => {
    const r = await say(`我家停电了，户号${ACCOUNT}`);
    expect(r.intent).toBe('outage.report');
    expect(all(r)).toMatch(/电缆故障/);
    expect(all(r)).toMatch(/11月27日 17:00/);
    expect(r.replies[0].card?.type).toBe('outage');
  });

  it("tells the estimate in the configured SERVICE_TIMEZONE, not always Shanghai's", async () => {
    config.SERVICE_TIMEZONE = 'Europe/London';
    const r = await say(`我家停电了，户号${ACCOUNT}`);
    expect(all(r)).toMatch(/11月27日 09:00/);
    expect(all(r)).not.toMatch(/17:00/);
  });

  it('asks where, then logs a report with a reference where no outage is known (en)', async () => {
    const ask = await say('my power is out', 'en');
    expect(all(ask)).toMatch(/account number|district/i);
    const r = await say('I am in Xishan', 'en');
    expect(all(r)).toMatch(/reference SR-\d+/);
  });

  it('verifies before telling a balance, and never shows an amount before that (zh)', async () => {
    const ask = await say(`我欠了多少电费？户号${ACCOUNT}`);
    expect(all(ask)).toMatch(/后四位/);
    expect(all(ask)).not.toMatch(/元/);
    const r = await say('1234');
    expect(all(r)).toMatch(/123\.45 元/);
  });

  it('explains a bill after verification and follows up on the month before (en)', async () => {
    await say(`why is my bill so high? account ${ACCOUNT}`, 'en');
    const r = await say('1234', 'en');
    expect(all(r)).toMatch(/Tier 1/);
    const followUp = await say('and last month?', 'en');
    expect(followUp.replies.find((x) => x.card)?.card?.data).toMatchObject({
      explanation: { bill: { period: '2026-09' } },
    });
  });

  it('switches to the holder’s other account on "the other account"', async () => {
    await say(`查电费 户号${ACCOUNT}`);
    await say('1234');
    const r = await say('不是这个，另一个户号');
    expect(all(r)).toMatch(new RegExp(OTHER));
  });

  it('escalates after three failed verifications, with a case card', async () => {
    await say(`查电费 户号${ACCOUNT}`);
    expect((await say('0000')).escalate).toBeUndefined();
    expect((await say('1111')).escalate).toBeUndefined();
    const r = await say('2222');
    expect(r.escalate).toBe('verification_failed');
    expect(r.caseCard).toMatchObject({ verification: 'failed', accountNumber: ACCOUNT });
  });

  it('escalates after two misunderstandings in a row', async () => {
    expect((await say('I need the thing with the stuff', 'en')).escalate).toBeUndefined();
    expect((await say('you know, the other thing', 'en')).escalate).toBe('not_understood');
  });

  it('never escalates keyboard mash, symbols or a lone emoji', async () => {
    for (const text of ['asdf qwer zxcv', '~~~ ### @@@', '😺', '😺  😺', 'first\nsecond', '🙀']) {
      const r = await say(text, 'en');
      expect(r.escalate).toBeUndefined();
      expect(r.understood).toBe(false);
    }
  });

  it('lets the customer cancel a question', async () => {
    await say('我想查电费');
    const r = await say('算了');
    expect(all(r)).toMatch(/已取消/);
  });

  it('answers tariffs without verification, in both languages', async () => {
    expect(all(await say('阶梯电价怎么收费'))).toMatch(/第1档/);
    expect(all(await say('what are the electricity rates per kWh?', 'en'))).toMatch(/Tier 1/);
  });

  it('opens a service request with a reference for a new connection (needs only a district)', async () => {
    const ask = await say('我新买的房子要开户装电表');
    expect(all(ask)).toMatch(/哪个区域/);
    const confirm = await say('东湖区');
    expect(all(confirm)).toMatch(/请确认.*东湖区/s);
    const r = await say('好的，提交吧');
    expect(all(r)).toMatch(/编号 SR-\d+/);
  });

  it('turns a payment arrangement into a request that a person decides', async () => {
    await say(`I can't pay my bill this month, can I pay in instalments? account ${ACCOUNT}`, 'en');
    const confirm = await say('1234', 'en');
    expect(all(confirm)).toMatch(/Please confirm.*123\.45 yuan/s);
    expect(confirm.escalate).toBeUndefined();
    const r = await say('go ahead', 'en');
    expect(r.escalate).toBe('person_must_decide');
    expect(all(r)).toMatch(/reference SR-\d+/);
  });

  describe('details, acts and the pending question', () => {
    it('verifies at once when the account and the digits come together, in any order', async () => {
      const r = await say(`手机尾号1234，户号${ACCOUNT}`);
      expect(r.intent).toBe('dialogue.verify');
      expect(all(r)).toMatch(/验证成功/);
      expect(all(r)).not.toMatch(/后四位/);
    });

    it('lets a confident new request interrupt the question, saying what it set aside', async () => {
      await say('how much do I owe?', 'en');
      const r = await say('sorry, how long will the outage in Donghu last?', 'en');
      expect(r.intent).toBe('outage.status');
      expect(all(r)).toMatch(/set the balance check aside.*cable fault/s);
    });

    it('never counts a whole phone number as a failed verification', async () => {
      await say(`查电费 户号${ACCOUNT}`);
      const r = await say('13912345678');
      expect(all(r)).toMatch(/只需要.*后四位/);
      expect(r.caseCard).toBeUndefined();
      expect(all(await say('1234'))).toMatch(/123\.45 元/);
    });

    it('submits nothing when the customer says no to the summary', async () => {
      const before = requestCount;
      await say(`close account ${ACCOUNT}, last four 1234`, 'en');
      const r = await say('nope', 'en');
      expect(all(r)).toMatch(/cancelled closing the account; nothing was submitted/);
      expect(requestCount).toBe(before);
    });

    it('reads "this month" as the latest bill and says so, "and last month?" as the one before', async () => {
      const r = await say(`这个月电费多少？户号${ACCOUNT} 尾号1234`);
      expect(all(r)).toMatch(/2026年10月的电费为 200\.00 元/);
      expect(all(r)).toMatch(/本月账单尚未出/);
      expect(all(await say('那上个月呢'))).toMatch(/2026年9月/);
    });

    it('hands back a confident answer the customer rejects as a miss', async () => {
      await say('how can I pay my electricity bill?', 'en');
      const r = await say("that's not what I asked", 'en');
      expect(r.rejected).toMatchObject({ intent: 'billing.payment' });
      expect(all(r)).toMatch(/I got that wrong/);
    });

    it('answers an "I already told you" with an apology and the same question, not a failure', async () => {
      await say(`查电费 户号${ACCOUNT}`);
      const r = await say('我已经说过了！');
      expect(all(r)).toMatch(/抱歉让您重复.*后四位/s);
      expect(r.escalate).toBeUndefined();
    });
  });

  // The rest of the catalogue, each in both languages: what the bot does first, and the answer.
  describe.each([
    ['outage.status', 'zh', `停电什么时候能恢复？户号${ACCOUNT}`, [], /电缆故障/],
    ['outage.status', 'en', `when will the power be back? account ${ACCOUNT}`, [], /cable fault/],
    ['outage.planned', 'zh', '东湖区最近有计划停电吗', [], /没有计划停电/],
    [
      'outage.planned',
      'en',
      'any planned maintenance outages in Donghu District?',
      [],
      /no planned outage/,
    ],
    ['billing.payment', 'zh', '电费可以在哪里交', [], /支付宝/],
    ['billing.payment', 'en', 'how can I pay my electricity bill?', [], /Alipay/],
    [
      'account.stop_service',
      'zh',
      `我要搬走了，申请销户，户号${ACCOUNT}`,
      ['1234', '确认'],
      /销户.*编号 SR-\d+/s,
    ],
    [
      'account.stop_service',
      'en',
      `I am moving out, please close account ${ACCOUNT}`,
      ['1234', 'yes'],
      /stop service.*SR-\d+/s,
    ],
    [
      'account.transfer',
      'zh',
      `房子卖了，要办理过户，户号${ACCOUNT}`,
      ['1234', '对'],
      /过户.*SR-\d+/s,
    ],
    [
      'account.transfer',
      'en',
      `I sold the house, transfer account ${ACCOUNT} to the new owner`,
      ['1234', 'ok'],
      /transfer.*SR-\d+/s,
    ],
    [
      'account.update_contact',
      'zh',
      `我要改一下预留手机号码，户号${ACCOUNT}`,
      ['1234', '新号码是13912345678'],
      /联系方式变更.*SR-\d+/s,
    ],
    [
      'account.update_contact',
      'en',
      `I want to update the phone number on account ${ACCOUNT}`,
      ['1234', 'the new one is 13912345678'],
      /contact update.*SR-\d+/s,
    ],
    ['meter.reading', 'zh', `帮我查一下抄表读数，户号${ACCOUNT}`, ['1234'], /抄表记录/],
    [
      'meter.reading',
      'en',
      `can I see my meter readings? account ${ACCOUNT}`,
      ['1234'],
      /meter readings/,
    ],
    [
      'meter.fault',
      'zh',
      `电表走得太快了，申请校验电表，户号${ACCOUNT}`,
      ['1234'],
      /电能表校验.*SR-\d+/s,
    ],
    [
      'meter.fault',
      'en',
      `my meter runs too fast, please test it, account ${ACCOUNT}`,
      ['1234'],
      /meter test.*SR-\d+/s,
    ],
    ['solar.connect', 'zh', '我想在屋顶装光伏发电并网', ['东湖区'], /光伏.*SR-\d+/s],
    [
      'solar.connect',
      'en',
      'I want to connect rooftop solar panels to the grid',
      ['Donghu District'],
      /solar.*SR-\d+/s,
    ],
  ] as const)('%s in %s', (intent, language, first, then, answer) => {
    it('understands it and answers from the records (verifying or asking first where needed)', async () => {
      const r = await say(first, language);
      expect(r.intent).toBe(intent);
      let last = r;
      for (const reply of then) last = await say(reply, language);
      expect(all(last)).toMatch(answer);
      expect(last.escalate).toBeUndefined();
    });
  });
});
