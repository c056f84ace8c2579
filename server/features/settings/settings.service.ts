import type { z } from 'zod';
import type { StandardsSettings } from '../../../domain/contracts/standards.js';
import { AppError } from '../../../domain/errors.js';
import {
  DEFAULT_THRESHOLDS,
  STANDARD_THRESHOLD_KEYS,
  type StandardsThresholds,
} from '../../../domain/standards.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import type { Actor } from '../../lib/http.js';
import { recordAudit } from '../audit/audit.repository.js';
import * as repo from './settings.repository.js';

type Kdb = Db['kysely'];
type Settings = z.infer<typeof StandardsSettings>;

function requireDistrict(place: PlaceRow) {
  if (place.kind !== 'district') {
    throw new AppError('PLACE_KIND_NOT_ALLOWED', 'Standards thresholds are set per district.');
  }
}

/** The thresholds in force for a district, beside the defaults. */
export async function getStandardsSettings(db: Kdb, district: PlaceRow): Promise<Settings> {
  requireDistrict(district);
  const stored = await repo.findStandardsSetting(db, district.id);
  return {
    districtId: district.id,
    thresholds: await repo.standardsThresholdsFor(db, district.path),
    defaults: DEFAULT_THRESHOLDS,
    updatedAt: stored?.updatedAt ?? null,
  };
}

/** Replace a district's thresholds; they apply to the next evaluation at once. Audited with what changed. */
export async function putStandardsSettings(
  db: Kdb,
  actor: Actor,
  district: PlaceRow,
  thresholds: StandardsThresholds,
): Promise<Settings> {
  requireDistrict(district);
  const before = await repo.standardsThresholdsFor(db, district.path);
  const next: StandardsThresholds = { ...DEFAULT_THRESHOLDS };
  for (const key of STANDARD_THRESHOLD_KEYS) next[key] = thresholds[key];
  await repo.saveStandardsSetting(db, district.id, next, actor.caller.userId, actor.now);
  const changes = STANDARD_THRESHOLD_KEYS.filter((k) => before[k] !== next[k]).map(
    (k) => `${k} ${before[k]}→${next[k]}`,
  );
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'district_settings',
    entityId: district.id,
    place: district,
    summary: `Standards thresholds: ${changes.length > 0 ? changes.join(', ') : 'unchanged'}`,
    ip: actor.ip,
    at: actor.now,
  });
  return getStandardsSettings(db, district);
}
