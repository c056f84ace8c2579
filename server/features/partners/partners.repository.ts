import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type PartnerUnitRow = NonNullable<Awaited<ReturnType<typeof findUnit>>>;

export function findUnit(db: Q, id: string) {
  return db.selectFrom('partner_units').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Units of a district that matter to a place: paired with a place inside its subtree or with one
 * above it (a unit paired with a street serves the street's communities). `everything` lists the
 * whole district (a district-level scope).
 */
export function listUnitsFor(
  db: Q,
  opts: {
    districtId: string;
    everything: boolean;
    subtreePath: string;
    ancestorIds: string[];
    kind?: string | undefined;
    q?: string | undefined;
    includeArchived: boolean;
    afterId?: string | undefined;
    limit: number;
  },
) {
  let q = db.selectFrom('partner_units').selectAll().where('district_id', '=', opts.districtId);
  if (!opts.everything) {
    q = q.where('id', 'in', (eb) =>
      eb
        .selectFrom('pairings')
        .innerJoin('places', 'places.id', 'pairings.place_id')
        .select('pairings.partner_unit_id')
        .where((w) =>
          w.or([
            w('places.path', 'like', `${opts.subtreePath}%`),
            ...(opts.ancestorIds.length > 0 ? [w('pairings.place_id', 'in', opts.ancestorIds)] : []),
          ]),
        ),
    );
  }
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.q) q = q.where('name', 'like', `%${opts.q.replace(/[%_\\]/g, '')}%`);
  if (!opts.includeArchived) q = q.where('archived_at', 'is', null);
  if (opts.afterId) q = q.where('id', '>', opts.afterId);
  return q.orderBy('id').limit(opts.limit).execute();
}

export async function insertUnit(db: Q, row: Omit<PartnerUnitRow, 'archived_at'>) {
  await db
    .insertInto('partner_units')
    .values({ ...row, archived_at: null })
    .execute();
}

export async function updateUnit(
  db: Q,
  id: string,
  set: Partial<
    Pick<
      PartnerUnitRow,
      | 'name'
      | 'kind'
      | 'contact_name'
      | 'contact_phone'
      | 'address'
      | 'party_org'
      | 'description'
      | 'archived_at'
    >
  >,
  at: string,
) {
  await db
    .updateTable('partner_units')
    .set({ ...set, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export function contactUnitIdsOf(db: Q, userId: string) {
  return db
    .selectFrom('partner_unit_contacts')
    .select('partner_unit_id')
    .where('user_id', '=', userId)
    .execute()
    .then((rows) => rows.map((r) => r.partner_unit_id));
}

export async function addContact(db: Q, unitId: string, userId: string) {
  await db
    .insertInto('partner_unit_contacts')
    .values({ partner_unit_id: unitId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const PAIRING_COLUMNS = [
  'pairings.id',
  'pairings.partner_unit_id',
  'pairings.place_id',
  'pairings.community_id',
  'pairings.note',
  'pairings.started_on',
  'pairings.ended_on',
  'pairings.created_at',
  'places.path as place_path',
  'places.name as place_name',
  'places.kind as place_kind',
  'partner_units.name as unit_name',
  'partner_units.kind as unit_kind',
] as const;

function selectPairings(db: Q) {
  return db
    .selectFrom('pairings')
    .innerJoin('places', 'places.id', 'pairings.place_id')
    .innerJoin('partner_units', 'partner_units.id', 'pairings.partner_unit_id')
    .select(PAIRING_COLUMNS);
}

export type PairingRow = Awaited<ReturnType<ReturnType<typeof selectPairings>['execute']>>[number];

export function findPairing(db: Q, id: string) {
  return selectPairings(db).where('pairings.id', '=', id).executeTakeFirst();
}

export function pairingsOfUnits(db: Q, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return selectPairings(db)
    .where('pairings.partner_unit_id', 'in', unitIds)
    .orderBy('pairings.started_on')
    .execute();
}

/** Pairings with places in a subtree or above it. */
export function pairingsFor(
  db: Q,
  subtreePath: string,
  ancestorIds: string[],
  includeEnded: boolean,
  today: string,
) {
  let q = selectPairings(db).where((w) =>
    w.or([
      w('places.path', 'like', `${subtreePath}%`),
      ...(ancestorIds.length > 0 ? [w('pairings.place_id', 'in', ancestorIds)] : []),
    ]),
  );
  if (!includeEnded)
    q = q.where((w) => w.or([w('pairings.ended_on', 'is', null), w('pairings.ended_on', '>', today)]));
  return q.orderBy('places.path').orderBy('pairings.started_on').limit(500).execute();
}

export function activePairingOf(db: Q, unitId: string, placeId: string, today: string) {
  return db
    .selectFrom('pairings')
    .select('id')
    .where('partner_unit_id', '=', unitId)
    .where('place_id', '=', placeId)
    .where((w) => w.or([w('ended_on', 'is', null), w('ended_on', '>', today)]))
    .executeTakeFirst();
}

export async function insertPairing(
  db: Q,
  row: {
    id: string;
    partner_unit_id: string;
    place_id: string;
    community_id: string | null;
    note: string | null;
    started_on: string;
    ended_on: string | null;
    created_at: string;
  },
) {
  await db.insertInto('pairings').values(row).execute();
}

export async function updatePairing(
  db: Q,
  id: string,
  set: { note?: string | null; started_on?: string; ended_on?: string | null },
) {
  await db.updateTable('pairings').set(set).where('id', '=', id).execute();
}

function selectOffers(db: Q) {
  return db
    .selectFrom('partner_offers')
    .innerJoin('partner_units', 'partner_units.id', 'partner_offers.partner_unit_id')
    .select([
      'partner_offers.id',
      'partner_offers.partner_unit_id',
      'partner_offers.kind',
      'partner_offers.title',
      'partner_offers.description',
      'partner_offers.capacity',
      'partner_offers.created_at',
      'partner_offers.archived_at',
      'partner_units.name as unit_name',
      'partner_units.kind as unit_kind',
    ]);
}

export type OfferRow = Awaited<ReturnType<ReturnType<typeof selectOffers>['execute']>>[number];

export function findOffer(db: Q, id: string) {
  return selectOffers(db).where('partner_offers.id', '=', id).executeTakeFirst();
}

export function offersOfUnits(
  db: Q,
  unitIds: string[],
  opts: { kind?: string | undefined; includeArchived?: boolean } = {},
) {
  if (unitIds.length === 0) return Promise.resolve([]);
  let q = selectOffers(db).where('partner_offers.partner_unit_id', 'in', unitIds);
  if (opts.kind) q = q.where('partner_offers.kind', '=', opts.kind);
  if (!opts.includeArchived) q = q.where('partner_offers.archived_at', 'is', null);
  return q.orderBy('partner_offers.kind').orderBy('partner_offers.id').execute();
}

export async function insertOffer(
  db: Q,
  row: {
    id: string;
    partner_unit_id: string;
    kind: string;
    title: string;
    description: string | null;
    capacity: string | null;
    created_at: string;
  },
) {
  await db
    .insertInto('partner_offers')
    .values({ ...row, archived_at: null })
    .execute();
}

export async function updateOffer(
  db: Q,
  id: string,
  set: {
    kind?: string;
    title?: string;
    description?: string | null;
    capacity?: string | null;
    archived_at?: string | null;
  },
) {
  await db.updateTable('partner_offers').set(set).where('id', '=', id).execute();
}

function selectContributions(db: Q) {
  return db
    .selectFrom('partner_contributions')
    .innerJoin('places', 'places.id', 'partner_contributions.place_id')
    .innerJoin('partner_units', 'partner_units.id', 'partner_contributions.partner_unit_id')
    .select([
      'partner_contributions.id',
      'partner_contributions.partner_unit_id',
      'partner_contributions.place_id',
      'partner_contributions.occurred_on',
      'partner_contributions.title',
      'partner_contributions.description',
      'partner_contributions.outcome',
      'partner_contributions.people_count',
      'partner_contributions.hours',
      'partner_contributions.created_at',
      'places.path as place_path',
      'places.name as place_name',
      'places.kind as place_kind',
      'partner_units.name as unit_name',
      'partner_units.kind as unit_kind',
    ]);
}

export type ContributionRow = Awaited<ReturnType<ReturnType<typeof selectContributions>['execute']>>[number];

export function findContribution(db: Q, id: string) {
  return selectContributions(db).where('partner_contributions.id', '=', id).executeTakeFirst();
}

/** Newest first by date, then by id; `before` is the (date, id) of the last row of the previous page. */
export function contributionsUnder(
  db: Q,
  opts: {
    subtreePath?: string | undefined;
    unitIds?: string[] | undefined;
    before?: { occurredOn: string; id: string } | undefined;
    limit: number;
  },
) {
  let q = selectContributions(db);
  if (opts.subtreePath !== undefined) q = q.where('places.path', 'like', `${opts.subtreePath}%`);
  if (opts.unitIds !== undefined) {
    if (opts.unitIds.length === 0) return Promise.resolve([]);
    q = q.where('partner_contributions.partner_unit_id', 'in', opts.unitIds);
  }
  const before = opts.before;
  if (before) {
    q = q.where((w) =>
      w.or([
        w('partner_contributions.occurred_on', '<', before.occurredOn),
        w.and([
          w('partner_contributions.occurred_on', '=', before.occurredOn),
          w('partner_contributions.id', '<', before.id),
        ]),
      ]),
    );
  }
  return q
    .orderBy('partner_contributions.occurred_on', 'desc')
    .orderBy('partner_contributions.id', 'desc')
    .limit(opts.limit)
    .execute();
}

/** Where each unit's contributions happened (for counting those a caller may see). */
export function contributionPlacesOfUnits(db: Q, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partner_contributions')
    .innerJoin('places', 'places.id', 'partner_contributions.place_id')
    .select(['partner_contributions.partner_unit_id', 'places.path'])
    .where('partner_contributions.partner_unit_id', 'in', unitIds)
    .execute();
}

export async function insertContribution(
  db: Q,
  row: {
    id: string;
    partner_unit_id: string;
    place_id: string;
    community_id: string | null;
    occurred_on: string;
    title: string;
    description: string | null;
    outcome: string | null;
    people_count: number | null;
    hours: number | null;
    created_by: string | null;
    created_at: string;
  },
) {
  await db.insertInto('partner_contributions').values(row).execute();
}

/** Big-committee seats a unit holds, with the committee's community. */
export function seatsOfUnit(db: Q, unitId: string) {
  return db
    .selectFrom('positions')
    .innerJoin('organisations', 'organisations.id', 'positions.organisation_id')
    .innerJoin('places', 'places.id', 'organisations.community_id')
    .select([
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
      'places.id as community_id',
      'places.name as community_name',
      'places.path as community_path',
      'positions.started_at',
    ])
    .where('positions.partner_unit_id', '=', unitId)
    .where('positions.title', '=', 'partner_seat')
    .where('positions.ended_at', 'is', null)
    .where('organisations.dissolved_at', 'is', null)
    .execute();
}
