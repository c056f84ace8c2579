import type { Kysely } from 'kysely';
import { DEFAULT_THRESHOLDS, type StandardsThresholds } from '../../../domain/standards.js';
import { pathIds } from '../../../domain/places.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

/** The standards thresholds in force for a place: its district's settings over the defaults. */
export async function standardsThresholdsFor(db: Q, placePath: string): Promise<StandardsThresholds> {
  const districtId = pathIds(placePath)[0];
  if (!districtId) return DEFAULT_THRESHOLDS;
  const row = await db
    .selectFrom('district_settings')
    .select('value')
    .where('district_id', '=', districtId)
    .where('key', '=', 'standards')
    .executeTakeFirst();
  if (!row) return DEFAULT_THRESHOLDS;
  const stored = JSON.parse(row.value) as Partial<StandardsThresholds>;
  return { ...DEFAULT_THRESHOLDS, ...stored };
}
