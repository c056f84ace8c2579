import { z } from 'zod';
import { LIMITS, PHONE_PATTERN } from '../limits.js';
import {
  ORGANISATION_KINDS,
  PARTY_MEMBER_KINDS,
  POSITION_TITLES,
  RED_BUTLER_KINDS,
} from '../organisation.js';
import { OWNERS_COMMITTEE_ROLES } from '../organisation-rules.js';
import { Id, Timestamp } from './common.js';

/** Requests and replies of the four-level organisation and its people (issue 3, SPEC.md §2). */

export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);
export const PositionTitleSchema = z.enum(POSITION_TITLES);
export const PartyMemberKindSchema = z.enum(PARTY_MEMBER_KINDS);
export const RedButlerKindSchema = z.enum(RED_BUTLER_KINDS);
export const OwnersCommitteeRoleSchema = z.enum(OWNERS_COMMITTEE_ROLES);

const Name = z.string().trim().min(1).max(LIMITS.placeName);
const Reason = z.string().trim().min(1).max(LIMITS.reason);
const Ref = z.object({ id: Id, name: z.string() });

export const OrganisationCounts = z.object({
  /** Live party members assigned to this organisation. */
  members: z.number().int(),
  /** Buildings it covers now (groups); for a branch or the big committee, those of its groups. */
  buildings: z.number().int(),
  centralHouseholds: z.number().int(),
  /** Required positions nobody holds (secretary; group leader and pioneer post of a group). */
  vacancies: z.number().int(),
  /** Live positions (seats), partner seats included. */
  seats: z.number().int(),
});

export const PositionView = z.object({
  id: Id,
  organisationId: Id,
  title: PositionTitleSchema,
  person: Ref.nullable(),
  partnerUnit: Ref.nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
});
export type PositionView = z.infer<typeof PositionView>;

export const CentralHouseholdView = z.object({
  id: Id,
  household: Ref,
  /** "颐景名苑 1幢 301室" */
  householdLabel: z.string(),
  leader: Ref,
  organisationId: Id.nullable(),
  title: z.string(),
  services: z.array(z.string()),
  lookedAfter: z.array(Ref.extend({ label: z.string() })),
  lit: z.boolean(),
  createdAt: Timestamp,
  endedAt: Timestamp.nullable(),
});
export type CentralHouseholdView = z.infer<typeof CentralHouseholdView>;

const OrganisationNodeBase = z.object({
  id: Id,
  kind: OrganisationKindSchema,
  level: z.number().int(),
  name: z.string(),
  place: Ref,
  parentId: Id.nullable(),
  buildings: z.array(Ref),
  /** Live holders by title, for a tree label ("先锋岗: 张海"). */
  holders: z.array(z.object({ title: PositionTitleSchema, name: z.string() })),
  vacancies: z.array(PositionTitleSchema),
  counts: OrganisationCounts,
  createdAt: Timestamp,
  dissolvedAt: Timestamp.nullable(),
  dissolvedReason: z.string().nullable(),
  mergedInto: Ref.nullable(),
  centralHouseholds: z.array(CentralHouseholdView),
});
/** The tree is three levels deep at most (committee → branch → group), so it is spelled out, not recursive. */
const GroupNode = OrganisationNodeBase.extend({ children: z.array(z.object({ id: Id })).max(0) });
const BranchNode = OrganisationNodeBase.extend({ children: z.array(GroupNode) });
export const OrganisationNode = OrganisationNodeBase.extend({ children: z.array(BranchNode) });
export interface OrganisationNodeView {
  id: string;
  kind: (typeof ORGANISATION_KINDS)[number];
  level: number;
  name: string;
  place: { id: string; name: string };
  parentId: string | null;
  buildings: { id: string; name: string }[];
  holders: { title: (typeof POSITION_TITLES)[number]; name: string }[];
  vacancies: (typeof POSITION_TITLES)[number][];
  counts: z.infer<typeof OrganisationCounts>;
  createdAt: string;
  dissolvedAt: string | null;
  dissolvedReason: string | null;
  mergedInto: { id: string; name: string } | null;
  centralHouseholds: CentralHouseholdView[];
  children: OrganisationNodeView[];
}

export const OrganisationTree = z.object({
  community: Ref,
  /** The big committee first; organisations whose parent is gone or missing follow. */
  roots: z.array(OrganisationNode),
  /** Central households of compounds without a group (level 4 hangs under nothing yet). */
  unattachedCentralHouseholds: z.array(CentralHouseholdView),
  totals: OrganisationCounts,
});

export const RedButlerView = z.object({
  id: Id,
  person: Ref,
  kind: RedButlerKindSchema,
  building: Ref.nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
});

export const OwnersCommitteeMemberView = z.object({
  id: Id,
  person: Ref,
  role: OwnersCommitteeRoleSchema,
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
});

export const OrganisationDetail = z.object({
  id: Id,
  kind: OrganisationKindSchema,
  level: z.number().int(),
  name: z.string(),
  place: Ref.extend({ kind: z.string() }),
  community: Ref,
  parent: Ref.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  dissolvedAt: Timestamp.nullable(),
  dissolvedReason: z.string().nullable(),
  mergedInto: Ref.nullable(),
  /** Groups merged into this one. */
  mergedFrom: z.array(Ref),
  positions: z.array(PositionView),
  vacancies: z.array(PositionTitleSchema),
  /** Coverage over time: live rows have endedAt null. */
  buildings: z.array(Ref.extend({ startedAt: Timestamp, endedAt: Timestamp.nullable() })),
  redButlers: z.array(RedButlerView),
  members: z.array(Ref.extend({ kind: PartyMemberKindSchema })),
  centralHouseholds: z.array(CentralHouseholdView),
  /** The compound's owners' committee, on a compound branch. */
  ownersCommittee: z.array(OwnersCommitteeMemberView).nullable(),
  counts: OrganisationCounts,
});
export type OrganisationDetailView = z.infer<typeof OrganisationDetail>;

export const OrganisationCreateBody = z.object({
  kind: OrganisationKindSchema,
  /** The community (big committee), compound (branch, joint group) or building (building group). */
  placeId: Id,
  name: Name,
  /** A joint group's buildings (all in its compound). */
  buildingIds: z.array(Id).max(200).optional(),
});
export const OrganisationChangeBody = z
  .object({ name: Name.optional(), buildingIds: z.array(Id).max(200).optional() })
  .refine((b) => b.name !== undefined || b.buildingIds !== undefined, 'Nothing to change.');
export const OrganisationMergeBody = z.object({ intoId: Id, reason: Reason.optional() });
export const OrganisationDissolveBody = z.object({ reason: Reason });
export const PositionAppointBody = z.object({
  title: PositionTitleSchema,
  personId: Id.optional(),
  partnerUnitId: Id.optional(),
});
export const RedButlerAddBody = z.object({
  personId: Id,
  kind: RedButlerKindSchema,
  buildingId: Id.optional(),
});
export const OwnersCommitteeAddBody = z.object({ personId: Id, role: OwnersCommitteeRoleSchema });
export const OwnersCommittee = z.object({
  compound: Ref,
  members: z.array(OwnersCommitteeMemberView),
});

export const CentralHouseholdCreateBody = z.object({
  householdId: Id,
  leaderPersonId: Id,
  title: Name,
  services: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  lookedAfterIds: z.array(Id).max(30).default([]),
});
export const CentralHouseholdChangeBody = z.object({
  leaderPersonId: Id.optional(),
  title: Name.optional(),
  services: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
  lookedAfterIds: z.array(Id).max(30).optional(),
});

// People

export const PartyMembershipView = z.object({
  kind: PartyMemberKindSchema,
  organisation: Ref.nullable(),
  workUnit: z.string().nullable(),
  joinedOn: z.string().nullable(),
});

export const PersonView = z.object({
  id: Id,
  communityId: Id,
  name: z.string(),
  /** Masked (138****0012) unless the caller serves the community or is the person. */
  phone: z.string().nullable(),
  gender: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  household: Ref.nullable(),
  householdLabel: z.string().nullable(),
  userId: Id.nullable(),
  note: z.string().nullable(),
  partyMember: PartyMembershipView.nullable(),
  /** Compounds an instructor is linked to now. */
  instructorOf: z.array(Ref),
  /** Live position titles, e.g. ["pioneer_post"]. */
  titles: z.array(PositionTitleSchema),
  archived: z.boolean(),
});
export type PersonView = z.infer<typeof PersonView>;

export const PersonRole = z.object({
  kind: z.enum(['position', 'red_butler', 'owners_committee', 'central_household']),
  id: Id,
  title: z.string(),
  organisation: Ref.nullable(),
  place: Ref.nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
});

export const InstructorLinkView = z.object({
  id: Id,
  compound: Ref,
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
});

export const PersonDetail = PersonView.extend({
  roles: z.array(PersonRole),
  instructorLinks: z.array(InstructorLinkView),
  /** The S3 limit in force for this person's district. */
  instructorMaxCompounds: z.number().int(),
});
export type PersonDetailView = z.infer<typeof PersonDetail>;

export const PeopleFilter = z.enum(['all', 'party_member', 'in_service', 'instructor', 'building_leader']);
export const PeopleQuery = z.object({
  q: z.string().trim().max(50).optional(),
  filter: PeopleFilter.default('all'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

const Phone = z.string().trim().regex(PHONE_PATTERN, 'an 11-digit mainland mobile number');
const PartyMembershipBody = z.object({
  kind: PartyMemberKindSchema,
  organisationId: Id.nullable().optional(),
  workUnit: z.string().trim().max(100).nullable().optional(),
  joinedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
});
export const PartyMembershipSetBody = PartyMembershipBody;

export const PersonCreateBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.displayName),
  phone: Phone.nullable().optional(),
  gender: z.enum(['female', 'male']).nullable().optional(),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  householdId: Id.nullable().optional(),
  userId: Id.nullable().optional(),
  note: z.string().trim().max(LIMITS.reason).nullable().optional(),
  partyMember: PartyMembershipBody.nullable().optional(),
});
export const PersonChangeBody = PersonCreateBody.omit({ partyMember: true }).partial();
export const InstructorLinkBody = z.object({ compoundId: Id });
