import type { Kysely, Selectable } from 'kysely';
import type { Database, WhistleCallsTable, WhistlesTable } from '../../db/schema.js';

type Q = Kysely<Database>;

export type WhistleRow = Selectable<WhistlesTable> & { blown_by_name: string | null };
export type CallRow = Selectable<WhistleCallsTable> & {
  person_name: string;
  partner_unit_name: string | null;
};

function whistleQuery(db: Q) {
  return db
    .selectFrom('whistles')
    .leftJoin('users', 'users.id', 'whistles.blown_by')
    .selectAll('whistles')
    .select('users.display_name as blown_by_name');
}

export function findWhistle(db: Q, id: string): Promise<WhistleRow | undefined> {
  return whistleQuery(db).where('whistles.id', '=', id).executeTakeFirst();
}

export function findOpenWhistleOfNeed(db: Q, needId: string) {
  return db
    .selectFrom('whistles')
    .select('id')
    .where('need_id', '=', needId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

export function listWhistles(
  db: Q,
  opts: { placePath?: string; calledUserId?: string; status?: string; before?: string; limit: number },
): Promise<WhistleRow[]> {
  let q = whistleQuery(db);
  if (opts.placePath) q = q.where('whistles.place_path', 'like', `${opts.placePath}%`);
  if (opts.calledUserId) {
    const userId = opts.calledUserId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('whistle_calls as c')
          .select('c.id')
          .whereRef('c.whistle_id', '=', 'whistles.id')
          .where('c.user_id', '=', userId),
      ),
    );
  }
  if (opts.status) q = q.where('whistles.status', '=', opts.status);
  if (opts.before) q = q.where('whistles.id', '<', opts.before);
  return q
    .orderBy('whistles.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

export async function insertWhistle(db: Q, w: Omit<Selectable<WhistlesTable>, 'closed_at' | 'closed_note'>) {
  await db
    .insertInto('whistles')
    .values({ ...w, closed_at: null, closed_note: null })
    .execute();
}

export async function insertCalls(
  db: Q,
  rows: {
    id: string;
    whistleId: string;
    communityId: string;
    placePath: string;
    userId: string;
    via: string;
    partnerUnitId: string | null;
    now: string;
  }[],
) {
  for (let i = 0; i < rows.length; i += 400) {
    await db
      .insertInto('whistle_calls')
      .values(
        rows.slice(i, i + 400).map((r) => ({
          id: r.id,
          whistle_id: r.whistleId,
          community_id: r.communityId,
          place_path: r.placePath,
          user_id: r.userId,
          via: r.via,
          partner_unit_id: r.partnerUnitId,
          answer: 'pending',
          answered_at: null,
          note: null,
          arrived_at: null,
          minutes_to_arrive: null,
          done_at: null,
          done_note: null,
          created_at: r.now,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export function callsOf(db: Q, whistleIds: readonly string[], userId?: string): Promise<CallRow[]> {
  if (whistleIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('whistle_calls')
    .innerJoin('users', 'users.id', 'whistle_calls.user_id')
    .leftJoin('partner_units', 'partner_units.id', 'whistle_calls.partner_unit_id')
    .selectAll('whistle_calls')
    .select(['users.display_name as person_name', 'partner_units.name as partner_unit_name'])
    .where('whistle_calls.whistle_id', 'in', [...whistleIds]);
  if (userId) q = q.where('whistle_calls.user_id', '=', userId);
  return q.orderBy('whistle_calls.id').execute();
}

/** Change one person's call only while the whistle is open and the call stands where the step needs it. */
export async function updateCall(
  db: Q,
  whistleId: string,
  userId: string,
  guard: { arrived: boolean; done?: boolean; answer?: string },
  set: Partial<
    Pick<
      Selectable<WhistleCallsTable>,
      'answer' | 'answered_at' | 'note' | 'arrived_at' | 'minutes_to_arrive' | 'done_at' | 'done_note'
    >
  >,
): Promise<boolean> {
  let q = db
    .updateTable('whistle_calls')
    .set(set)
    .where('whistle_id', '=', whistleId)
    .where('user_id', '=', userId)
    .where('arrived_at', guard.arrived ? 'is not' : 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('whistles')
          .select('whistles.id')
          .where('whistles.id', '=', whistleId)
          .where('whistles.status', '=', 'open'),
      ),
    );
  if (guard.done !== undefined) q = q.where('done_at', guard.done ? 'is not' : 'is', null);
  if (guard.answer) q = q.where('answer', '=', guard.answer);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function closeWhistle(db: Q, id: string, note: string | null, now: string): Promise<boolean> {
  const r = await db
    .updateTable('whistles')
    .set({ status: 'closed', closed_at: now, closed_note: note, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// Audiences -----------------------------------------------------------------------------------------

/** Members reported in to the community: the party-member role on the community itself. */
export async function reportedMemberUsers(db: Q, communityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('grants')
    .select('user_id')
    .where('role', '=', 'party_member')
    .where('place_id', '=', communityId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Partner units actively paired with the community or a place above it (its street, its district). */
export function pairedUnits(db: Q, placeIds: readonly string[], today: string) {
  return db
    .selectFrom('pairings')
    .innerJoin('partner_units', 'partner_units.id', 'pairings.partner_unit_id')
    .select(['partner_units.id', 'partner_units.name'])
    .select((eb) =>
      eb
        .selectFrom('partner_unit_contacts as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.partner_unit_id', '=', 'partner_units.id')
        .as('contacts'),
    )
    .where('pairings.place_id', 'in', [...placeIds])
    .where('pairings.started_on', '<=', today)
    .where((eb) => eb.or([eb('pairings.ended_on', 'is', null), eb('pairings.ended_on', '>', today)]))
    .where('partner_units.archived_at', 'is', null)
    .distinct()
    .orderBy('partner_units.name')
    .execute();
}

export function contactsOfUnits(db: Q, unitIds: readonly string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partner_unit_contacts')
    .select(['partner_unit_id', 'user_id'])
    .where('partner_unit_id', 'in', [...unitIds])
    .execute();
}

/** Live red butlers with an account, by the compound they serve (their building's or their organisation's). */
export async function redButlersOf(db: Q, communityId: string) {
  const rows = await db
    .selectFrom('red_butlers as rb')
    .innerJoin('people as p', 'p.id', 'rb.person_id')
    .leftJoin('places as b', 'b.id', 'rb.building_id')
    .leftJoin('organisations as o', 'o.id', 'rb.organisation_id')
    .leftJoin('places as op', 'op.id', 'o.place_id')
    .select(['p.user_id', 'b.path as building_path', 'op.path as org_path'])
    .where('rb.community_id', '=', communityId)
    .where('rb.ended_at', 'is', null)
    .execute();
  return rows;
}

export function compoundsOf(db: Q, communityId: string) {
  return db
    .selectFrom('places')
    .select(['id', 'kind', 'name', 'path'])
    .where('community_id', '=', communityId)
    .where('kind', '=', 'compound')
    .where('archived_at', 'is', null)
    .orderBy('path')
    .execute();
}

export function needForWhistle(db: Q, id: string) {
  return db
    .selectFrom('needs')
    .select(['id', 'description', 'place_id', 'helpers_needed', 'helpers_claimed', 'category'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function unitNamesOf(db: Q, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partner_units')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
}
