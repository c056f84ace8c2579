import { z } from 'zod';
import { BINDING_STATUSES } from '../bindings.js';
import { LIMITS } from '../limits.js';
import { Id, PageQuery, Timestamp } from './common.js';
import { PlaceCrumb } from './places.js';

export const BindingStatusSchema = z.enum(BINDING_STATUSES);

export const Binding = z.object({
  id: Id,
  status: BindingStatusSchema,
  household: PlaceCrumb,
  householdPath: z.array(PlaceCrumb).describe('the places from the street down to the household'),
  applicant: z.object({ id: Id, displayName: z.string(), phone: z.string().nullable() }),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
});
export type BindingView = z.infer<typeof Binding>;

export const BindingCreateBody = z.object({
  householdId: Id,
  note: z.string().trim().max(LIMITS.reason).optional(),
});
export const BindingRejectBody = z.object({ reason: z.string().trim().min(1).max(LIMITS.reason) });
export const BindingListQuery = PageQuery.extend({ status: BindingStatusSchema.optional() });
