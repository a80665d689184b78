import { UseFilters } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { staffHandshake } from '../auth/staff-handshake';
import { WsErrorFilter } from '../common/ws-exception.filter';
import { Namespaces, Rooms, SupervisorCommands } from '../realtime/realtime.events';
import { refuseUnknownEvents } from '../realtime/unknown-events';

/** Supervisors' live feed (SLA breaches, agents' presence); live monitoring grows here. */
@WebSocketGateway({ namespace: Namespaces.supervisor })
@UseFilters(new WsErrorFilter())
export class SupervisorGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(private readonly auth: AuthService) {}

  afterInit(namespace: Namespace): void {
    namespace.use(staffHandshake(this.auth, 'supervisor'));
  }

  async handleConnection(client: Socket): Promise<void> {
    refuseUnknownEvents(client, SupervisorCommands);
    await client.join(Rooms.supervisors);
  }
}
