import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { DomainError } from '../../common/domain-error';
import { AppConfig } from '../../config/app-config';
import { detectLanguage } from '../../nlu/language-detector';
import { ChannelInboundService } from '../channel-inbound.service';
import { ChannelThreadsRepository } from '../channel-threads.repository';
import { ReplyWaiter } from '../reply-waiter';
import { verifyWechat } from './wechat-signature';
import { WECHAT_TEXTS } from './wechat-texts';
import { buildWechatText, parseWechatPush, WechatPush } from './wechat-xml';

interface SignedQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

/**
 * The official account's message-push endpoint (plain-text mode). WeChat waits 5 s for the HTTP
 * answer: the bot's answer goes in it when ready within WECHAT_PASSIVE_WAIT_MS, otherwise the
 * answer is "success" and the reply follows through the customer-service message API.
 */
@ApiExcludeController()
@Controller('channels/wechat')
export class WechatController {
  constructor(
    private readonly config: AppConfig,
    private readonly inbound: ChannelInboundService,
    private readonly threads: ChannelThreadsRepository,
    private readonly waiter: ReplyWaiter,
  ) {}

  /** The server check WeChat makes when the URL is configured: echo `echostr` if signed. */
  @Get()
  verify(@Query() query: SignedQuery, @Res() res: Response): void {
    this.checkSignature(query);
    res.type('text/plain').send(query.echostr ?? '');
  }

  @Post()
  @HttpCode(200)
  async push(
    @Query() query: SignedQuery,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    this.checkSignature(query);
    const push = typeof body === 'string' ? parseWechatPush(body) : null;
    if (!push) throw new DomainError('VALIDATION', 'The body must be a WeChat XML message');
    const reply = await this.answer(push);
    if (reply === null) res.type('text/plain').send('success');
    else res.type('application/xml').send(buildWechatText(push.fromUser, push.toUser, reply));
  }

  private async answer(push: WechatPush): Promise<string | null> {
    const language = detectLanguage(push.content ?? '') === 'en' ? 'en' : 'zh';
    if (push.msgType === 'event') {
      if (push.event === 'subscribe') {
        await this.inbound.setOptedOut('wechat', push.fromUser, false);
        return `${WECHAT_TEXTS.welcome.zh}\n${WECHAT_TEXTS.welcome.en}`;
      }
      if (push.event === 'unsubscribe')
        await this.inbound.setOptedOut('wechat', push.fromUser, true);
      return null;
    }
    if (push.msgType !== 'text' || !push.content?.trim()) return WECHAT_TEXTS.textOnly[language];
    if (push.content.length > 2000)
      throw new DomainError('TOO_LARGE', 'A message holds at most 2000 characters');
    // WeChat retries a push it got no answer to: the MsgId makes the retry a duplicate.
    const externalId = push.msgId ?? `${push.fromUser}:${push.createTime}`;
    const received = await this.inbound.receive('wechat', push.fromUser, externalId, push.content);
    if (received.duplicate) return null;
    const replies = await this.waiter.wait(
      received.conversationId.toHexString(),
      received.clientMessageId,
      this.config.WECHAT_PASSIVE_WAIT_MS,
    );
    const claimed: string[] = [];
    for (const r of replies)
      if (await this.threads.claimDelivery(r.id, 'wechat', received.threadId, 'passive'))
        claimed.push(r.text);
    return claimed.length > 0 ? claimed.join('\n\n') : null;
  }

  private checkSignature(query: SignedQuery): void {
    if (!this.config.WECHAT_TOKEN)
      throw new DomainError('NOT_FOUND', 'The WeChat channel is not configured');
    if (!verifyWechat(this.config.WECHAT_TOKEN, query))
      throw new DomainError('UNAUTHENTICATED', 'The WeChat signature is missing or wrong');
  }
}
