import { UseFilters, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { Types } from 'mongoose';
import { Namespace, Socket } from 'socket.io';
import { DomainError } from '../common/domain-error';
import { toErrorBody } from '../common/error-mapping';
import { SendMessageDto } from '../common/send-message.dto';
import { createValidationPipe } from '../common/validation.pipe';
import { okAck } from '../common/ws-ack';
import { WsErrorFilter } from '../common/ws-exception.filter';
import { toConversationView, toMessageView } from '../conversations/conversation.views';
import { CustomerCommands, Namespaces, Rooms } from '../realtime/realtime.events';
import { refuseUnknownEvents } from '../realtime/unknown-events';
import { AdmissionService, AdmissionState } from './admission.service';
import { ChatService } from './chat.service';
import { LeaveCallbackDto } from './dto/leave-callback.dto';
import { ResumeConversationDto } from './dto/resume-conversation.dto';
import { TypingDto } from './dto/typing.dto';
import { StartConversationDto } from './dto/start-conversation.dto';
import { SubmitSurveyDto } from './dto/submit-survey.dto';

interface CustomerSocketData {
  conversationId?: string;
  admission?: AdmissionState;
  /** The client's address, as the limits per address count it. */
  address: string;
}

type CustomerSocket = Socket<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  CustomerSocketData
>;

/** The customer's chat: start or resume one conversation per socket, then send messages. */
@WebSocketGateway({ namespace: Namespaces.customer })
@UseFilters(new WsErrorFilter())
@UsePipes(createValidationPipe())
export class CustomerGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(
    private readonly chat: ChatService,
    private readonly admission: AdmissionService,
  ) {}

  /**
   * New sockets are counted per address before the handshake completes: past the limit the
   * client gets `connect_error` whose `data` is the RATE_LIMITED error body.
   */
  afterInit(namespace: Namespace): void {
    namespace.use((socket: CustomerSocket, next: (error?: Error) => void) => {
      socket.data.address = this.admission.addressOf(socket.handshake);
      this.admission.connection(socket.data.address).then(
        () => next(),
        (error: unknown) => {
          const body = toErrorBody(error);
          next(Object.assign(new Error(body.message), { data: body }));
        },
      );
    });
  }

  handleConnection(client: CustomerSocket): void {
    refuseUnknownEvents(client, CustomerCommands);
  }

  @SubscribeMessage('conversation:start')
  async start(
    @ConnectedSocket() client: CustomerSocket,
    @MessageBody() body: StartConversationDto,
  ) {
    await this.admit(client, (state) => this.admission.start(state, client.data.address));
    const { conversation, resumeToken, messages } = await this.admission.starting(() =>
      this.chat.start(body.language ?? 'zh', body.customerName),
    );
    await this.attach(client, conversation.id as string);
    return okAck({
      conversation: toConversationView(conversation),
      resumeToken,
      messages: messages.map(toMessageView),
    });
  }

  @SubscribeMessage('typing:set')
  async typing(@ConnectedSocket() client: CustomerSocket, @MessageBody() body: TypingDto) {
    await this.admit(client, (state) => this.admission.typing(state));
    this.chat.typing(this.conversationOf(client), body.typing);
    return okAck({});
  }

  @SubscribeMessage('conversation:resume')
  async resume(
    @ConnectedSocket() client: CustomerSocket,
    @MessageBody() body: ResumeConversationDto,
  ) {
    await this.admit(client, (state) => this.admission.resume(state));
    const { conversation, messages } = await this.chat.resume(body.resumeToken);
    await this.attach(client, conversation.id as string);
    this.chat.returned(conversation.id as string, conversation.status);
    return okAck({
      conversation: toConversationView(conversation),
      messages: messages.map(toMessageView),
    });
  }

  @SubscribeMessage('message:send')
  async send(@ConnectedSocket() client: CustomerSocket, @MessageBody() body: SendMessageDto) {
    await this.admit(client, (state) => this.admission.message(state, client.data.address));
    const { message, duplicate } = await this.chat.receive(
      this.conversationOf(client),
      body.clientMessageId,
      body.text,
    );
    return okAck({ message: toMessageView(message), duplicate });
  }

  @SubscribeMessage('queue:leave')
  async leaveQueue(@ConnectedSocket() client: CustomerSocket) {
    const ticket = await this.chat.leaveQueue(this.conversationOf(client));
    return okAck({ ticketId: ticket.id as string });
  }

  @SubscribeMessage('callback:leave')
  async leaveCallback(
    @ConnectedSocket() client: CustomerSocket,
    @MessageBody() body: LeaveCallbackDto,
  ) {
    const ticket = await this.chat.leaveCallback(
      this.conversationOf(client),
      body.phone,
      body.message,
    );
    return okAck({ ticketId: ticket.id as string });
  }

  @SubscribeMessage('survey:submit')
  async submitSurvey(
    @ConnectedSocket() client: CustomerSocket,
    @MessageBody() body: SubmitSurveyDto,
  ) {
    await this.chat.rate(this.conversationOf(client), body.ticketId, {
      agent: body.agentRating,
      ...(body.botRating !== undefined && { bot: body.botRating }),
      ...(body.comment !== undefined && { comment: body.comment }),
    });
    return okAck({});
  }

  /** Runs an admission check; a socket found abusive is closed once its refusal is answered. */
  private async admit(
    client: CustomerSocket,
    check: (state: AdmissionState) => Promise<void> | void,
  ): Promise<void> {
    const state = (client.data.admission ??= {});
    try {
      await check(state);
    } catch (error) {
      if (state.abusive) setImmediate(() => client.disconnect(true));
      throw error;
    }
  }

  private conversationOf(client: CustomerSocket): Types.ObjectId {
    const conversationId = client.data.conversationId;
    if (!conversationId) throw new DomainError('CONFLICT', 'Start or resume a conversation first');
    return new Types.ObjectId(conversationId);
  }

  private async attach(client: CustomerSocket, conversationId: string): Promise<void> {
    if (client.data.conversationId && client.data.conversationId !== conversationId) {
      await client.leave(Rooms.conversation(client.data.conversationId));
    }
    client.data.conversationId = conversationId;
    await client.join(Rooms.conversation(conversationId));
  }
}
