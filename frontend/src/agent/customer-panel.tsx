import { useT } from '../shared/i18n';
import { useClock } from '../shared/use-clock';
import type { CaseCard, EarlierTicketView, StaffView } from '../shared/protocol';
import { answeredNote } from './answered-note';
import type { Chat } from './desk-store';

type Row = [label: string, value: string | undefined, testid: string];

export function Facts({ rows, testid }: { rows: Row[]; testid: string }) {
  return (
    <dl data-testid={testid}>
      {rows
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([label, value, id]) => [
          <dt key={`${id}-t`}>{label}</dt>,
          <dd key={`${id}-d`} data-testid={`fact-${id}`}>
            {value}
          </dd>,
        ])}
    </dl>
  );
}

/** An account number as this agent may see it: whole only with the `unmask` permission. */
const maskAccount = (n: string, me: StaffView & { permissions?: string[] }) =>
  me.permissions?.includes('unmask')
    ? n
    : `${n.slice(0, 2)}${'*'.repeat(Math.max(0, n.length - 4))}${n.slice(-2)}`;

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** Who the customer is, what the bot found out, and the utility's records once verified. */
export function CustomerPanel({ chat, me }: { chat: Chat; me: StaffView }) {
  const { t, code, pick } = useT();
  const clock = useClock();
  const { conversation, ticket, customer } = chat;
  const card = ticket.caseCard as CaseCard | undefined;
  const verification = customer?.verified ? 'verified' : (card?.verification ?? 'not_verified');
  return (
    <>
      <h2>{t('customer')}</h2>
      <section>
        <Facts
          testid="context-customer"
          rows={[
            [
              t('name'),
              customer?.verified
                ? pick(customer.account.holderName)
                : (conversation?.customerName ?? t('anonymous')),
              'name',
            ],
            [t('verification'), code('verification', verification), 'verification'],
            [
              t('language'),
              code('languages', conversation?.language ?? ticket.language),
              'language',
            ],
            [t('channel'), code('channels', conversation?.channel ?? ticket.channel), 'channel'],
            [t('started'), conversation && clock.dateTime(conversation.createdAt), 'started'],
            [t('status'), code('conversationStatus', conversation?.status), 'status'],
            [
              t('callback'),
              ticket.callback &&
                `${ticket.callback.phone}${ticket.callback.message ? ` · ${ticket.callback.message}` : ''}`,
              'callback',
            ],
          ]}
        />
        {customer?.verified ? (
          <div data-testid="context-account">
            <Facts
              testid="context-account-facts"
              rows={[
                [t('account'), maskAccount(customer.account.accountNumber, me), 'account'],
                [t('address'), pick(customer.account.address), 'address'],
                [t('tariff'), code('tariffPlan', customer.account.tariffPlan), 'tariff'],
                [t('phone'), customer.account.phoneMasked, 'phone'],
              ]}
            />
            <h3>{t('bills')}</h3>
            <ul class="history" data-testid="context-bills">
              {customer.bills.map((b) => (
                <li key={b.period}>
                  {b.period} · {b.kwh} kWh · {yuan(b.amountFen)} · {code('billStatus', b.status)}
                </li>
              ))}
            </ul>
            <h3>{t('outages')}</h3>
            <ul class="history" data-testid="context-outages">
              {customer.outages.length === 0 && <li>{t('noOutages')}</li>}
              {customer.outages.map((o) => (
                <li key={o.outageNo}>
                  {code('outageKind', o.kind)} · {pick(o.area)} · {pick(o.cause)}
                  {o.estimatedRestoration ? ` · ${clock.dateTime(o.estimatedRestoration)}` : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p class="muted" data-testid="context-not-verified">
            {t('notVerifiedHint')}
          </p>
        )}
        {(customer?.verified || chat.earlier.length > 0) && <EarlierConversations chat={chat} />}
        {card?.answered && card.answered.length > 0 && <BotAnswered lines={card.answered} />}
        {card?.intentPath && card.intentPath.length > 0 && (
          <>
            <h3>{t('intents')}</h3>
            <p class="intents" data-testid="context-intents">
              {card.intentPath.map((i, at) => (
                <span class="intent" key={`${at}-${i}`} title={i}>
                  {code('intents', i)}
                </span>
              ))}
            </p>
          </>
        )}
      </section>
    </>
  );
}

/** The account's earlier conversations, one line per conversation with what became of it. */
function EarlierConversations({ chat }: { chat: Chat }) {
  const { t, code } = useT();
  const clock = useClock();
  const byConversation = new Map<string, EarlierTicketView[]>();
  for (const tk of chat.earlier) {
    byConversation.set(tk.conversationId, [...(byConversation.get(tk.conversationId) ?? []), tk]);
  }
  return (
    <>
      <h3>{t('earlierConversations')}</h3>
      <ul class="history" data-testid="context-earlier-conversations">
        {byConversation.size === 0 && <li>{t('noEarlier')}</li>}
        {[...byConversation].map(([id, tickets]) => (
          <li key={id} data-testid="earlier-conversation" data-conversation-id={id}>
            {clock.dateTime(tickets[0].queuedAt)} · {code('channels', tickets[0].channel)}
            {tickets.map((tk) => (
              <div key={tk.id} class="muted" data-testid="earlier-ticket">
                {code('reasons', tk.reason)} →{' '}
                {tk.resolution
                  ? code('resolutions', tk.resolution)
                  : code('ticketStatus', tk.status)}
                {tk.agentName ? ` · ${t('servedBy', { name: tk.agentName })}` : ''}
                {tk.rating ? ` · ★${tk.rating}` : ''}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}

/** What the bot looked up and told the customer before the handoff (the case card). */
function BotAnswered({ lines }: { lines: string[] }) {
  const tr = useT();
  return (
    <>
      <h3>{tr.t('botAnswered')}</h3>
      <ul class="history" data-testid="context-answered">
        {lines.map((line, i) => {
          const said = answeredNote(line, tr);
          // A line no pattern knows is shown as the dialogue wrote it, marked as English.
          return said ? (
            <li key={i}>{said}</li>
          ) : (
            <li key={i} lang="en">
              {line}
            </li>
          );
        })}
      </ul>
    </>
  );
}
