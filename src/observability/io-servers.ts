import { Injectable } from '@nestjs/common';
import { Server } from 'socket.io';
import { Namespaces } from '../realtime/realtime.events';

/** The namespaces the gateways serve: customer, agent, supervisor. */
export const NAMESPACES = Object.values(Namespaces);

/**
 * The socket.io server(s) of this instance, registered by the adapter as they are created:
 * the metrics count their sockets per namespace, the shutdown closes their connections.
 */
@Injectable()
export class IoServers {
  private readonly servers: Server[] = [];

  add(server: Server): void {
    this.servers.push(server);
  }

  /** Sockets connected to this instance (not the cluster), in one namespace. */
  localSockets(namespace: string): number {
    return this.servers.reduce((sum, s) => sum + s.of(namespace).sockets.size, 0);
  }

  /**
   * Closes every connection of this instance at the transport level, without socket.io's
   * "server disconnect" packet: a client that sees only the transport close reconnects by
   * itself (through the load balancer, to another instance) and resumes its conversation; a
   * server disconnect would leave it disconnected for good. Returns how many were open.
   */
  closeLocalConnections(): number {
    const connections = new Set<{ close(): void }>();
    for (const server of this.servers) {
      for (const name of ['/', ...NAMESPACES]) {
        for (const socket of server.of(name).sockets.values()) connections.add(socket.conn);
      }
    }
    connections.forEach((connection) => connection.close());
    return connections.size;
  }
}
