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
  summary: z.string(),
});
export const AuditQuery = PageQuery.extend({
  action: z.string().max(40).optional(),
});
