import { z } from 'zod';
import { ROSTER_LANGUAGES, ROSTER_PROBLEMS } from '../rosters.js';
import { Id } from './common.js';

export const CommunityIdParams = z.object({ communityId: Id });

export const RosterLanguageQuery = z.object({ lang: z.enum(ROSTER_LANGUAGES).default('zh-CN') });

export const RosterProblemView = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.enum(ROSTER_PROBLEMS),
  problem: z.string(),
  value: z.string().optional(),
  otherRow: z.number().int().optional(),
});

export const RosterCountsView = z.object({
  places: z.number().int(),
  residents: z.number().int(),
  partyMembers: z.number().int(),
  unchanged: z.number().int(),
});

/** The row-by-row report of a check; an import answers with the same shape once it has written. */
export const RosterReport = z.object({
  ok: z.boolean(),
  /** xlsx or csv, as recognised by the file's content. */
  format: z.enum(['xlsx', 'csv']),
  /** Roster rows in the file (empty rows not counted). */
  rows: z.number().int(),
  counts: RosterCountsView,
  /** Every problem found, up to errorLimit; errorCount is the full number. */
  errors: z.array(RosterProblemView),
  errorCount: z.number().int(),
  /** Whether the import was written (false for a check). */
  imported: z.boolean(),
});
export type RosterReportView = z.infer<typeof RosterReport>;
export type RosterProblemItem = z.infer<typeof RosterProblemView>;
