import { z } from 'zod';
import { LIVING_ROOM_FUNCTIONS, MEETING_KINDS } from '../organisation.js';
import { PLACE_KINDS } from '../places.js';
import { VIOLATION_CODES } from '../standards-rules.js';
import { STANDARD_IDS } from '../standards.js';
import { Id, Timestamp } from './common.js';

const Crumb = z.object({ id: Id, kind: z.enum(PLACE_KINDS), name: z.string() });

export const StandardViolation = z.object({
  placeId: Id,
  /** English, the fixed point: the place and the action that would fix it. */
  message: z.string(),
  /** Stable code and parameters, for saying the same in another language. */
  code: z.enum(VIOLATION_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
  /** The place's line from the district down to the place itself. */
  placePath: z.array(Crumb),
});

export const StandardRule = z.object({
  id: z.enum(STANDARD_IDS),
  status: z.enum(['holds', 'broken', 'advisory']),
  checked: z.number().int(),
  violations: z.array(StandardViolation),
  rate: z.object({ matching: z.number().int(), total: z.number().int() }).optional(),
});

/** Thresholds a district may set, each a whole number within sane bounds. */
export const StandardsThresholdsBody = z.object({
  branchMinMembers: z.number().int().min(1).max(100),
  instructorMaxCompounds: z.number().int().min(1).max(50),
  livingRoomMinArea: z.number().int().min(1).max(10_000),
  buildingGroupMinMembers: z.number().int().min(1).max(100),
  plenaryMaxDays: z.number().int().min(1).max(366),
});

export const StandardsReport = z.object({
  placeId: Id,
  placePath: z.array(Crumb),
  evaluatedAt: Timestamp,
  thresholds: StandardsThresholdsBody,
  rules: z.array(StandardRule),
});

export const StandardsSummary = z.object({
  place: Crumb,
  ancestors: z.array(Crumb),
  totals: z.record(z.enum(STANDARD_IDS), z.number().int()),
  children: z.array(
    Crumb.extend({
      counts: z.record(z.enum(STANDARD_IDS), z.number().int()),
      total: z.number().int(),
    }),
  ),
});

export const StandardsSettings = z.object({
  districtId: Id,
  thresholds: StandardsThresholdsBody,
  defaults: StandardsThresholdsBody,
  updatedAt: Timestamp.nullable(),
});

export const ExportQuery = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

// Living rooms (S4) --------------------------------------------------------------------------------

const LivingRoomFunctions = z
  .array(z.enum(LIVING_ROOM_FUNCTIONS))
  .max(LIVING_ROOM_FUNCTIONS.length)
  .transform((fs) => [...new Set(fs)]);

export const LivingRoom = z.object({
  id: Id,
  placeId: Id,
  placeName: z.string(),
  placeKind: z.enum(PLACE_KINDS),
  name: z.string(),
  areaM2: z.number(),
  hasLogo: z.boolean(),
  functions: z.array(z.enum(LIVING_ROOM_FUNCTIONS)),
  hours: z.string().nullable(),
  archived: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const LivingRoomCreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  areaM2: z.number().positive().max(100_000),
  hasLogo: z.boolean().default(false),
  functions: LivingRoomFunctions.default([]),
  hours: z.string().trim().max(200).nullable().optional(),
});
export const LivingRoomUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    areaM2: z.number().positive().max(100_000),
    hasLogo: z.boolean(),
    functions: LivingRoomFunctions,
    hours: z.string().trim().max(200).nullable(),
  })
  .partial();

export const LivingRoomListQuery = z.object({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

// Meetings (S7) ------------------------------------------------------------------------------------

export const Meeting = z.object({
  id: Id,
  organisationId: Id.nullable(),
  placeId: Id,
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  heldAt: Timestamp,
  createdAt: Timestamp,
});

export const MeetingCreateBody = z.object({
  kind: z.enum(MEETING_KINDS),
  title: z.string().trim().min(1).max(200),
  heldAt: z.iso.datetime({ offset: true }),
});

export const MeetingListQuery = z.object({
  kind: z.enum(MEETING_KINDS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
