import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';

export const AuditEntry = z.object({
  id: Id,
  at: Timestamp,
  actor: z.object({ id: Id, displayName: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  placeId: Id.nullable(),
  placeName: z.string().nullable(),
  /** The place's names from the street down, e.g. ["葭沚街道", "新景社区", "颐景名苑", "1幢", "201室"]. */
  placePath: z.array(z.string()),
  summary: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).nullable(),
});
export const AuditQuery = PageQuery.extend({
  action: z.string().max(40).optional(),
});
