import type { Insertable, Kysely } from 'kysely';
import { DEFAULT_CATEGORY_CODES, type NeedStatus } from '../../domain/needs.js';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { refreshStatistics } from './generate.js';
import { hashPassword } from '../lib/passwords.js';

/** Rows per INSERT: ~30 columns × 400 rows stays under both databases' parameter limits. */
const BATCH = 400;

/** The mix of a district that has run for a while: most needs solved, a fifth still open. */
const STATUS_MIX: readonly [NeedStatus, number][] = [
  ['confirmed', 55],
  ['done', 10],
  ['cancelled', 5],
  ['in_service', 8],
  ['claimed', 7],
  ['convened', 5],
  ['posted', 10],
];

export interface GenerateNeedsResult {
  needs: number;
  /** Per community: a volunteer granted on its first compound and a leader of its first building. */
  volunteers: { login: string; compoundId: string; buildingId: string }[];
  seconds: number;
}

/**
 * Spread `needs` needs over the households of a generated district (see generate.ts), in a realistic
 * mix of states and ages (up to a year old), with a `posted` event each. Adds per community a
 * volunteer `<prefix>.v<c>` (compound grant) and a building leader `<prefix>.l<c>` who share `password`.
 */
export async function generateNeeds(
  db: Db,
  opts: {
    districtId: string;
    needs: number;
    password: string;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<GenerateNeedsResult> {
  const started = Date.now();
  const k = db.kysely;
  const hash = await hashPassword(opts.password);
  const tag = Date.now().toString(36).slice(-5);
  const now = Date.now();
  const communities = await k
    .selectFrom('places')
    .select(['id', 'path'])
    .where('kind', '=', 'community')
    .where('path', 'like', `/${opts.districtId}/%`)
    .orderBy('path')
    .execute();
  if (communities.length === 0) throw new Error('The district has no communities: generate it first.');

  const perCommunity = Math.ceil(opts.needs / communities.length);
  let left = opts.needs;
  const volunteers: GenerateNeedsResult['volunteers'] = [];
  const weights = STATUS_MIX.reduce((s, [, w]) => s + w, 0);
  let seq = 0;

  for (const [ci, community] of communities.entries()) {
    if (left <= 0) break;
    const count = Math.min(left, perCommunity);
    left -= count;
    const households = await k
      .selectFrom('places as h')
      .innerJoin('places as b', 'b.id', 'h.parent_id')
      .select(['h.id', 'h.path', 'b.id as buildingId', 'b.parent_id as compoundId'])
      .where('h.community_id', '=', community.id)
      .where('h.kind', '=', 'household')
      .orderBy('h.path')
      .execute();
    const residents = await k
      .selectFrom('grants')
      .select(['user_id', 'place_id'])
      .where('community_id', '=', community.id)
      .where('role', '=', 'resident')
      .execute();
    const residentOf = new Map(residents.map((r) => [r.place_id, r.user_id]));
    // The community's resident who can log in (generate.ts names one): her building gets the leader.
    const named = await k
      .selectFrom('grants')
      .innerJoin('users', 'users.id', 'grants.user_id')
      .select('grants.place_id')
      .where('grants.community_id', '=', community.id)
      .where('grants.role', '=', 'resident')
      .where('users.username', 'is not', null)
      .executeTakeFirst();
    const first = households.find((h) => h.id === named?.place_id) ?? households[0]!;

    const users: Insertable<Database['users']>[] = [];
    const grants: Insertable<Database['grants']>[] = [];
    for (const [role, login, placeId] of [
      ['volunteer', `gen${tag}.v${ci + 1}`, first.compoundId!],
      ['building_leader', `gen${tag}.l${ci + 1}`, first.buildingId],
    ] as const) {
      const id = newId();
      users.push({
        id,
        username: login,
        phone: null,
        phone_verified_at: null,
        display_name: login,
        password_hash: hash,
        disabled_at: null,
        created_at: new Date(now).toISOString(),
        updated_at: new Date(now).toISOString(),
      });
      grants.push({
        id: newId(),
        user_id: id,
        role,
        place_id: placeId,
        community_id: community.id,
        created_by: null,
        created_at: new Date(now).toISOString(),
      });
      if (role === 'volunteer') {
        volunteers.push({ login, compoundId: first.compoundId!, buildingId: first.buildingId });
      }
    }

    const needs: Insertable<Database['needs']>[] = [];
    const events: Insertable<Database['need_events']>[] = [];
    for (let i = 0; i < count; i++) {
      seq++;
      const h = households[(i * 7919) % households.length]!;
      let pick = seq % weights;
      let status: NeedStatus = 'posted';
      for (const [s, w] of STATUS_MIX) {
        if (pick < w) {
          status = s;
          break;
        }
        pick -= w;
      }
      // Older needs are the solved ones; open ones are from the last few weeks.
      const ageMinutes = ['posted', 'convened', 'claimed', 'in_service'].includes(status)
        ? (seq * 37) % (60 * 24 * 21)
        : 60 * 24 * 21 + ((seq * 131) % (60 * 24 * 340));
      const created = new Date(now - ageMinutes * 60_000).toISOString();
      const claimed = !['posted', 'convened', 'cancelled'].includes(status);
      const id = newId();
      needs.push({
        id,
        district_id: opts.districtId,
        community_id: community.id,
        place_id: h.id,
        place_path: h.path,
        compound_id: h.compoundId,
        building_id: h.buildingId,
        household_id: h.id,
        category: DEFAULT_CATEGORY_CODES[seq % DEFAULT_CATEGORY_CODES.length]!,
        description: `生成的需求 #${seq}：请邻居帮忙`,
        urgency: seq % 20 === 0 ? 'urgent' : 'normal',
        quantity: null,
        quantity_unit: null,
        status,
        audience: seq % 3 === 0 ? 'compound' : 'building',
        resident_user_id: residentOf.get(h.id) ?? null,
        resident_person_id: null,
        posted_by: residentOf.get(h.id) ?? null,
        source: 'app',
        helpers_needed: 1,
        helpers_claimed: claimed && status !== 'confirmed' && status !== 'done' ? 1 : 0,
        convened_at: status === 'convened' ? created : null,
        partner_unit_id: null,
        escalation_level: 0,
        escalated_at: null,
        rating: status === 'confirmed' ? 3 + (seq % 3) : null,
        thanks: null,
        reopen_count: 0,
        lat: null,
        long: null,
        contact_name: null,
        contact_phone: null,
        contact_email: null,
        created_at: created,
        updated_at: created,
        claimed_at: claimed ? created : null,
        done_at: status === 'done' || status === 'confirmed' ? created : null,
        confirmed_at: status === 'confirmed' ? created : null,
        cancelled_at: status === 'cancelled' ? created : null,
      });
      events.push({
        id: newId(),
        need_id: id,
        community_id: community.id,
        at: created,
        actor_id: residentOf.get(h.id) ?? null,
        kind: 'posted',
        params: null,
      });
    }
    await db.kysely.transaction().execute(async (trx) => {
      await insertBatched(trx, 'users', users);
      await insertBatched(trx, 'grants', grants);
      await insertBatched(trx, 'needs', needs);
      await insertBatched(trx, 'need_events', events);
    });
    opts.onProgress?.(opts.needs - left, opts.needs);
  }
  await refreshStatistics(db);
  return { needs: opts.needs - Math.max(0, left), volunteers, seconds: (Date.now() - started) / 1000 };
}

async function insertBatched<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}
