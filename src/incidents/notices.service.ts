import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ChatLanguage } from '../conversations/conversation.schema';
import { OutagesService } from '../utility/outages.service';
import { IncidentsRepository } from './incidents.repository';
import { toIncidentView } from './incident.views';
import { NOTICE_CHANNELS, NoticeChannel } from './notice-channel';
import { noticeText, plannedNoticeText } from './notice-texts';
import { DeliverJob, eventKeyOf, NoticeEventJob } from './notices.constants';
import { NoticesQueue } from './notices.queue';
import { NoticesRepository } from './notices.repository';
import { NoticeChannelName } from './subscription.schema';

/**
 * Notices of an incident's events to its subscribers: an event fans out to one job per active
 * subscription, and each job delivers once. "Once" rests on ids, not on any process: the job's
 * id, the notice record's `_id` (`<subscriptionId>:<event>:<n>`, inserted once, then marked
 * sent), and the channel's own idempotency key for the window between delivering and marking.
 */
@Injectable()
export class NoticesService {
  private readonly logger = new Logger(NoticesService.name);

  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly repository: NoticesRepository,
    private readonly queue: NoticesQueue,
    private readonly outages: OutagesService,
    @Inject(NOTICE_CHANNELS) private readonly channels: NoticeChannel[],
    private readonly config: AppConfig,
  ) {}

  /** An event happened: its fan-out is queued (once per event, whoever calls). */
  schedule(event: NoticeEventJob): Promise<void> {
    return this.queue.fanout(event);
  }

  async fanout(event: NoticeEventJob): Promise<number> {
    const subscriptions = await this.repository.activeSubscriptionsOf(event.incidentId);
    await this.queue.deliver(subscriptions.map((s) => ({ ...event, subscriptionId: s._id })));
    return subscriptions.length;
  }

  /** Delivers one notice unless it was delivered already, opted out of, or overtaken. */
  async deliver(job: DeliverJob): Promise<'sent' | 'already' | 'skipped'> {
    const subscription = await this.repository.getSubscription(job.subscriptionId);
    if (!subscription?.active) return 'skipped';
    const about = await this.wording(job, subscription.language, subscription.channel);
    if (!about) return 'skipped';
    const noticeId = `${job.subscriptionId}:${eventKeyOf(job)}`;
    const notice = await this.repository.claimNotice({
      _id: noticeId,
      incidentId: job.incidentId,
      subscriptionId: job.subscriptionId,
      event: job.event,
      n: job.n,
      ...(job.key && { key: job.key }),
      channel: subscription.channel,
      language: subscription.language,
      text: about.text,
      status: 'pending',
      attempts: 0,
      createdAt: new Date(),
    });
    if (notice.status !== 'pending') return 'already';
    if (about.overtaken) {
      await this.repository.markNotice(noticeId, 'skipped', new Date());
      return 'skipped';
    }
    const channel = this.channels.find((c) => c.name === subscription.channel);
    if (!channel) throw new Error(`no notice channel ${subscription.channel}`);
    // The stored text is the one sent, whichever attempt sends it.
    await channel.deliver({ noticeId, subscription, text: notice.text });
    await this.repository.markNotice(noticeId, 'sent', new Date());
    this.logger.debug(`notice ${eventKeyOf(job)} sent on ${subscription.channel}`);
    return 'sent';
  }

  /** The notice's text, and whether it is overtaken; undefined when its subject is gone. */
  private async wording(
    job: DeliverJob,
    language: ChatLanguage,
    channel: NoticeChannelName,
  ): Promise<{ text: string; overtaken: boolean } | undefined> {
    if (job.event === 'planned') {
      const outage = job.key ? await this.outages.findByNumber(job.key) : null;
      if (!outage) return undefined;
      return {
        text: plannedNoticeText(outage, language, channel, this.config.SERVICE_TIMEZONE),
        overtaken: outage.status !== 'planned',
      };
    }
    const incident = await this.incidents.get(job.incidentId);
    if (!incident) return undefined;
    const view = toIncidentView(incident);
    return {
      text: noticeText(job.event, view, language, channel, this.config.SERVICE_TIMEZONE),
      // An estimate overtaken by a later one, or by the restoration, is not worth a message.
      overtaken: job.event === 'eta' && (view.status === 'restored' || view.etaVersion > job.n),
    };
  }

  noticesOf(incidentId: string) {
    return this.repository.noticesOf(incidentId);
  }
}
