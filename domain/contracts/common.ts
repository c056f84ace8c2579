import { z } from 'zod';
import { LIMITS } from '../limits.js';

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');
export const IdParams = z.object({ id: Id });
export const PlaceIdParams = z.object({ placeId: Id });

/** ISO 8601 with a time zone. */
export const Timestamp = z.string();

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string().optional(), message: z.string() })).optional(),
  }),
});

/** One list shape for every list: items and an opaque cursor for the next page (null at the end). */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export const Ok = z.object({ ok: z.literal(true) });
