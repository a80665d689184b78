import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';
import request from 'supertest';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection, Types } from 'mongoose';
import { LoopbackSmsProvider } from '../src/sms/loopback-sms.provider';
import { SmsOptOutsService } from '../src/sms/sms-opt-outs.service';
import { signSms } from '../src/channels/sms/sms-signature';
import { wechatSignature } from '../src/channels/wechat/wechat-signature';
import { MessagesService } from '../src/conversations/messages.service';
import { until } from './support/poll';
import { startTestApp, TestApp } from './support/test-app';

const SMS_SECRET = 'test-sms-secret-0123456789';
const WECHAT_TOKEN = 'test-wechat-token';
const PHONE = '13800138000';

/** WeChat's API, simulated: tokens, and the customer-service messages it was asked to send. */
class FakeWechat {
  readonly sent: { touser: string; content: string }[] = [];
  tokens = 0;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server?.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: import('http').ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/cgi-bin/token') {
      this.tokens++;
      res.end(JSON.stringify({ access_token: `tok-${this.tokens}`, expires_in: 7200 }));
      return;
    }
    if (url.pathname === '/cgi-bin/message/custom/send') {
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      const body = JSON.parse(raw) as { touser: string; text: { content: string } };
      this.sent.push({ touser: body.touser, content: body.text.content });
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  }
}

describe('SMS and WeChat channels', () => {
  let t: TestApp;
  const wechat = new FakeWechat();
  let loopback: LoopbackSmsProvider;
  /** What the loopback provider "sent" (recorded in MongoDB, numbers masked). */
  const sent = async () => (await loopback.sent()).map((s) => ({ to: s.toMasked, text: s.text }));

  beforeAll(async () => {
    await wechat.start();
    t = await startTestApp({
      SMS_WEBHOOK_SECRET: SMS_SECRET,
      WECHAT_TOKEN,
      WECHAT_APP_ID: 'wx-test',
      WECHAT_APP_SECRET: 'wx-secret',
      WECHAT_API_BASE: wechat.url,
    });
    await t.reset();
    loopback = t.app.get(LoopbackSmsProvider);
  });
  afterAll(async () => {
    await t.close();
    await wechat.stop();
  });

  function sms(body: Record<string, unknown> | string, at = Math.floor(Date.now() / 1000)) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return request(t.url)
      .post('/channels/sms/inbound')
      .set('content-type', 'application/json')
      .set('x-sms-timestamp', String(at))
      .set('x-sms-signature', signSms(SMS_SECRET, String(at), raw))
      .send(raw);
  }

  const smsCount = () =>
    t.app
      .get<Connection>(getConnectionToken())
      .collection('conversations')
      .countDocuments({ channel: 'sms' });

  describe('SMS', () => {
    it('answers a customer who texts, by text, once, and keeps the number only sealed', async () => {
      const first = await sms({
        messageId: 'gw-1',
        from: '+86 138 0013 8000',
        text: '停电了 整条街都黑了 户号1000001014',
      });
      expect(first.status).toBe(200);
      const reply = await until(async () => (await sent())[0]);
      expect(reply.to).not.toContain(PHONE);
      // The gateway redelivers the same text: nothing new is stored, nothing sent twice.
      const before = (await sent()).length;
      const again = await sms({
        messageId: 'gw-1',
        from: '+8613800138000',
        text: '停电了 整条街都黑了 户号1000001014',
      });
      expect(again.body).toEqual({ ok: true, duplicate: true });
      await new Promise((r) => setTimeout(r, 500));
      expect((await sent()).length).toBe(before);
      expect(await smsCount()).toBe(1);

      // The same number written another way is the same thread and conversation.
      expect(
        (await sms({ messageId: 'gw-2', from: '0086-138-0013-8000', text: '大概什么时候来电' }))
          .status,
      ).toBe(200);
      expect(await smsCount()).toBe(1);

      const threads = await t.app
        .get<Connection>(getConnectionToken())
        .collection('channel_threads')
        .find({})
        .toArray();
      expect(JSON.stringify(threads)).not.toContain(PHONE);
    });

    it('refuses unsigned, stale, malformed and oversized requests and stores nothing', async () => {
      const before = await smsCount();
      const body = JSON.stringify({ messageId: 'x1', from: '13900139000', text: 'hi' });
      const unsigned = await request(t.url)
        .post('/channels/sms/inbound')
        .set('content-type', 'application/json')
        .send(body);
      expect(unsigned.status).toBe(401);
      const forged = await request(t.url)
        .post('/channels/sms/inbound')
        .set('content-type', 'application/json')
        .set('x-sms-timestamp', String(Math.floor(Date.now() / 1000)))
        .set('x-sms-signature', signSms('not-the-secret', '1', body))
        .send(body);
      expect(forged.status).toBe(401);
      expect((await sms(JSON.parse(body) as Record<string, unknown>, 1_000_000)).status).toBe(401);
      expect((await sms('{"messageId": "x2", "from": ')).status).toBe(400);
      expect((await sms({ messageId: 'x3', from: 'not a phone', text: 'hi' })).status).toBe(400);
      expect(
        (await sms({ messageId: 'x4', from: '13900139000', text: 'x'.repeat(40_000) })).status,
      ).toBe(413);
      expect(await smsCount()).toBe(before);
    });

    it('opts a number out with 退订 and relays nothing more to it until they write again', async () => {
      await sms({ messageId: 'gw-3', from: '13800138000', text: '退订' });
      const confirmation = await until(async () =>
        (await sent()).find((s) => /已退订/.test(s.text)),
      );
      expect(confirmation).toBeDefined();
      // One opt-out for outage notices too, kept by reference only.
      const optOuts = await t.app
        .get<Connection>(getConnectionToken())
        .collection('sms_opt_outs')
        .find({})
        .toArray();
      expect(optOuts).toHaveLength(1);
      expect(JSON.stringify(optOuts)).not.toContain(PHONE);
      // …and only there: the channel's thread keeps no second opt-out of the number.
      const threads = await t.app
        .get<Connection>(getConnectionToken())
        .collection('channel_threads')
        .find({ channel: 'sms', optedOut: true })
        .toArray();
      expect(threads).toHaveLength(0);
      expect(await t.app.get(SmsOptOutsService).isOptedOut('+86 138 0013 8000')).toBe(true);
      const conversation = await t.app
        .get<Connection>(getConnectionToken())
        .collection('conversations')
        .findOne({ channel: 'sms' });
      const before = (await sent()).length;
      await t.app.get(MessagesService).append(conversation?._id as Types.ObjectId, {
        sender: 'system',
        text: 'A notice the customer opted out of',
      });
      await new Promise((r) => setTimeout(r, 1000));
      expect((await sent()).length).toBe(before);
    });

    it('answers again once they write again, and splits a long text into numbered parts', async () => {
      expect(
        (await sms({ messageId: 'gw-4', from: '13800138000', text: '还在吗 我又停电了' })).status,
      ).toBe(200);
      // Answered again in this conversation; outage notices stay off until START (one record).
      expect(await t.app.get(SmsOptOutsService).isOptedOut('13800138000')).toBe(true);
      const conversation = await t.app
        .get<Connection>(getConnectionToken())
        .collection('conversations')
        .findOne({ channel: 'sms' });
      const long =
        '抢修进展：' +
        '东湖区DH-F02线路故障，抢修队伍已到达现场，正在更换损坏的电缆接头。'.repeat(4);
      await t.app.get(MessagesService).append(conversation?._id as Types.ObjectId, {
        sender: 'agent',
        agentId: 'agent.li',
        text: long,
      });
      const parts = await until(async () => {
        const found = (await sent()).filter((s) => /\(\d+\/\d+\)$/.test(s.text));
        return found.length >= 3 ? found : undefined;
      });
      expect(parts.map((p) => p.text.replace(/ \(\d+\/\d+\)$/, '')).join('')).toBe(long);
      for (const p of parts) expect([...p.text].length).toBeLessThanOrEqual(67);
    });

    it('hands an SMS customer to an agent with the channel on the ticket', async () => {
      await sms({ messageId: 'gw-5', from: '13700137000', text: '电表一直跳闸，麻烦转人工' });
      const tickets = t.app.get<Connection>(getConnectionToken()).collection('tickets');
      const ticket = await until(
        async () => (await tickets.findOne({ channel: 'sms' })) ?? undefined,
      );
      expect(ticket.status).toBe('queued');
    });
  });

  describe('WeChat official account', () => {
    const signed = (extra: Record<string, string> = {}) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = 'n0nce';
      return {
        timestamp,
        nonce,
        signature: wechatSignature(WECHAT_TOKEN, timestamp, nonce),
        ...extra,
      };
    };
    const xml = (fields: Record<string, string>) =>
      `<xml>${Object.entries(fields)
        .map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`)
        .join('')}</xml>`;
    const push = (body: string, query = signed()) =>
      request(t.url)
        .post('/channels/wechat')
        .query(query)
        .set('content-type', 'text/xml')
        .send(body);

    it('answers the server check with echostr only when signed', async () => {
      const ok = await request(t.url)
        .get('/channels/wechat')
        .query(signed({ echostr: 'e123' }));
      expect(ok.text).toBe('e123');
      const bad = await request(t.url)
        .get('/channels/wechat')
        .query({ ...signed({ echostr: 'e123' }), signature: 'f'.repeat(40) });
      expect(bad.status).toBe(401);
    });

    it('puts the bot’s answer in the HTTP reply, and sends it no second time through the API', async () => {
      const res = await push(
        xml({
          ToUserName: 'gh_utility',
          FromUserName: 'openid-alice',
          CreateTime: String(Math.floor(Date.now() / 1000)),
          MsgType: 'text',
          Content: '你好，我想问下峰谷电价怎么算的',
          MsgId: '900001',
        }),
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/xml/);
      expect(res.text).toContain('<ToUserName><![CDATA[openid-alice]]></ToUserName>');
      expect(res.text).toMatch(/<Content><!\[CDATA\[.+\]\]><\/Content>/s);
      // The delivery job (5 s later) finds the reply claimed: the API gets nothing for it.
      await new Promise((r) => setTimeout(r, 6500));
      expect(wechat.sent.filter((s) => s.touser === 'openid-alice')).toEqual([]);
    }, 15_000);

    it('sends what comes later (an agent’s line) through the customer-service API, once', async () => {
      const conversation = await t.app
        .get<Connection>(getConnectionToken())
        .collection('conversations')
        .findOne({ channel: 'wechat' });
      await t.app.get(MessagesService).append(conversation?._id as Types.ObjectId, {
        sender: 'agent',
        agentId: 'agent.li',
        text: '您好，我是客服李娜，峰谷时段是8:00-22:00为峰。',
      });
      const sent = await until(() => wechat.sent.find((s) => s.touser === 'openid-alice'), 12_000);
      expect(sent.content).toMatch(/李娜/);
      await new Promise((r) => setTimeout(r, 1500));
      expect(wechat.sent.filter((s) => s.touser === 'openid-alice')).toHaveLength(1);
    }, 20_000);

    it('welcomes a new follower and refuses a bad signature and malformed XML', async () => {
      const welcome = await push(
        xml({
          ToUserName: 'gh_utility',
          FromUserName: 'openid-bob',
          CreateTime: '1',
          MsgType: 'event',
          Event: 'subscribe',
        }),
      );
      expect(welcome.text).toMatch(/感谢关注/);
      const forged = await push(
        xml({ ToUserName: 'a', FromUserName: 'b', MsgType: 'text', Content: 'hi' }),
        {
          ...signed(),
          signature: '0'.repeat(40),
        },
      );
      expect(forged.status).toBe(401);
      const broken = await push('<xml><ToUserName>a</ToUserName><Content>unclosed');
      expect(broken.status).toBe(400);
      const huge = await push(`<xml><Content>${'x'.repeat(20_000)}</Content></xml>`);
      expect(huge.status).toBe(413);
    });
  });
});
