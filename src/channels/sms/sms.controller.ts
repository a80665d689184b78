import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DomainError } from '../../common/domain-error';
import { detectLanguage } from '../../nlu/language-detector';
import { ChannelInboundService } from '../channel-inbound.service';
import { SmsInboundDto } from '../dto/sms-inbound.dto';
import { SMS_PROVIDER, SmsProvider } from '../../sms/sms-provider';
import { SMS_TEXTS, smsKeyword } from './sms-text';
import { SmsSignatureGuard } from './sms-signature.guard';

/** The SMS gateway's webhook: one received text per request, answered by text later. */
@ApiTags('channels')
@Controller('channels/sms')
@UseGuards(SmsSignatureGuard)
export class SmsController {
  constructor(
    private readonly inbound: ChannelInboundService,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
  ) {}

  @Post('inbound')
  @HttpCode(200)
  @ApiOperation({ summary: 'A text a customer sent (signed by the gateway; docs/channels.md)' })
  async receive(@Body() body: SmsInboundDto): Promise<{ ok: true; duplicate: boolean }> {
    const phone = parsePhoneNumberFromString(body.from, 'CN');
    if (!phone?.isPossible())
      throw new DomainError('VALIDATION', 'from must be a phone number', { field: 'from' });
    const address = phone.number;
    const language = detectLanguage(body.text) === 'en' ? 'en' : 'zh';
    const keyword = smsKeyword(body.text);
    if (keyword) {
      // One opt-out for everything we would text: the channel's replies and the outage notices.
      // Carrier rules: the confirmation goes out even to a number that just opted out.
      await this.inbound.setOptedOut('sms', address, keyword === 'stop');
      await this.sms.send({
        to: address,
        text: SMS_TEXTS[keyword === 'stop' ? 'optedOut' : 'optedIn'][language],
        idempotencyKey: `sms-keyword:${body.messageId}`,
      });
      return { ok: true, duplicate: false };
    }
    const { duplicate } = await this.inbound.receive('sms', address, body.messageId, body.text);
    return { ok: true, duplicate };
  }
}
