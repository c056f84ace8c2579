import type { Db } from '../db/index.js';
import type { Database, PlaceRow } from '../db/schema.js';
import { type Insertable, type Kysely, sql } from 'kysely';
import { newId } from '../lib/ids.js';
import { hashPassword } from '../lib/passwords.js';

/** Shape of a generated community: 10 compounds × 10 buildings × 20 households, ~2.5 residents each. */
const COMPOUNDS = 10;
const BUILDINGS = 10;
const HOUSEHOLDS = 20;
const COMMUNITIES_PER_STREET = 10;
const RESIDENTS_PER_COMMUNITY = Math.round(COMPOUNDS * BUILDINGS * HOUSEHOLDS * 2.5);
/** Rows per INSERT: well under SQLite's and PostgreSQL's parameter limits. */
const BATCH = 500;

export interface GenerateResult {
  districtId: string;
  streets: number;
  communities: number;
  places: number;
  residents: number;
  seconds: number;
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

/**
 * After a bulk load the query planners' statistics describe the empty tables; refresh them, as
 * PostgreSQL's autovacuum would a while later (and as SQLite's `PRAGMA optimize` does).
 */
export async function refreshStatistics(db: Db): Promise<void> {
  // PostgreSQL: VACUUM also marks the needs' new pages all-visible, as autovacuum would soon after a
  // bulk load, so that index-only scans need not visit the table.
  if (db.dialect === 'postgres') await sql`vacuum needs`.execute(db.kysely);
  await sql`analyze`.execute(db.kysely);
  if (db.dialect === 'sqlite') {
    // better-sqlite3's SQLite is built with STAT4, and ANALYZE also samples index keys. With samples,
    // SQLite re-prepares a statement on every run whose bound parameter meets a sampled column, to
    // re-plan for that value: needs around a volunteer took 0.15 ms to find its 21 ids instead of 0.03,
    // and the bare list of a building paid it too. The per-index figures (sqlite_stat1) are kept;
    // `analyze sqlite_schema` makes this connection reload them.
    await sql`delete from sqlite_stat4`.execute(db.kysely);
    await sql`analyze sqlite_schema`.execute(db.kysely);
  }
}

/**
 * Make a synthetic district of about `residents` residents for load and scale tests. Each resident
 * is an account bound to a household (a resident grant); each community gets a staff account
 * `gen<d>.staff<c>`; the first resident of each community, `gen<d>.r<c>`, can log in too. Both share
 * `password`. One transaction per community, so memory stays flat at any size.
 */
export async function generateDistrict(
  db: Db,
  opts: { residents: number; password: string; onProgress?: (done: number, total: number) => void },
): Promise<GenerateResult> {
  const started = Date.now();
  const now = new Date().toISOString();
  const hash = await hashPassword(opts.password);
  const tag = Date.now().toString(36).slice(-5);
  const communities = Math.max(1, Math.ceil(opts.residents / RESIDENTS_PER_COMMUNITY));
  const streets = Math.ceil(communities / COMMUNITIES_PER_STREET);

  const place = (parent: PlaceRow | null, kind: string, name: string): PlaceRow => {
    const id = newId();
    return {
      id,
      parent_id: parent?.id ?? null,
      kind,
      name,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      community_id: kind === 'community' ? id : (parent?.community_id ?? null),
      archived_at: null,
      created_at: now,
      updated_at: now,
    };
  };

  const district = place(null, 'district', `生成区 ${tag}`);
  const streetRows = Array.from({ length: streets }, (_, s) => place(district, 'street', `第${s + 1}街道`));
  await db.kysely.transaction().execute((trx) => insertBatched(trx, 'places', [district, ...streetRows]));
  let placeCount = 1 + streets;
  let residentsLeft = opts.residents;

  for (let c = 0; c < communities; c++) {
    const street = streetRows[Math.floor(c / COMMUNITIES_PER_STREET)]!;
    const community = place(street, 'community', `第${c + 1}社区`);
    const places: PlaceRow[] = [community];
    const households: PlaceRow[] = [];
    for (let p = 1; p <= COMPOUNDS; p++) {
      const compound = place(community, 'compound', `${p}号小区`);
      places.push(compound);
      for (let b = 1; b <= BUILDINGS; b++) {
        const building = place(compound, 'building', `${b}幢`);
        places.push(building);
        for (let h = 0; h < HOUSEHOLDS; h++) {
          const flat = place(building, 'household', `${Math.floor(h / 2) + 1}0${(h % 2) + 1}室`);
          places.push(flat);
          households.push(flat);
        }
      }
    }
    const count = Math.min(residentsLeft, RESIDENTS_PER_COMMUNITY);
    residentsLeft -= count;
    const users: Insertable<Database['users']>[] = [];
    const grants: Insertable<Database['grants']>[] = [];
    for (let r = 0; r < count; r++) {
      const id = newId();
      const household = households[r % households.length]!;
      users.push({
        id,
        username: r === 0 ? `gen${tag}.r${c + 1}` : null,
        phone: null,
        phone_verified_at: null,
        display_name: `居民${c + 1}-${r + 1}`,
        password_hash: r === 0 ? hash : null,
        disabled_at: null,
        created_at: now,
        updated_at: now,
      });
      grants.push({
        id: newId(),
        user_id: id,
        role: 'resident',
        place_id: household.id,
        community_id: community.id,
        created_by: null,
        created_at: now,
      });
    }
    const staffId = newId();
    users.push({
      id: staffId,
      username: `gen${tag}.staff${c + 1}`,
      phone: null,
      phone_verified_at: null,
      display_name: `社区工作者${c + 1}`,
      password_hash: hash,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    });
    grants.push({
      id: newId(),
      user_id: staffId,
      role: 'community_staff',
      place_id: community.id,
      community_id: community.id,
      created_by: null,
      created_at: now,
    });

    await db.kysely.transaction().execute(async (trx) => {
      await insertBatched(trx, 'places', places);
      await insertBatched(trx, 'users', users);
      await insertBatched(trx, 'grants', grants);
    });
    placeCount += places.length;
    opts.onProgress?.(opts.residents - residentsLeft, opts.residents);
  }
  await refreshStatistics(db);

  return {
    districtId: district.id,
    streets,
    communities,
    places: placeCount,
    residents: opts.residents,
    seconds: (Date.now() - started) / 1000,
  };
}

export { RESIDENTS_PER_COMMUNITY };
