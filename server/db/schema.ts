import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Timestamps are ISO 8601 strings in TypeScript on both dialects (text in SQLite, timestamptz in PostgreSQL). */
type Timestamp = ColumnType<string, string, string>;

export interface PlacesTable {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  /** Materialised path, "/rootId/…/id/": a subtree is a prefix match. */
  path: string;
  depth: number;
  community_id: string | null;
  archived_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  username: string | null;
  phone: string | null;
  phone_verified_at: Timestamp | null;
  display_name: string;
  password_hash: string | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
}

export interface GrantsTable {
  id: string;
  user_id: string;
  role: string;
  place_id: string | null;
  community_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface BindingsTable {
  id: string;
  user_id: string;
  household_id: string;
  community_id: string;
  status: string;
  note: string | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  place_id: string | null;
  place_path: string | null;
  community_id: string | null;
  summary: string;
  ip: string | null;
}

export interface SmsCodesTable {
  id: string;
  phone: string;
  purpose: string;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface ChannelMessagesTable {
  id: string;
  channel: string;
  recipient: string;
  body: string;
  created_at: Timestamp;
}

export interface Database {
  places: PlacesTable;
  users: UsersTable;
  sessions: SessionsTable;
  grants: GrantsTable;
  bindings: BindingsTable;
  audit_log: AuditLogTable;
  sms_codes: SmsCodesTable;
  login_failures: LoginFailuresTable;
  channel_messages: ChannelMessagesTable;
}

export type PlaceRow = Selectable<PlacesTable>;
export type UserRow = Selectable<UsersTable>;
export type NewPlace = Insertable<PlacesTable>;
