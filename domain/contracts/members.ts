import { z } from 'zod';
import {
  MEMBER_LIMITS,
  POST_CLAIM_STATUSES,
  REPORT_STATUSES,
  SMALL_MATTER_STATUSES,
  WHISTLE_ANSWERS,
  WHISTLE_STATUSES,
  WHISTLE_VIA,
} from '../members.js';
import { Id, PageQuery, Timestamp } from './common.js';
import { PlaceCrumb } from './places.js';

/**
 * Whistle and report (C2): in-service members report in (报到) to their residential community, take
 * one of the ten posts (十大岗位), answer whistles (吹哨), record small matters (身边小事); their
 * service records and the headline counts of a place (C7).
 *
 * Routes (all under /api/v1; ":placeId" of a community unless said otherwise):
 *   report-in   GET  /report-in/communities → ReportableCommunities           (any signed-in user)
 *               POST /member-reports ReportInBody → 201 MemberReport          (any signed-in user)
 *               GET  /me/member-reports → MemberReportList
 *               GET  /member-reports/:id → MemberReport                       (her, or staff)
 *               PATCH /member-reports/:id ReportEditBody → MemberReport       (her; pending/returned)
 *               POST /member-reports/:id/withdraw | /confirm → MemberReport   (her)
 *               POST /member-reports/:id/move ReportMoveBody → 201 MemberReport (the new one)
 *               POST /member-reports/:id/approve → MemberReport               (members.manage)
 *               POST /member-reports/:id/return ReturnBody → MemberReport     (members.manage)
 *               GET  /places/:placeId/member-reports MemberReportQuery → MemberReportList (members.read)
 *               GET  /places/:placeId/member-settings → MemberSettings         (members.read; any place)
 *               PUT  /places/:placeId/member-settings MemberSettingsBody      (settings.manage; its district)
 *   posts       GET  /places/:placeId/posts PostListQuery → PostList          (staff, or anyone of the community)
 *               POST /places/:placeId/posts PostBody → 201 Post               (members.manage)
 *               PATCH /posts/:id PostPatchBody → Post                         (members.manage)
 *               POST /posts/:id/claims ClaimPostBody → 201 PostClaim          (a party member of the community)
 *               GET  /me/post-claims → PostClaimList
 *               GET  /places/:placeId/post-claims PostClaimQuery → PostClaimList (members.read)
 *               POST /post-claims/:id/approve → PostClaim                     (members.manage)
 *               POST /post-claims/:id/reject ReturnBody → PostClaim           (members.manage)
 *               POST /post-claims/:id/leave → PostClaim                       (her, or staff)
 *               POST /post-claims/:id/logs PostServiceLogBody → 201 PostServiceLog (her, or staff)
 *               GET  /post-claims/:id/logs → PostServiceLogList
 *   whistles    GET  /places/:placeId/whistle-audiences → WhistleAudienceOptions (whistles.manage)
 *               POST /places/:placeId/whistles BlowWhistleBody → 201 WhistleDetail (whistles.manage)
 *               GET  /places/:placeId/whistles WhistleQuery → WhistleList     (members.read)
 *               GET  /me/whistles WhistleQuery → WhistleList                  (the whistles she was called to)
 *               GET  /whistles/:id → WhistleDetail                            (staff: whole board; called: own row)
 *               POST /whistles/:id/answer AnswerWhistleBody → WhistleDetail
 *               POST /whistles/:id/check-in → WhistleDetail
 *               POST /whistles/:id/done WhistleDoneBody → WhistleDetail
 *               POST /whistles/:id/close CloseWhistleBody → WhistleDetail     (whistles.manage)
 *   small matters  (photos: upload with POST /need-photos first, then pass the ids)
 *               POST /small-matters SmallMatterBody → 201 SmallMatter         (a party member of the community)
 *               GET  /me/small-matters SmallMatterQuery → SmallMatterList
 *               GET  /places/:placeId/small-matters SmallMatterQuery → SmallMatterList (members.read)
 *               GET  /small-matters/:id → SmallMatter; PATCH SmallMatterPatchBody (her)
 *               POST /small-matters/:id/withdraw (her) | /verify (members.manage) | /query ReturnBody (members.manage)
 *               POST /small-matters/:id/wall WallBody → SmallMatter           (her; verified only)
 *               GET  /small-matters/:id/photos/:photoId → image bytes
 *               GET  /places/:placeId/small-matters/wall PageQuery → Wall     (anyone of the community)
 *   records     GET  /me/service-record ServiceRecordQuery → ServiceRecord; /me/service-record.xlsx; .pdf
 *               GET  /places/:placeId/members/:userId/service-record (+ .xlsx, .pdf) (members.read)
 *               GET  /places/:placeId/work-unit-summary WorkUnitSummaryQuery → WorkUnitSummary; .xlsx (members.read)
 *   stats       GET  /places/:placeId/stats → PlaceStats  (any place the caller's grants reach; residents: their community and below)
 */

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const Skill = z.string().trim().min(1).max(MEMBER_LIMITS.skill);
const DateTime = Timestamp.refine((v) => !Number.isNaN(Date.parse(v)), 'not a date and time');
/** A calendar date, YYYY-MM-DD. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const Person = z.object({ id: Id, name: z.string() });

/** Communities a member may report in to, with their street and district for choosing. */
export const ReportableCommunities = z.object({
  items: z.array(
    z.object({ id: Id, name: z.string(), street: z.string().nullable(), district: z.string().nullable() }),
  ),
});

export const ReportStatusSchema = z.enum(REPORT_STATUSES);
export const PostClaimStatusSchema = z.enum(POST_CLAIM_STATUSES);
export const WhistleStatusSchema = z.enum(WHISTLE_STATUSES);
export const WhistleAnswerSchema = z.enum(WHISTLE_ANSWERS);
export const WhistleViaSchema = z.enum(WHISTLE_VIA);
export const SmallMatterStatusSchema = z.enum(SMALL_MATTER_STATUSES);

// Reporting in (报到) ------------------------------------------------------------------------------

export const ReportInBody = z.object({
  /** The residential community she reports to. */
  communityId: Id,
  workUnit: Text(MEMBER_LIMITS.workUnit),
  /** The party organisation of her work unit (e.g. 台州市某局机关党委). */
  workUnitPartyOrg: OptionalText(MEMBER_LIMITS.workUnit),
  skills: z.array(Skill).max(MEMBER_LIMITS.skills).default([]),
  /** When she is free, in her own words (e.g. "weekends, weekday evenings"). */
  availability: OptionalText(MEMBER_LIMITS.availability),
  note: OptionalText(MEMBER_LIMITS.note),
});
export type ReportInBody = z.infer<typeof ReportInBody>;

/** Changing a pending or returned report (a returned one goes back to pending). */
export const ReportEditBody = ReportInBody.omit({ communityId: true });

/** Moving to another community: a new report there; the old one ends when the new one is approved. */
export const ReportMoveBody = ReportInBody;

export const MemberReport = z.object({
  id: Id,
  community: PlaceCrumb,
  member: Person,
  /** Masked ("138****5678") except for the member herself and the community's staff. */
  phone: z.string().nullable(),
  status: ReportStatusSchema,
  workUnit: z.string(),
  workUnitPartyOrg: z.string().nullable(),
  skills: z.array(z.string()),
  availability: z.string().nullable(),
  note: z.string().nullable(),
  /** Why staff returned it (status returned). */
  reason: z.string().nullable(),
  submittedAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  decidedBy: Person.nullable(),
  /** When she last confirmed (approval counts as the first confirmation). */
  confirmedAt: Timestamp.nullable(),
  /** When she is asked to confirm again (approved reports only). */
  confirmDueAt: Timestamp.nullable(),
  confirmDue: z.boolean(),
  endedAt: Timestamp.nullable(),
  /** The report she moved from (ends when this one is approved). */
  previousReportId: Id.nullable(),
  /** What the caller may do now: edit, withdraw, move, confirm, approve, return. */
  actions: z.array(z.enum(['edit', 'withdraw', 'move', 'confirm', 'approve', 'return'])),
});
export type MemberReport = z.infer<typeof MemberReport>;

export const MemberReportList = z.object({ items: z.array(MemberReport), nextCursor: z.string().nullable() });

export const MemberReportQuery = PageQuery.extend({
  status: ReportStatusSchema.optional(),
  /** Only approved reports whose confirmation is due. */
  due: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** Search by name or work unit. */
  q: z.string().trim().max(40).optional(),
});

export const ReturnBody = z.object({ reason: Text(MEMBER_LIMITS.reason) });

export const MemberSettings = z.object({
  /** Approved members are asked to confirm again after this many months. */
  confirmEveryMonths: z.number().int().min(1).max(36),
  updatedAt: Timestamp.nullable(),
});
export const MemberSettingsBody = MemberSettings.omit({ updatedAt: true });

// The ten posts (十大岗位) -------------------------------------------------------------------------

export const PostBody = z.object({
  name: Text(MEMBER_LIMITS.postName),
  description: OptionalText(MEMBER_LIMITS.postDescription),
  capacity: z.number().int().min(1).max(MEMBER_LIMITS.capacityMax),
});
export const PostPatchBody = z.object({
  name: Text(MEMBER_LIMITS.postName).optional(),
  description: OptionalText(MEMBER_LIMITS.postDescription),
  /** Cannot go below the members holding it now (POST_CAPACITY_BELOW_HOLDERS). */
  capacity: z.number().int().min(1).max(MEMBER_LIMITS.capacityMax).optional(),
  archived: z.boolean().optional(),
});

export const Post = z.object({
  id: Id,
  communityId: Id,
  /** The default's code (civilised_customs, …; web words it from posts.code.<code>) or null for a community's own. */
  code: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  capacity: z.number().int(),
  /** Members holding it (approved claims). */
  holders: z.number().int(),
  pendingClaims: z.number().int(),
  archived: z.boolean(),
  sortOrder: z.number().int(),
  /** The caller's own claim on it, if any that is not over. */
  myClaim: z.object({ id: Id, status: PostClaimStatusSchema }).nullable(),
  holderNames: z.array(z.string()),
});
export type Post = z.infer<typeof Post>;
export const PostList = z.object({ items: z.array(Post) });
export const PostListQuery = z.object({
  includeArchived: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const ClaimPostBody = z.object({ note: OptionalText(MEMBER_LIMITS.note) });

export const PostClaim = z.object({
  id: Id,
  post: z.object({ id: Id, name: z.string(), code: z.string().nullable() }),
  communityId: Id,
  member: Person,
  status: PostClaimStatusSchema,
  note: z.string().nullable(),
  reason: z.string().nullable(),
  claimedAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  leftAt: Timestamp.nullable(),
  hours: z.number(),
  actions: z.array(z.enum(['approve', 'reject', 'leave', 'log'])),
});
export type PostClaim = z.infer<typeof PostClaim>;
export const PostClaimList = z.object({ items: z.array(PostClaim), nextCursor: z.string().nullable() });
export const PostClaimQuery = PageQuery.extend({
  status: PostClaimStatusSchema.optional(),
  postId: Id.optional(),
});

export const PostServiceLogBody = z.object({
  hours: z.number().gt(0).max(MEMBER_LIMITS.hoursMax),
  /** When the service was done; default now. */
  at: DateTime.optional(),
  note: OptionalText(MEMBER_LIMITS.note),
});
export const PostServiceLog = z.object({
  id: Id,
  claimId: Id,
  postName: z.string(),
  member: Person,
  at: Timestamp,
  hours: z.number(),
  note: z.string().nullable(),
});
export const PostServiceLogList = z.object({ items: z.array(PostServiceLog) });

// The whistle (吹哨) -------------------------------------------------------------------------------

export const WhistleAudienceBody = z
  .object({
    /** Every member reported in (approved) to the community. */
    reportedMembers: z.boolean().default(false),
    /** Partner units paired with the community or its street; their contacts are called. */
    partnerUnitIds: z.array(Id).max(20).default([]),
    /** Compounds of the community whose red butlers are called. */
    redButlerCompoundIds: z.array(Id).max(50).default([]),
  })
  .refine((a) => a.reportedMembers || a.partnerUnitIds.length > 0 || a.redButlerCompoundIds.length > 0, {
    message: 'choose at least one audience',
  });

export const BlowWhistleBody = z.object({
  title: Text(MEMBER_LIMITS.whistleTitle),
  description: OptionalText(MEMBER_LIMITS.whistleDescription),
  /** A place in the community (compound, building, …) or the community itself. */
  placeId: Id,
  /** Free words for where exactly (e.g. "north gate"). */
  where: OptionalText(MEMBER_LIMITS.where),
  /** When the matter happens / starts. */
  happensAt: DateTime,
  peopleNeeded: z.number().int().min(1).max(MEMBER_LIMITS.peopleMax),
  skills: z.array(Skill).max(MEMBER_LIMITS.skills).default([]),
  /** Arrive by this time; minutes to arrive are counted from the whistle. */
  arriveBy: DateTime,
  audience: WhistleAudienceBody,
});
export type BlowWhistleBody = z.infer<typeof BlowWhistleBody>;

export const WhistleAudienceView = z.object({
  reportedMembers: z.boolean(),
  partnerUnits: z.array(z.object({ id: Id, name: z.string() })),
  redButlerCompounds: z.array(PlaceCrumb),
});

/** What staff may choose from when blowing a whistle on a community. */
export const WhistleAudienceOptions = z.object({
  reportedMembers: z.number().int(),
  partnerUnits: z.array(z.object({ id: Id, name: z.string(), contacts: z.number().int() })),
  compounds: z.array(PlaceCrumb.extend({ redButlers: z.number().int() })),
});

export const WhistleCounts = z.object({
  called: z.number().int(),
  coming: z.number().int(),
  cannot: z.number().int(),
  unanswered: z.number().int(),
  arrived: z.number().int(),
  done: z.number().int(),
});

export const WhistleSummary = z.object({
  id: Id,
  communityId: Id,
  title: z.string(),
  place: PlaceCrumb,
  placeLabel: z.string(),
  where: z.string().nullable(),
  happensAt: Timestamp,
  arriveBy: Timestamp,
  peopleNeeded: z.number().int(),
  skills: z.array(z.string()),
  status: WhistleStatusSchema,
  /** The need the ladder blew it for, if any. */
  needId: Id.nullable(),
  blownAt: Timestamp,
  blownBy: Person.nullable(),
  closedAt: Timestamp.nullable(),
  counts: WhistleCounts,
  medianMinutesToArrive: z.number().nullable(),
  /** The caller's own call, when she was called. */
  myCall: z
    .object({
      answer: WhistleAnswerSchema,
      arrivedAt: Timestamp.nullable(),
      doneAt: Timestamp.nullable(),
    })
    .nullable(),
});
export type WhistleSummary = z.infer<typeof WhistleSummary>;

export const WhistleCall = z.object({
  id: Id,
  person: Person,
  /** Why she was called. */
  via: WhistleViaSchema,
  /** The partner unit she was called for (via partner_unit). */
  partnerUnit: z.object({ id: Id, name: z.string() }).nullable(),
  answer: WhistleAnswerSchema,
  answeredAt: Timestamp.nullable(),
  note: z.string().nullable(),
  arrivedAt: Timestamp.nullable(),
  /** From the whistle to her arrival. */
  minutesToArrive: z.number().nullable(),
  /** Arrived after the arrive-by time. */
  late: z.boolean(),
  doneAt: Timestamp.nullable(),
  doneNote: z.string().nullable(),
});

export const WhistleDetail = WhistleSummary.extend({
  description: z.string().nullable(),
  audience: WhistleAudienceView,
  /** The board: everyone called (staff); a called person sees only her own row. */
  calls: z.array(WhistleCall),
  closedNote: z.string().nullable(),
  actions: z.array(z.enum(['answer', 'check_in', 'done', 'close'])),
});
export type WhistleDetail = z.infer<typeof WhistleDetail>;

export const WhistleList = z.object({ items: z.array(WhistleSummary), nextCursor: z.string().nullable() });
export const WhistleQuery = PageQuery.extend({ status: WhistleStatusSchema.optional() });

export const AnswerWhistleBody = z.object({
  answer: z.enum(['coming', 'cannot']),
  note: OptionalText(MEMBER_LIMITS.note),
});
export const WhistleDoneBody = z.object({ note: OptionalText(MEMBER_LIMITS.note) });
export const CloseWhistleBody = z.object({ note: OptionalText(MEMBER_LIMITS.note) });

// Small matters (身边小事) -------------------------------------------------------------------------

export const SmallMatterBody = z.object({
  /** Where: a place in her community (compound, building, …). */
  placeId: Id,
  /** What she fixed, briefly (e.g. "bare green strip replanted"). */
  title: Text(MEMBER_LIMITS.smallMatterTitle),
  description: OptionalText(MEMBER_LIMITS.smallMatterDescription),
  /** Free words for the exact spot. */
  where: OptionalText(MEMBER_LIMITS.where),
  occurredOn: Day,
  /** Photos uploaded first with POST /api/v1/need-photos. */
  beforePhotoIds: z.array(Id).max(MEMBER_LIMITS.photos).default([]),
  afterPhotoIds: z.array(Id).max(MEMBER_LIMITS.photos).default([]),
});
export type SmallMatterBody = z.infer<typeof SmallMatterBody>;
/** Changing a pending or queried small matter (a queried one goes back to pending). */
export const SmallMatterPatchBody = SmallMatterBody.partial();

export const SmallMatterPhoto = z.object({
  id: Id,
  /** GET it with the caller's session: /api/v1/small-matters/{id}/photos/{photoId}. */
  url: z.string(),
  stage: z.enum(['before', 'after']),
  contentType: z.string(),
});

export const SmallMatter = z.object({
  id: Id,
  communityId: Id,
  member: Person,
  place: PlaceCrumb,
  placeLabel: z.string(),
  where: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  occurredOn: z.string(),
  status: SmallMatterStatusSchema,
  /** Why staff queried it. */
  reason: z.string().nullable(),
  photos: z.array(SmallMatterPhoto),
  onWall: z.boolean(),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  decidedBy: Person.nullable(),
  actions: z.array(z.enum(['edit', 'withdraw', 'verify', 'query', 'show_on_wall', 'hide_from_wall'])),
});
export type SmallMatter = z.infer<typeof SmallMatter>;
export const SmallMatterList = z.object({ items: z.array(SmallMatter), nextCursor: z.string().nullable() });
export const SmallMatterQuery = PageQuery.extend({ status: SmallMatterStatusSchema.optional() });
export const WallBody = z.object({ show: z.boolean() });

/** The community wall: verified small matters their members chose to show. */
export const WallItem = z.object({
  id: Id,
  memberName: z.string(),
  placeLabel: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  occurredOn: z.string(),
  photos: z.array(SmallMatterPhoto),
  verifiedAt: Timestamp,
});
export const Wall = z.object({
  community: PlaceCrumb,
  items: z.array(WallItem),
  nextCursor: z.string().nullable(),
});

export const SmallMatterPhotoParams = z.object({ id: Id, photoId: Id });

// Service records ---------------------------------------------------------------------------------

export const ServiceRecordQuery = z.object({
  /** Inclusive day range; default: everything. */
  from: Day.optional(),
  to: Day.optional(),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export const ServiceTotals = z.object({
  hours: z.number(),
  needHours: z.number(),
  postHours: z.number(),
  needsServed: z.number().int(),
  postsHeld: z.number().int(),
  whistlesAnswered: z.number().int(),
  whistlesArrived: z.number().int(),
  smallMatters: z.number().int(),
  smallMattersVerified: z.number().int(),
});

export const ServiceRecord = z.object({
  member: Person,
  /** Her current (or last) report-in, when she has one. */
  report: z
    .object({
      id: Id,
      community: PlaceCrumb,
      workUnit: z.string(),
      workUnitPartyOrg: z.string().nullable(),
      status: ReportStatusSchema,
    })
    .nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: ServiceTotals,
  needs: z.array(
    z.object({
      needId: Id,
      category: z.string(),
      placeLabel: z.string(),
      claimedAt: Timestamp,
      status: z.string(),
      hours: z.number(),
    }),
  ),
  posts: z.array(
    z.object({
      claimId: Id,
      postName: z.string(),
      status: PostClaimStatusSchema,
      since: Timestamp.nullable(),
      until: Timestamp.nullable(),
      hours: z.number(),
    }),
  ),
  whistles: z.array(
    z.object({
      whistleId: Id,
      title: z.string(),
      blownAt: Timestamp,
      answer: WhistleAnswerSchema,
      arrivedAt: Timestamp.nullable(),
      minutesToArrive: z.number().nullable(),
      doneAt: Timestamp.nullable(),
    }),
  ),
  smallMatters: z.array(
    z.object({ id: Id, title: z.string(), occurredOn: z.string(), status: SmallMatterStatusSchema }),
  ),
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;

export const MemberParams = z.object({ placeId: Id, userId: Id });

export const WorkUnitSummaryQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  /** Only this work unit (exact name). */
  workUnit: z.string().trim().max(MEMBER_LIMITS.workUnit).optional(),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export const WorkUnitSummaryRow = z.object({
  workUnit: z.string(),
  members: z.number().int(),
  hours: z.number(),
  needsServed: z.number().int(),
  postsHeld: z.number().int(),
  whistlesAnswered: z.number().int(),
  smallMattersVerified: z.number().int(),
  people: z.array(
    z.object({
      userId: Id,
      name: z.string(),
      hours: z.number(),
      needsServed: z.number().int(),
      postsHeld: z.number().int(),
      whistlesAnswered: z.number().int(),
      smallMattersVerified: z.number().int(),
    }),
  ),
});
export const WorkUnitSummary = z.object({
  place: PlaceCrumb,
  from: z.string().nullable(),
  to: z.string().nullable(),
  items: z.array(WorkUnitSummaryRow),
});

// Headline counts (C7) ----------------------------------------------------------------------------

export const PlaceStats = z.object({
  placeId: Id,
  /** Lit central households in the subtree. */
  litHouseholds: z.number().int(),
  /** Verified small matters. */
  smallMattersSolved: z.number().int(),
  /** Needs done or confirmed. */
  needsSolved: z.number().int(),
  /** Members reported in (approved, not ended). */
  membersReportedIn: z.number().int(),
  /** Post places held (approved claims not left). */
  postsFilled: z.number().int(),
  /** Whistle calls answered "coming". */
  whistlesAnswered: z.number().int(),
  /** Median minutes from whistle to arrival over every arrival; null when nobody has arrived yet. */
  medianMinutesToArrive: z.number().nullable(),
  at: Timestamp,
});
export type PlaceStats = z.infer<typeof PlaceStats>;
