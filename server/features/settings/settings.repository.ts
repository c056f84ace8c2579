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

/** The district's stored standards thresholds (only the keys it set) and when they were last changed. */
export async function findStandardsSetting(
  db: Q,
  districtId: string,
): Promise<{ value: Partial<StandardsThresholds>; updatedAt: string } | undefined> {
  const row = await db
    .selectFrom('district_settings')
    .select(['value', 'updated_at'])
    .where('district_id', '=', districtId)
    .where('key', '=', 'standards')
    .executeTakeFirst();
  return row && { value: JSON.parse(row.value) as Partial<StandardsThresholds>, updatedAt: row.updated_at };
}

export async function saveStandardsSetting(
  db: Q,
  districtId: string,
  value: StandardsThresholds,
  by: string,
  now: string,
): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('district_settings')
    .values({ district_id: districtId, key: 'standards', value: json, updated_at: now, updated_by: by })
    .onConflict((oc) =>
      oc.columns(['district_id', 'key']).doUpdateSet({ value: json, updated_at: now, updated_by: by }),
    )
    .execute();
}
