import { z } from 'zod';
import { NEED_ACTIONS, NEED_AUDIENCES, NEED_LIMITS, NEED_STATUSES, NEED_URGENCIES } from '../needs.js';
import { Id, PageQuery, Timestamp } from './common.js';
import { PlaceCrumb } from './places.js';

/** Needs (需求, C1): posting, reaching, claiming, serving, confirming; follow-ups; settings. */

export const NeedStatusSchema = z.enum(NEED_STATUSES);
export const NeedUrgencySchema = z.enum(NEED_URGENCIES);
export const NeedAudienceSchema = z.enum(NEED_AUDIENCES);
export const NeedActionSchema = z.enum(NEED_ACTIONS);
export const CategoryCode = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _');

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

// Posting ------------------------------------------------------------------------------------------

export const PostNeedBody = z.object({
  /** The household (default: the resident's own) or a spot — a building or compound — in her compound. */
  placeId: Id,
  category: CategoryCode,
  description: Text(NEED_LIMITS.description),
  urgency: NeedUrgencySchema.default('normal'),
  quantity: z.number().int().min(1).max(NEED_LIMITS.quantityMax).nullable().optional(),
  /** What the quantity counts, e.g. "台" / "appliances". */
  quantityUnit: OptionalText(20),
  /** Photos uploaded first with uploadNeedPhoto; at most nine. */
  photoIds: z.array(Id).max(NEED_LIMITS.photos).default([]),
  /**
   * Staff and building leaders posting for a resident who cannot use a phone: the person (from the
   * community's people) the need is for. Residents leave it out.
   */
  forPersonId: Id.optional(),
});
export type PostNeedBody = z.infer<typeof PostNeedBody>;

/** What posting answers (201, with Location: /api/v1/needs/{id}); GET it for the whole view. */
export const NeedPosted = z.object({
  id: Id,
  communityId: Id,
  status: NeedStatusSchema,
  audience: NeedAudienceSchema,
  urgency: NeedUrgencySchema,
  createdAt: Timestamp,
});
export type NeedPosted = z.infer<typeof NeedPosted>;

export const NeedPhotoRef = z.object({
  id: Id,
  url: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const SimilarNeedsQuery = z.object({
  placeId: Id,
  text: z.string().trim().max(NEED_LIMITS.description).default(''),
  category: CategoryCode.optional(),
});

// Reading ------------------------------------------------------------------------------------------

export const NeedPerson = z.object({
  userId: Id.nullable(),
  /** Masked ("王*") unless the caller serves the need or is community staff of it. */
  name: z.string(),
});

export const NeedSummary = z.object({
  id: Id,
  communityId: Id,
  category: CategoryCode,
  description: z.string(),
  urgency: NeedUrgencySchema,
  status: NeedStatusSchema,
  audience: NeedAudienceSchema,
  quantity: z.number().int().nullable(),
  quantityUnit: z.string().nullable(),
  /** The place without the flat number unless the caller may see it (e.g. 颐景名苑 1幢). */
  placeLabel: z.string(),
  helpersNeeded: z.number().int(),
  helpersClaimed: z.number().int(),
  supporters: z.number().int(),
  escalationLevel: z.number().int(),
  overdue: z.boolean(),
  photoCount: z.number().int(),
  partnerUnit: z.object({ id: Id, name: z.string() }).nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type NeedSummary = z.infer<typeof NeedSummary>;

export const NeedList = z.object({ items: z.array(NeedSummary), nextCursor: z.string().nullable() });

export const NEED_EVENT_KINDS = [
  'posted',
  'supported',
  'convened',
  'assigned',
  'claimed',
  'unclaimed',
  'logged',
  'done',
  'confirmed',
  'auto_confirmed',
  'reopened',
  'cancelled',
  'escalated',
  'follow_up_scheduled',
  'follow_up_done',
  'contact_revealed',
] as const;
export const NeedEventKind = z.enum(NEED_EVENT_KINDS);

export const NeedEvent = z.object({
  id: Id,
  at: Timestamp,
  kind: NeedEventKind,
  /** The actor's display name; null for the system (the ladder, auto-confirmation). */
  actorName: z.string().nullable(),
  /** Facts for wording the event: rating, reach, note, helpers, … (strings and numbers only). */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

export const NeedClaim = z.object({
  id: Id,
  userId: Id,
  name: z.string(),
  claimedAt: Timestamp,
  assigned: z.boolean(),
  hours: z.number(),
});

export const NeedServiceLog = z.object({
  id: Id,
  userId: Id,
  name: z.string(),
  at: Timestamp,
  note: z.string().nullable(),
  hours: z.number(),
  outsideHelpers: z.number().int(),
  itemsHandled: z.number().int(),
  photos: z.array(NeedPhotoRef),
});

export const NeedFollowUp = z.object({
  id: Id,
  needId: Id,
  assignee: z.object({ id: Id, name: z.string() }),
  dueAt: Timestamp,
  note: z.string(),
  createdAt: Timestamp,
  remindedAt: Timestamp.nullable(),
  doneAt: Timestamp.nullable(),
  outcome: z.string().nullable(),
});

export const NeedDetail = NeedSummary.extend({
  place: z.array(PlaceCrumb),
  resident: NeedPerson.nullable(),
  /** Masked ("138****5678") unless the caller may see it; reveal with revealNeedContact (audited). */
  phone: z.string().nullable(),
  phoneMasked: z.boolean(),
  rating: z.number().int().nullable(),
  thanks: z.string().nullable(),
  photos: z.array(NeedPhotoRef),
  claims: z.array(NeedClaim),
  logs: z.array(NeedServiceLog),
  timeline: z.array(NeedEvent),
  followUps: z.array(NeedFollowUp),
  totals: z.object({ hours: z.number(), outsideHelpers: z.number().int(), itemsHandled: z.number().int() }),
  /** What the caller may do now (domain availableActions), for showing buttons. */
  actions: z.array(NeedActionSchema),
  /** Whether the caller may reveal the phone and flat in full. */
  canReveal: z.boolean(),
  supportedByMe: z.boolean(),
  autoConfirmAt: Timestamp.nullable(),
  postedBy: z.object({ id: Id, name: z.string() }).nullable(),
  source: z.enum(['app', 'staff', 'open311']),
});
export type NeedDetail = z.infer<typeof NeedDetail>;

export const NeedContact = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  /** The full place, flat included. */
  address: z.string(),
});

const BoolQuery = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

/** The staff board of a place's needs. */
export const NeedBoardQuery = PageQuery.extend({
  status: NeedStatusSchema.optional(),
  category: CategoryCode.optional(),
  urgency: NeedUrgencySchema.optional(),
  overdue: BoolQuery,
  escalated: BoolQuery,
});

/** A volunteer's needs around her: her buildings, or her compounds too. */
export const NeedsAroundQuery = PageQuery.extend({
  reach: z.enum(['building', 'compound', 'all']).default('all'),
  /** open: still claimable or in service; mine: the ones I claimed. */
  show: z.enum(['open', 'mine']).default('open'),
});

export const NeedCounts = z.object({
  byStatus: z.record(NeedStatusSchema, z.number().int()),
  byCategory: z.array(z.object({ category: CategoryCode, count: z.number().int(), open: z.number().int() })),
  overdue: z.number().int(),
  escalated: z.number().int(),
  urgentOpen: z.number().int(),
  total: z.number().int(),
});

// Steps --------------------------------------------------------------------------------------------

export const ConveneBody = z.object({
  helpersNeeded: z.number().int().min(1).max(NEED_LIMITS.helpersMax),
  partnerUnitId: Id.nullable().optional(),
  /** Publish to every volunteer of the community (widens the audience to community). */
  publish: z.boolean().default(true),
  note: OptionalText(NEED_LIMITS.note),
});

export const AssignBody = z.object({ userId: Id });

export const ServiceLogBody = z.object({
  note: OptionalText(NEED_LIMITS.note),
  hours: z.number().min(0).max(NEED_LIMITS.hoursMax).default(0),
  /** Helpers from outside the platform (e.g. the college's students), counted. */
  outsideHelpers: z.number().int().min(0).max(NEED_LIMITS.helpersMax).default(0),
  itemsHandled: z.number().int().min(0).max(NEED_LIMITS.quantityMax).default(0),
  photoIds: z.array(Id).max(NEED_LIMITS.photos).default([]),
});

export const DoneBody = z.object({ note: OptionalText(NEED_LIMITS.note) });
export const ConfirmBody = z.object({
  rating: z.number().int().min(1).max(5),
  thanks: OptionalText(NEED_LIMITS.thanks),
});
export const ReasonBody = z.object({ reason: Text(NEED_LIMITS.note) });
export const OptionalReasonBody = z.object({ reason: OptionalText(NEED_LIMITS.note) });

export const FollowUpBody = z.object({
  assigneeId: Id,
  dueAt: Timestamp.refine((v) => !Number.isNaN(Date.parse(v)), 'not a date and time'),
  note: Text(NEED_LIMITS.note),
});
export const FollowUpDoneBody = z.object({ outcome: OptionalText(NEED_LIMITS.note) });
export const FollowUpList = z.object({ items: z.array(NeedFollowUp.extend({ need: NeedSummary })) });

/** People who may be assigned a need or a follow-up: the responders the need has reached. */
export const NeedHelperCandidates = z.object({
  items: z.array(z.object({ userId: Id, name: z.string(), roles: z.array(z.string()) })),
});

// Settings -----------------------------------------------------------------------------------------

export const NeedCategorySchema = z.object({
  code: CategoryCode,
  nameZh: z.string().trim().min(1).max(40).optional(),
  nameEn: z.string().trim().min(1).max(60).optional(),
});

export const LadderRungSchema = z.object({
  urgency: NeedUrgencySchema,
  afterMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30),
  reach: z.enum(['compound', 'community', 'whistle']),
});

export const NeedSettingsBody = z.object({
  categories: z.array(NeedCategorySchema).min(1).max(40),
  ladder: z.array(LadderRungSchema).max(12),
  autoConfirmDays: z.number().int().min(1).max(60),
});
export const NeedSettings = NeedSettingsBody.extend({ updatedAt: Timestamp.nullable() });
