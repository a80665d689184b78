import type { Socket } from 'socket.io-client';
import type { AgentServerEvents, MessageView } from '../shared/protocol';
import type { DeskStore } from './desk-store';

/** What the server tells an agent, applied to the desk (events of src/realtime/realtime.events.ts). */
export function listenToDesk(store: DeskStore, socket: Socket<AgentServerEvents>): void {
  socket.on('ticket:queued', (ticket) => {
    // A ticket of mine coming back (transfer, disconnect grace) leaves my chats.
    if (store.chats.has(ticket.id) && ticket.agentId !== store.me?.id) store.endChat(ticket.id);
    store.queue.set(ticket.id, ticket);
    store.changed();
  });
  socket.on('ticket:offered', (ticket) => {
    store.offers.set(ticket.id, ticket);
    store.queue.set(ticket.id, ticket);
    store.tell({ kind: 'offer', ticket });
    store.changed();
  });
  socket.on('ticket:offer_lapsed', ({ ticket, why }) => {
    if (store.offers.delete(ticket.id))
      store.tell({ kind: why === 'timeout' ? 'lapsedTimeout' : 'lapsedDeclined' });
    store.changed();
  });
  socket.on('ticket:assigned', async (ticket) => {
    store.queue.delete(ticket.id);
    if (store.offers.delete(ticket.id) && ticket.agentId !== store.me?.id)
      store.tell({ kind: 'taken' });
    if (ticket.agentId === store.me?.id && !store.chats.has(ticket.id))
      await store.loadContext(ticket);
    else if (store.chats.has(ticket.id)) store.upsert(ticket);
    store.changed();
  });
  socket.on('ticket:resolved', (ticket) =>
    store.endChat(
      ticket.id,
      store.chats.get(ticket.id)?.ended ? undefined : { kind: 'resolvedElsewhere' },
    ),
  );
  socket.on('ticket:abandoned', (ticket) => {
    store.queue.delete(ticket.id);
    if (store.offers.delete(ticket.id)) store.tell({ kind: 'abandoned' });
    store.changed();
  });
  socket.on('ticket:sla_breached', ({ ticket, kind }) => {
    if (store.chats.has(ticket.id)) store.upsert(ticket);
    if (store.queue.has(ticket.id)) store.queue.set(ticket.id, ticket);
    store.tell({ kind: 'breach', sla: kind });
    store.changed();
  });
  socket.on('presence:updated', ({ presence }) => {
    store.presence = presence;
    // ticket:list can be answered before the server has registered this connection's
    // presence, and then it carries no capacity; the first presence:updated says it is now.
    if (store.capacity === null) void store.refresh();
    store.changed();
  });
  // A supervisor's whisper: shown to this agent only, as a note in that chat.
  socket.on('whisper:received', (w) => {
    store.tell({ kind: 'whisper', from: w.from, text: w.text });
    const chat = store.chats.get(w.ticketId);
    if (!chat) return;
    const m: MessageView = {
      id: `whisper-${w.at}`,
      conversationId: w.conversationId,
      seq: Number.MAX_SAFE_INTEGER,
      sender: 'agent',
      clientMessageId: `whisper-${w.at}`,
      internal: true,
      text: `${w.from}: ${w.text}`,
      createdAt: w.at,
    };
    store.addMessage(chat, m);
  });
  socket.on('typing:updated', ({ conversationId, typing }) => {
    const chat = [...store.chats.values()].find((c) => c.ticket.conversationId === conversationId);
    if (!chat) return;
    chat.customerTypingAt = typing ? Date.now() : 0;
    store.changed();
  });
  socket.on('message:created', (m) => {
    const chat = [...store.chats.values()].find(
      (c) => c.ticket.conversationId === m.conversationId,
    );
    if (!chat || chat.messages.has(m.id)) return;
    if (chat.ticket.id !== store.active && m.sender === 'customer') chat.unread++;
    if (m.sender === 'customer') {
      chat.customerTypingAt = 0;
      store.tell({ kind: 'message', chat, message: m });
    }
    store.addMessage(chat, m);
  });
}
