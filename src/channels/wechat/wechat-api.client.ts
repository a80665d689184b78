import { Injectable } from '@nestjs/common';
import { RedisService } from '../../common/redis.service';
import { AppConfig } from '../../config/app-config';

/** Renewed this long before WeChat says it expires (tokens last 7,200 s). */
const TOKEN_MARGIN_SECONDS = 300;
const CALL_TIMEOUT_MS = 5000;

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  errcode?: number;
  errmsg?: string;
}

/**
 * WeChat's customer-service message API (客服消息): the asynchronous way back to a customer
 * when the answer is not ready within the push's 5 seconds, or comes from an agent. The access
 * token is shared by every instance through Redis: WeChat invalidates the previous token when a
 * new one is fetched, so instances fetching their own would knock each other's out.
 */
@Injectable()
export class WechatApiClient {
  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {}

  async sendText(openId: string, content: string): Promise<void> {
    const token = await this.accessToken();
    const answer = await this.call<{ errcode?: number; errmsg?: string }>(
      `/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`,
      { touser: openId, msgtype: 'text', text: { content } },
    );
    if (answer.errcode === 40001 || answer.errcode === 42001) {
      // The token was invalidated (fetched elsewhere, or expired early): forget it, retry later.
      await this.redis.client.del(this.tokenKey());
    }
    if (answer.errcode) throw new Error(`wechat send refused: ${answer.errcode} ${answer.errmsg}`);
  }

  private async accessToken(): Promise<string> {
    const cached = await this.redis.client.get(this.tokenKey());
    if (cached) return cached;
    const { WECHAT_APP_ID: appid, WECHAT_APP_SECRET: secret } = this.config;
    const answer = await this.call<TokenAnswer>(
      `/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appid)}` +
        `&secret=${encodeURIComponent(secret)}`,
    );
    if (!answer.access_token)
      throw new Error(`wechat token refused: ${answer.errcode} ${answer.errmsg}`);
    const ttl = Math.max(60, (answer.expires_in ?? 7200) - TOKEN_MARGIN_SECONDS);
    await this.redis.client.set(this.tokenKey(), answer.access_token, 'EX', ttl);
    return answer.access_token;
  }

  private async call<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.config.WECHAT_API_BASE}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`wechat api answered ${response.status}`);
    return (await response.json()) as T;
  }

  private tokenKey(): string {
    return this.redis.key('wechat', 'access-token', this.config.WECHAT_APP_ID);
  }
}
