import { getQueueToken } from '@nestjs/bull';
import { getConnectionToken } from '@nestjs/mongoose';
import { Queue } from 'bull';
import { Connection, Types } from 'mongoose';
import request from 'supertest';
import { ChannelOutboxRepository } from '../src/channels/channel-outbox.repository';
import { CHANNELS_QUEUE, DeliverJob } from '../src/channels/channel-relay';
import { ChannelRepairService } from '../src/channels/channel-repair.service';
import { signSms } from '../src/channels/sms/sms-signature';
import { MessagesService } from '../src/conversations/messages.service';
import { LoopbackSmsProvider } from '../src/sms/loopback-sms.provider';
import { eventually, until } from './support/poll';
import { startTestApp, TestApp } from './support/test-app';

const SMS_SECRET = 'test-sms-secret-0123456789';
const MINUTES = 60_000;

/**
 * A message owed to an SMS customer survives Redis losing its delivery job, and a channel down
 * for longer than the job's retries: MongoDB notes every delivery as owed until its job has done
 * its work, and the repair job (once a minute in the cluster) queues again what is still owed.
 * Real Bull, Redis and store; the worker is paused on this (only) instance to stand in for the
 * moment between a job's queueing and its loss.
 */
describe('channel deliveries owed, repaired from MongoDB', () => {
  let t: TestApp;
  let queue: Queue<DeliverJob>;
  let repair: ChannelRepairService;
  let loopback: LoopbackSmsProvider;
  let conversationId: Types.ObjectId;
  let n = 0;

  const outbox = () => t.app.get<Connection>(getConnectionToken()).collection('channel_outbox');
  const texts = async () => (await loopback.sent()).map((s) => s.text);
  const sms = (from: string, text: string) => {
    const raw = JSON.stringify({ messageId: `gw-r${++n}`, from, text });
    const at = String(Math.floor(Date.now() / 1000));
    return request(t.url)
      .post('/channels/sms/inbound')
      .set('content-type', 'application/json')
      .set('x-sms-timestamp', at)
      .set('x-sms-signature', signSms(SMS_SECRET, at, raw))
      .send(raw)
      .expect(200);
  };
  /** An agent's line in the SMS conversation, its job held in Redis (the worker paused). */
  const agentLineHeld = async (text: string) => {
    await queue.pause(true);
    const { message } = await t.app
      .get(MessagesService)
      .append(conversationId, { sender: 'agent', agentId: 'agent.li', text });
    const id = message._id;
    const job = await until(async () => (await queue.getJob(`deliver:${id}`)) ?? undefined);
    return { id, job };
  };

  beforeAll(async () => {
    t = await startTestApp({ SMS_WEBHOOK_SECRET: SMS_SECRET });
    queue = t.app.get<Queue<DeliverJob>>(getQueueToken(CHANNELS_QUEUE));
    repair = t.app.get(ChannelRepairService);
    loopback = t.app.get(LoopbackSmsProvider);
  });
  beforeEach(async () => {
    await t.reset();
    await queue.resume(true);
    await sms('13900139000', '你好 停电了吗 我家这边黑了');
    // The bot's answer went out and is owed no more.
    await eventually(async () => (await texts()).length > 0);
    await eventually(async () => (await outbox().countDocuments()) === 0);
    const conversation = await t.app
      .get<Connection>(getConnectionToken())
      .collection('conversations')
      .findOne({ channel: 'sms' });
    conversationId = conversation?._id as Types.ObjectId;
  });
  afterEach(() => queue.resume(true));
  afterAll(() => t.close());

  it('queues again, from MongoDB, a delivery whose job Redis lost, and sends it once', async () => {
    const line = '您好，我是客服李娜，抢修人员已出发，预计一小时内恢复供电。';
    const { id, job } = await agentLineHeld(line);
    await job.remove(); // what a Redis that lost its last second of writes leaves
    expect(await outbox().findOne({ _id: id as never })).toMatchObject({ channel: 'sms' });
    // The owed text is sealed at rest, like the number.
    expect(JSON.stringify(await outbox().find({}).toArray())).not.toContain('李娜');
    await queue.resume(true);

    // Not yet two minutes owed: the delivery may still be on its way.
    expect(await repair.run(new Date())).toEqual({ requeued: 0, retried: 0, abandoned: 0 });
    expect(await repair.run(new Date(Date.now() + 3 * MINUTES))).toEqual({
      requeued: 1,
      retried: 0,
      abandoned: 0,
    });
    await eventually(async () => (await texts()).includes(line));
    await eventually(async () => (await outbox().countDocuments()) === 0);

    // Nothing owed any more: a later run (or the run again on another instance) sends nothing.
    expect(await repair.run(new Date(Date.now() + 4 * MINUTES))).toEqual({
      requeued: 0,
      retried: 0,
      abandoned: 0,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await texts()).filter((s) => s === line)).toHaveLength(1);
  });

  it('retries a delivery that used up its retries, and leaves a job still in Redis alone', async () => {
    const failed = await agentLineHeld('您好，工单已登记，稍后回电。');
    // Taken as a worker would, and failed for good, as after its last retry.
    const taken = await queue.getNextJob();
    expect(taken?.id).toBe(failed.job.id);
    taken?.discard();
    await taken?.moveToFailed({ message: 'gateway down for a minute' });
    expect(await failed.job.isFailed()).toBe(true);
    const waiting = await agentLineHeld('请问还有其他需要帮助的吗？');
    expect(await repair.run(new Date(Date.now() + 3 * MINUTES))).toEqual({
      requeued: 0,
      retried: 1,
      abandoned: 0,
    });
    await queue.resume(true);
    await eventually(async () => {
      const sent = await texts();
      return (
        sent.includes('您好，工单已登记，稍后回电。') && sent.includes('请问还有其他需要帮助的吗？')
      );
    });
    await eventually(async () => (await outbox().countDocuments()) === 0);
    expect(await queue.getJob(`deliver:${waiting.id}`)).toBeNull(); // done and removed
  });

  it('drops a delivery owed for more than six hours, with the message id in the log only', async () => {
    const late = await agentLineHeld('您好，昨晚的停电已于凌晨恢复。');
    await late.job.remove();
    await queue.resume(true);
    const stale = new Date(Date.now() - 7 * 60 * MINUTES);
    await outbox().updateOne({ _id: late.id as never }, { $set: { at: stale } });
    expect(await repair.run(new Date())).toEqual({ requeued: 0, retried: 0, abandoned: 1 });
    expect(await outbox().countDocuments()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await texts()).not.toContain('您好，昨晚的停电已于凌晨恢复。');
  });

  it('notes a delivery owed once however often it is noted', async () => {
    const owed = t.app.get(ChannelOutboxRepository);
    const job = {
      channel: 'sms' as const,
      conversationId: conversationId.toHexString(),
      messageId: `${conversationId.toHexString()}:99`,
      text: 'x',
    };
    await Promise.all([owed.owe(job), owed.owe(job), owed.owe(job)]);
    expect(await outbox().countDocuments({ _id: job.messageId as never })).toBe(1);
  });
});
