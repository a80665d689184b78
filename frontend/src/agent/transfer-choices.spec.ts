import type { AgentListing } from '../shared/protocol';
import { transferChoices } from './transfer-choices';

const agent = (id: string, over: Partial<AgentListing> = {}): AgentListing => ({
  id,
  displayName: id,
  presence: 'online',
  languages: ['zh', 'en'],
  skills: ['billing'],
  capacity: 3,
  load: 0,
  ...over,
});

describe('transferChoices', () => {
  const zh = { language: 'zh' };

  it('leaves me out and marks who cannot be picked: offline, wrong language, missing skill', () => {
    const rows = transferChoices(
      [
        agent('me'),
        agent('off', { presence: 'offline' }),
        agent('en-only', { languages: ['en'] }),
        agent('outage', { skills: ['outage'] }),
        agent('ok'),
      ],
      'me',
      zh,
      'billing',
    );
    expect(rows.map((r) => [r.agent.id, r.pickable, r.serves])).toEqual([
      ['ok', true, true],
      ['en-only', false, false],
      ['off', false, true],
      ['outage', false, false],
    ]);
  });

  it('lets an away or full agent be picked, marked full at capacity', () => {
    const rows = transferChoices(
      [agent('full', { load: 3 }), agent('away', { presence: 'away', load: 1 })],
      undefined,
      zh,
      '',
    );
    expect(rows.map((r) => [r.agent.id, r.pickable, r.full])).toEqual([
      ['away', true, false],
      ['full', true, true],
    ]);
  });

  it('needs no particular skill for general or no skill chosen', () => {
    const outage = agent('outage', { skills: ['outage'] });
    expect(transferChoices([outage], undefined, zh, 'general')[0].serves).toBe(true);
    expect(transferChoices([outage], undefined, zh, '')[0].serves).toBe(true);
  });
});
