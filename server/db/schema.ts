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
  /** JSON object of the facts behind the summary, for wording it in the reader's language. */
  params: string | null;
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

// Organisation (migration 20261129T1900) ------------------------------------------------------------

export interface PeopleTable {
  id: string;
  community_id: string;
  name: string;
  phone: string | null;
  gender: string | null;
  birth_year: number | null;
  household_id: string | null;
  user_id: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface OrganisationsTable {
  id: string;
  community_id: string;
  /** big_committee | compound_branch | building_group | joint_group */
  kind: string;
  name: string;
  /** The community (big committee), compound (branch, joint group) or building (building group). */
  place_id: string;
  parent_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  dissolved_at: Timestamp | null;
  dissolved_reason: string | null;
  merged_into_id: string | null;
}

export interface OrganisationBuildingsTable {
  organisation_id: string;
  building_id: string;
  community_id: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface PositionsTable {
  id: string;
  organisation_id: string;
  community_id: string;
  /** secretary | deputy_secretary | committee_member | group_leader | pioneer_post | partner_seat */
  title: string;
  person_id: string | null;
  partner_unit_id: string | null;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface PartyMembersTable {
  person_id: string;
  community_id: string;
  /** resident | in_service */
  kind: string;
  organisation_id: string | null;
  work_unit: string | null;
  joined_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface RedButlersTable {
  id: string;
  community_id: string;
  organisation_id: string | null;
  building_id: string | null;
  person_id: string;
  /** party_member | owners_committee | property_staff | resident */
  kind: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface OwnersCommitteeMembersTable {
  id: string;
  community_id: string;
  compound_id: string;
  person_id: string;
  /** chair | member */
  role: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface InstructorLinksTable {
  id: string;
  community_id: string;
  person_id: string;
  compound_id: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface ConsentsTable {
  id: string;
  community_id: string;
  person_id: string;
  /** light_up, … */
  purpose: string;
  text_version: string;
  granted_at: Timestamp;
  withdrawn_at: Timestamp | null;
  recorded_by: string | null;
}

export interface CentralHouseholdsTable {
  id: string;
  community_id: string;
  household_id: string;
  leader_person_id: string;
  organisation_id: string | null;
  title: string;
  /** Comma-separated services the household offers. */
  services: Generated<string>;
  motto: string | null;
  /** 0/1: whether the public card shows the leader's name. */
  show_name: Generated<number>;
  lit_at: Timestamp | null;
  consent_id: string | null;
  /** The unguessable id of the public card while lit (migration 20261129T2020); null when not lit. */
  card_token: string | null;
  /** 0/1: whether the card and the building page show the flat. */
  show_flat: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface CentralHouseholdLinksTable {
  central_household_id: string;
  household_id: string;
}

export interface LivingRoomsTable {
  id: string;
  community_id: string;
  place_id: string;
  name: string;
  area_m2: number;
  /** 0/1 */
  has_logo: Generated<number>;
  /** Comma-separated: meet, gather, benefit, read, showcase */
  functions: Generated<string>;
  hours: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface MeetingsTable {
  id: string;
  community_id: string;
  organisation_id: string | null;
  place_id: string;
  /** plenary | deliberation | evening | building */
  kind: string;
  title: string;
  held_at: Timestamp;
  created_at: Timestamp;
}

export interface PartnerUnitsTable {
  id: string;
  district_id: string;
  name: string;
  /** government | school | hospital | enterprise | social_org | other */
  kind: string;
  contact_name: string | null;
  contact_phone: string | null;
  address: string | null;
  party_org: string | null;
  description: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface PartnerUnitContactsTable {
  partner_unit_id: string;
  user_id: string;
}

export interface PairingsTable {
  id: string;
  partner_unit_id: string;
  place_id: string;
  community_id: string | null;
  note: string | null;
  started_on: string;
  ended_on: string | null;
  created_at: Timestamp;
}

export interface PartnerOffersTable {
  id: string;
  partner_unit_id: string;
  /** venue | resources | training | guidance | volunteers */
  kind: string;
  title: string;
  description: string | null;
  capacity: string | null;
  created_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface PartnerContributionsTable {
  id: string;
  partner_unit_id: string;
  place_id: string;
  community_id: string | null;
  occurred_on: string;
  title: string;
  description: string | null;
  outcome: string | null;
  people_count: number | null;
  hours: number | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** A short message a signed-in visitor leaves for a lit household's member through its card. */
export interface CardMessagesTable {
  id: string;
  central_household_id: string;
  community_id: string;
  from_user_id: string;
  body: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface DistrictSettingsTable {
  district_id: string;
  key: string;
  /** JSON */
  value: string;
  updated_at: Timestamp;
  updated_by: string | null;
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
  people: PeopleTable;
  organisations: OrganisationsTable;
  organisation_buildings: OrganisationBuildingsTable;
  positions: PositionsTable;
  party_members: PartyMembersTable;
  red_butlers: RedButlersTable;
  owners_committee_members: OwnersCommitteeMembersTable;
  instructor_links: InstructorLinksTable;
  consents: ConsentsTable;
  central_households: CentralHouseholdsTable;
  central_household_links: CentralHouseholdLinksTable;
  living_rooms: LivingRoomsTable;
  meetings: MeetingsTable;
  partner_units: PartnerUnitsTable;
  partner_unit_contacts: PartnerUnitContactsTable;
  pairings: PairingsTable;
  partner_offers: PartnerOffersTable;
  partner_contributions: PartnerContributionsTable;
  district_settings: DistrictSettingsTable;
  card_messages: CardMessagesTable;
}

export type PlaceRow = Selectable<PlacesTable>;
export type UserRow = Selectable<UsersTable>;
export type NewPlace = Insertable<PlacesTable>;
