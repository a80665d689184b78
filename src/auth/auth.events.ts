/** Facts the auth module tells others (the access log, the socket watcher), in the past tense. */
export const AuthEvents = {
  loginLocked: 'auth.login_locked',
  sessionsEnded: 'auth.sessions_ended',
} as const;

export interface LoginLockedEvent {
  scope: 'user' | 'ip';
  /** As typed: it may name nobody. */
  username: string;
  ip: string;
  /** When the username is a staff member's. */
  staffId?: string;
  lockedForSeconds: number;
}

export interface SessionsEndedEvent {
  sessionIds: string[];
}
