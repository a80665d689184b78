import { areaName, knownText, noticeText, plannedNoticeText, stormText } from './notice-texts';
import { IncidentWording } from './notice-texts';

/** The default SERVICE_TIMEZONE; the last test reads the same instants in another zone. */
const ZONE = 'Asia/Shanghai';

const incident: IncidentWording = {
  id: 'DH-F02@2026-12-01T04:00Z',
  scope: 'feeder',
  districtCode: 'QH-DH',
  feederId: 'DH-F02',
  status: 'crew_on_site',
  reportCount: 12,
  etaAt: new Date('2026-12-01T08:30:00Z'),
  cause: { zh: '电缆故障', en: 'a cable fault' },
  restoredAt: new Date('2026-12-01T08:10:00Z'),
};

describe('notice wording', () => {
  it('names the district and the feeder in each language', () => {
    expect(areaName(incident, 'zh')).toBe('东湖区（10kV 东湖02线）');
    expect(areaName(incident, 'en')).toMatch(/^Donghu District \(10 kV Donghu feeder 02\)$/);
  });

  it('tells a later reporter what is known: the count, the crew and the estimate (local time)', () => {
    expect(knownText(incident, 'zh', ZONE)).toBe(
      '我们已经知道东湖区（10kV 东湖02线）停电了（事件 DH-F02@2026-12-01T04:00Z，已有 12 位客户报告）。抢修人员已在现场抢修，预计 12月1日 16:30 恢复供电。',
    );
    expect(knownText(incident, 'en', ZONE)).toContain(
      '12 reports so far). A crew is on site. Power is expected back by 1 Dec, 16:30.',
    );
  });

  it('says when the estimate is unknown instead of a time', () => {
    const noEta = { ...incident, etaAt: undefined, status: 'investigating' as const };
    expect(knownText(noEta, 'en', ZONE)).toContain('as soon as there is a restoration time');
  });

  it('adds the opt-out keyword to an SMS, not to a chat notice', () => {
    expect(noticeText('restored', incident, 'zh', 'sms', ZONE)).toMatch(
      /已于 12月1日 16:10 恢复供电.*回复TD退订$/,
    );
    expect(noticeText('restored', incident, 'en', 'chat', ZONE)).not.toMatch(/STOP/);
    expect(noticeText('eta', incident, 'en', 'sms', ZONE)).toMatch(
      /is now 1 Dec, 16:30\. a cable fault Reply STOP to opt out$/,
    );
  });

  it('offers a callback and the insist phrase in storm mode', () => {
    expect(stormText(incident, 'zh', ZONE)).toMatch(/回电.*转人工/);
    expect(stormText(incident, 'en', ZONE)).toMatch(/call back.*talk to an agent/);
  });

  it('tells a planned outage the day before with its window, in local time', () => {
    const outage = {
      outageNo: 'PL-2026-0042',
      districtCode: 'QH-XS',
      area: { zh: '西山路一带', en: 'around Xishan Road' },
      cause: { zh: '线路检修', en: 'line maintenance' },
      startAt: '2026-12-02T01:00:00Z',
      estimatedRestoration: '2026-12-02T05:00:00Z',
    };
    expect(plannedNoticeText(outage, 'zh', 'sms', ZONE)).toBe(
      '【计划停电通知】西山区西山路一带将于 12月2日 09:00 至 12月2日 13:00 计划停电（PL-2026-0042）：线路检修。请提前做好准备。 回复TD退订',
    );
    expect(plannedNoticeText(outage, 'en', 'chat', ZONE)).toMatch(
      /from 2 Dec, 09:00 to 2 Dec, 13:00/,
    );
  });

  it('tells the times in the configured zone when it is not Shanghai', () => {
    expect(knownText(incident, 'zh', 'Asia/Urumqi')).toContain('预计 12月1日 14:30 恢复供电');
    expect(noticeText('restored', incident, 'en', 'chat', 'Europe/London')).toContain('08:10');
    expect(noticeText('restored', incident, 'en', 'chat', 'Europe/London')).not.toContain('16:10');
  });
});
