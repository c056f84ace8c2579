import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { PLACE_KINDS } from '../places.js';
import { Id, Timestamp } from './common.js';

export const PlaceKindSchema = z.enum(PLACE_KINDS);
export const PlaceName = z.string().trim().min(1).max(LIMITS.placeName);

export const Place = z.object({
  id: Id,
  parentId: Id.nullable(),
  kind: PlaceKindSchema,
  name: z.string(),
  communityId: Id.nullable(),
  archived: z.boolean(),
  childCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type PlaceView = z.infer<typeof Place>;

export const PlaceCrumb = z.object({ id: Id, kind: PlaceKindSchema, name: z.string() });

export const PlaceDetail = Place.extend({ ancestors: z.array(PlaceCrumb) });

export const PlaceChildrenQuery = z.object({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeMax),
});

export const PlaceCreateBody = z.object({ parentId: Id.nullable(), kind: PlaceKindSchema, name: PlaceName });
export const PlaceRenameBody = z.object({ name: PlaceName });
export const PlaceMoveBody = z.object({ parentId: Id });

/** The public directory: names only, so a new resident can find her household. */
export const DirectoryEntry = z.object({
  id: Id,
  kind: PlaceKindSchema,
  name: z.string(),
  hasChildren: z.boolean(),
});
export const DirectoryQuery = z.object({ parentId: Id.optional() });
