import type { TicketEventView } from '../../../src/tickets/ticket.views';
import type { Translator } from '../shared/translate';

/**
 * A ticket history entry's note in words. The server writes notes for machines and logs
 * ("transferred to skill billing", "agent a1 disconnected", a reason or resolution code, the
 * offered agent's id); agents' own closing notes are free text and shown as they are.
 */
export function historyNote(
  h: TicketEventView,
  tr: Translator,
  nameOf: (agentId: string) => string | undefined,
): string {
  const note = h.note;
  if (!note) return '';
  const agent = (id: string) => nameOf(id) ?? id;
  const target = (to: string) => {
    const [kind, value = ''] = to.split(' ');
    return kind === 'skill' ? tr.code('skills', value) : kind === 'agent' ? agent(value) : to;
  };
  const transferred = /^transferred to (.+)$/.exec(note);
  if (transferred) return tr.t('transferredTo', { target: target(transferred[1]) });
  const left = /^agent (\S+) disconnected$/.exec(note);
  if (left) return tr.t('agentLeft', { name: agent(left[1]) });
  const reopened = /^reopened: (\w+)$/.exec(note);
  if (reopened) return tr.t('reopenedFor', { reason: tr.code('reasons', reopened[1]) });
  if (h.status === 'queued') return tr.code('reasons', note);
  if (h.status === 'resolved') return tr.code('resolutions', note);
  if (h.status === 'offered') return agent(note);
  return note;
}
