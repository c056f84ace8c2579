import { z } from 'zod';
import { ROLES } from '../roles.js';
import { Id, Timestamp } from './common.js';

export const RoleSchema = z.enum(ROLES);
export const Grant = z.object({
  id: Id,
  role: RoleSchema,
  placeId: Id.nullable(),
  placeName: z.string(),
  user: z.object({ id: Id, displayName: z.string(), phone: z.string().nullable() }),
  createdAt: Timestamp,
});
export const GrantCreateBody = z.object({ userId: Id, role: RoleSchema, placeId: Id });
