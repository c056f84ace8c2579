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

// Needs, notifications, jobs, Open311 keys (migration 20261130T0900) --------------------------------

export interface NeedsTable {
  id: string;
  district_id: string;
  community_id: string;
  /** The household, or a spot (building, compound) the need is about. */
  place_id: string;
  /** The place's materialised path, so a subtree's needs are a prefix match. */
  place_path: string;
  compound_id: string | null;
  building_id: string | null;
  household_id: string | null;
  /** A category code from the district's need settings. */
  category: string;
  description: string;
  /** normal | urgent */
  urgency: string;
  quantity: number | null;
  quantity_unit: string | null;
  /** domain/needs.ts NEED_STATUSES */
  status: string;
  /** domain/needs.ts NEED_AUDIENCES: how far the need has reached. */
  audience: string;
  /** The resident the need is for, when she has an account. */
  resident_user_id: string | null;
  /** The resident the need is for, when staff or a leader posted for someone without a phone. */
  resident_person_id: string | null;
  posted_by: string | null;
  /** app | staff | open311 */
  source: string;
  helpers_needed: Generated<number>;
  /** Active claims; claims race on this counter (helpers_claimed < helpers_needed). */
  helpers_claimed: Generated<number>;
  convened_at: Timestamp | null;
  partner_unit_id: string | null;
  /** How many ladder rungs have fired. */
  escalation_level: Generated<number>;
  escalated_at: Timestamp | null;
  rating: number | null;
  thanks: string | null;
  reopen_count: Generated<number>;
  lat: number | null;
  long: number | null;
  /** Private contact of an Open311 submitter; never in public output. */
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  claimed_at: Timestamp | null;
  done_at: Timestamp | null;
  confirmed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
}

export interface NeedEventsTable {
  id: string;
  need_id: string;
  community_id: string;
  at: Timestamp;
  actor_id: string | null;
  /** posted, convened, claimed, … (contracts NeedEventKind) */
  kind: string;
  /** JSON facts for wording the event in the reader's language. */
  params: string | null;
}

export interface NeedClaimsTable {
  id: string;
  need_id: string;
  community_id: string;
  user_id: string;
  assigned_by: string | null;
  claimed_at: Timestamp;
  withdrawn_at: Timestamp | null;
}

export interface NeedServiceLogsTable {
  id: string;
  need_id: string;
  community_id: string;
  user_id: string;
  at: Timestamp;
  note: string | null;
  hours: Generated<number>;
  outside_helpers: Generated<number>;
  items_handled: Generated<number>;
}

export interface NeedPhotosTable {
  id: string;
  /** Null until the photo is attached to a need it was uploaded for. */
  need_id: string | null;
  log_id: string | null;
  community_id: string | null;
  uploaded_by: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: Timestamp;
}

export interface NeedSupportersTable {
  need_id: string;
  user_id: string;
  household_id: string | null;
  at: Timestamp;
}

export interface NeedFollowUpsTable {
  id: string;
  need_id: string;
  community_id: string;
  assignee_id: string;
  due_at: Timestamp;
  note: string;
  created_by: string;
  created_at: Timestamp;
  reminded_at: Timestamp | null;
  done_at: Timestamp | null;
  outcome: string | null;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  /** need_posted, need_urgent, need_escalated, need_claimed, … (contracts NotificationKind) */
  kind: string;
  need_id: string | null;
  /** Where the web app opens it, e.g. /needs/ID. */
  link: string | null;
  /** JSON facts for wording it in the reader's language. */
  params: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface JobsTable {
  id: string;
  /** need.escalate | need.auto_confirm | need.follow_up … */
  kind: string;
  ref_id: string;
  /** JSON */
  payload: string | null;
  run_at: Timestamp;
  /** pending | done | cancelled | failed */
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  done_at: Timestamp | null;
  /** Which instance ran it (for the exactly-once test and the operator). */
  done_by: string | null;
}

export interface Open311KeysTable {
  id: string;
  name: string;
  /** sha256 of the key; the key itself is shown once. */
  key_hash: string;
  district_id: string | null;
  /** Where it was issued (a community, street or district); null for a key from the CLI. */
  place_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** A need posted through Open311: which key posted it and what the partner app sent beside it (20261130T1230). */
export interface Open311RequestsTable {
  need_id: string;
  key_id: string;
  district_id: string;
  media_url: string | null;
  account_id: string | null;
  device_id: string | null;
  created_at: Timestamp;
}

// Whistle and report (migration 20261130T1000) -----------------------------------------------------

export interface MemberReportsTable {
  id: string;
  community_id: string;
  /** The community's path, so a subtree's members are a prefix match. */
  community_path: string;
  user_id: string;
  /** The people row made on approval. */
  person_id: string | null;
  /** pending | approved | returned | withdrawn | ended (domain/members.ts) */
  status: string;
  work_unit: string;
  work_unit_party_org: string | null;
  /** JSON array of strings */
  skills: Generated<string>;
  availability: string | null;
  note: string | null;
  reason: string | null;
  previous_report_id: string | null;
  submitted_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  confirmed_at: Timestamp | null;
  confirm_due_at: Timestamp | null;
  ended_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface PostsTable {
  id: string;
  community_id: string;
  community_path: string;
  /** The default's code (domain DEFAULT_POSTS) or null for a community's own. */
  code: string | null;
  name: string;
  description: string | null;
  capacity: number;
  /** Approved, not-left claims; approvals race on holders < capacity. */
  holders: Generated<number>;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface PostClaimsTable {
  id: string;
  post_id: string;
  community_id: string;
  community_path: string;
  user_id: string;
  /** pending | approved | rejected | left */
  status: string;
  note: string | null;
  reason: string | null;
  claimed_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  left_at: Timestamp | null;
}

export interface PostServiceLogsTable {
  id: string;
  claim_id: string;
  post_id: string;
  community_id: string;
  user_id: string;
  at: Timestamp;
  hours: number;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WhistlesTable {
  id: string;
  community_id: string;
  place_id: string;
  place_path: string;
  title: string;
  description: string | null;
  where_text: string | null;
  happens_at: Timestamp;
  arrive_by: Timestamp;
  people_needed: number;
  /** JSON array of strings */
  skills: Generated<string>;
  /** JSON: { reportedMembers, partnerUnitIds, redButlerCompoundIds } */
  audience: string;
  need_id: string | null;
  /** open | closed */
  status: string;
  blown_by: string | null;
  blown_at: Timestamp;
  closed_at: Timestamp | null;
  closed_note: string | null;
  updated_at: Timestamp;
}

export interface WhistleCallsTable {
  id: string;
  whistle_id: string;
  community_id: string;
  /** The whistle's place path, so a subtree's answers are a prefix match. */
  place_path: string;
  user_id: string;
  /** reported_member | partner_unit | red_butler */
  via: string;
  partner_unit_id: string | null;
  /** pending | coming | cannot */
  answer: string;
  answered_at: Timestamp | null;
  note: string | null;
  arrived_at: Timestamp | null;
  minutes_to_arrive: number | null;
  done_at: Timestamp | null;
  done_note: string | null;
  created_at: Timestamp;
}

export interface SmallMattersTable {
  id: string;
  community_id: string;
  place_id: string;
  place_path: string;
  user_id: string;
  title: string;
  description: string | null;
  where_text: string | null;
  /** YYYY-MM-DD */
  occurred_on: string;
  /** pending | verified | queried | withdrawn */
  status: string;
  reason: string | null;
  /** 0/1: shown on the community wall (verified only). */
  on_wall: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
}

export interface SmallMatterPhotosTable {
  small_matter_id: string;
  /** The bytes live in need_photos. */
  photo_id: string;
  /** before | after */
  stage: string;
  position: number;
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
  needs: NeedsTable;
  need_events: NeedEventsTable;
  need_claims: NeedClaimsTable;
  need_service_logs: NeedServiceLogsTable;
  need_photos: NeedPhotosTable;
  need_supporters: NeedSupportersTable;
  need_follow_ups: NeedFollowUpsTable;
  notifications: NotificationsTable;
  jobs: JobsTable;
  open311_keys: Open311KeysTable;
  member_reports: MemberReportsTable;
  posts: PostsTable;
  post_claims: PostClaimsTable;
  post_service_logs: PostServiceLogsTable;
  whistles: WhistlesTable;
  whistle_calls: WhistleCallsTable;
  small_matters: SmallMattersTable;
  small_matter_photos: SmallMatterPhotosTable;
  open311_requests: Open311RequestsTable;
}

export type PlaceRow = Selectable<PlacesTable>;
export type UserRow = Selectable<UsersTable>;
export type NewPlace = Insertable<PlacesTable>;
