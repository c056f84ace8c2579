import { pathIds } from '../../../domain/places.js';
import type { Db } from '../../db/index.js';
import { findPlacesByIds } from '../places/places.repository.js';

type Kdb = Db['kysely'];

const LABEL_KINDS = new Set(['compound', 'building', 'unit', 'household']);

/**
 * Readable labels for places inside a community, from the compound down: "颐景名苑 1幢 301室".
 * One query for all the paths given.
 */
export async function placeLabels(db: Kdb, paths: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(paths.flatMap((p) => pathIds(p)))];
  const byId = new Map((await findPlacesByIds(db, ids)).map((p) => [p.id, p]));
  const out = new Map<string, string>();
  for (const path of paths) {
    const parts = pathIds(path)
      .map((id) => byId.get(id))
      .filter((p) => p !== undefined && LABEL_KINDS.has(p.kind))
      .map((p) => p!.name);
    const own = pathIds(path).at(-1);
    if (own) out.set(own, parts.join(' '));
  }
  return out;
}
