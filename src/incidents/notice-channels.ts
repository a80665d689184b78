import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { PiiCipherService } from '../common/pii-cipher.service';
import { MessagesService } from '../conversations/messages.service';
import { SmsOptOutsService } from '../sms/sms-opt-outs.service';
import { SMS_PROVIDER, SmsProvider } from '../sms/sms-provider';
import { NoticeChannel, OutgoingNotice } from './notice-channel';

/**
 * A notice into the customer's chat: a `system` message, its client id derived from the notice,
 * so the message store's unique (conversation, client id) keeps a second delivery out.
 */
@Injectable()
export class ChatNoticeChannel implements NoticeChannel {
  readonly name = 'chat' as const;

  constructor(private readonly messages: MessagesService) {}

  async deliver(notice: OutgoingNotice): Promise<void> {
    await this.messages.append(new Types.ObjectId(notice.subscription.conversationId), {
      sender: 'system',
      clientMessageId: `notice#${notice.noticeId}`,
      text: notice.text,
    });
  }
}

/** A notice by SMS to the number the customer gave, opened from its sealed copy only here. */
@Injectable()
export class SmsNoticeChannel implements NoticeChannel {
  readonly name = 'sms' as const;

  constructor(
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
    private readonly cipher: PiiCipherService,
    private readonly optOuts: SmsOptOutsService,
  ) {}

  async deliver(notice: OutgoingNotice): Promise<void> {
    const sealed = notice.subscription.phoneSealed;
    if (!sealed) return;
    const to = this.cipher.open(sealed, notice.subscription._id);
    // The number texted TD / 退订 / STOP to us (the SMS channel): nothing more goes to it.
    if (await this.optOuts.isOptedOut(to)) return;
    await this.provider.send({
      to,
      text: notice.text,
      idempotencyKey: notice.noticeId,
    });
  }
}
