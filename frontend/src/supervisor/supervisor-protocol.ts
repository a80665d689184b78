// What the supervisor desk reads from the server: types from src/ (type-only, nothing of the
// server is bundled), plus the HTTP answers the server returns as plain objects.
import type { AccessLogEntry } from '../../../src/audit/access-log.schema';
import type { LiveItem, BoardAlerts } from '../../../src/audit/monitor-board';
import type { MonitorSnapshot } from '../../../src/audit/monitor.service';
import type { GroupBy, ReportRow } from '../../../src/audit/reports/reports.service';
import type { TextGroup } from '../../../src/audit/reports/report-math';
import type {
  TranscriptHit,
  TranscriptSearchPage,
} from '../../../src/audit/search/transcript-search.service';
import type { StormChangedEvent } from '../../../src/incidents/incident.events';
import type { SupervisorServerEvents as ServerEvents } from '../../../src/realtime/realtime.events';
import type {
  ConversationView,
  Incident,
  MessageView,
  StaffView,
  TicketView,
  Wire,
} from '../shared/protocol';

export type {
  BoardAlerts,
  GroupBy,
  LiveItem,
  MonitorSnapshot,
  ReportRow,
  TextGroup,
  TranscriptHit,
  TranscriptSearchPage,
};

export type { Incident, Wire };
export type StormChange = Wire<StormChangedEvent>;

/** The server's supervisor events, with the board and incidents as the page receives them. */
export type SupervisorEvents = Omit<
  ServerEvents,
  'monitor:updated' | 'incident:updated' | 'incident:storm_changed'
> & {
  'monitor:updated': (board: MonitorSnapshot) => void;
  'incident:updated': (incident: Incident) => void;
  'incident:storm_changed': (storm: StormChange) => void;
};

/** Staff as /auth/login returns them: with the permissions (`unmask`). */
export type SupervisorStaff = StaffView & { permissions: string[] };

/** GET /transcripts/:id */
export interface Transcript {
  conversation: ConversationView;
  messages: MessageView[];
  tickets: TicketView[];
}

/** One row of GET /audit/access-log. */
export type AccessEntry = Wire<Omit<AccessLogEntry, 'reason'>> & { reason?: string };

/** Every supervisor command (src/audit/supervisor.gateway.ts) with its payload and ok ack. */
export interface SupervisorCommandMap {
  'monitor:snapshot': [Record<string, never>, MonitorSnapshot];
  'conversation:watch': [{ conversationId: string }, { conversationId: string }];
  'conversation:unwatch': [{ conversationId: string }, Record<string, never>];
  'agent:whisper': [{ ticketId: string; text: string }, Record<string, never>];
}
