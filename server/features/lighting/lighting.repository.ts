import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

const CH_COLUMNS = [
  'central_households.id',
  'central_households.community_id',
  'central_households.household_id',
  'central_households.leader_person_id',
  'central_households.title',
  'central_households.services',
  'central_households.motto',
  'central_households.show_name',
  'central_households.show_flat',
  'central_households.lit_at',
  'central_households.consent_id',
  'central_households.card_token',
  'central_households.ended_at',
  'people.name as leader_name',
  'people.user_id as leader_user_id',
  'places.path as household_path',
  'places.name as household_name',
] as const;

function selectCentralHouseholds(db: Q) {
  return db
    .selectFrom('central_households')
    .innerJoin('people', 'people.id', 'central_households.leader_person_id')
    .innerJoin('places', 'places.id', 'central_households.household_id')
    .select(CH_COLUMNS);
}

export type CentralHouseholdRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectCentralHouseholds>['executeTakeFirst']>>
>;

/** A live (not ended) central household with its leader and household. */
export function findCentralHousehold(db: Q, id: string) {
  return selectCentralHouseholds(db)
    .where('central_households.id', '=', id)
    .where('central_households.ended_at', 'is', null)
    .executeTakeFirst();
}

/** The live central households the person behind this account leads. */
export function listCentralHouseholdsLedBy(db: Q, userId: string) {
  return selectCentralHouseholds(db)
    .where('people.user_id', '=', userId)
    .where('people.archived_at', 'is', null)
    .where('central_households.ended_at', 'is', null)
    .orderBy('places.path')
    .execute();
}

/** Live central households of households in a subtree. */
export function listCentralHouseholdsUnder(db: Q, subtreePath: string) {
  return selectCentralHouseholds(db)
    .where('places.path', 'like', `${subtreePath}%`)
    .where('central_households.ended_at', 'is', null)
    .orderBy('places.path')
    .execute();
}

/** The lit card behind a token; its consent must still stand. */
export function findLitByToken(db: Q, token: string) {
  return selectCentralHouseholds(db)
    .innerJoin('consents', 'consents.id', 'central_households.consent_id')
    .where('central_households.card_token', '=', token)
    .where('central_households.lit_at', 'is not', null)
    .where('central_households.ended_at', 'is', null)
    .where('consents.withdrawn_at', 'is', null)
    .executeTakeFirst();
}

export function findConsentsByIds(db: Q, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('consents')
    .leftJoin('users', 'users.id', 'consents.recorded_by')
    .select([
      'consents.id',
      'consents.person_id',
      'consents.text_version',
      'consents.granted_at',
      'consents.withdrawn_at',
      'consents.recorded_by',
      'users.display_name as recorded_by_name',
    ])
    .where('consents.id', 'in', ids)
    .execute();
}

export async function insertConsent(
  db: Q,
  row: {
    id: string;
    communityId: string;
    personId: string;
    textVersion: string;
    grantedAt: string;
    recordedBy: string;
  },
) {
  await db
    .insertInto('consents')
    .values({
      id: row.id,
      community_id: row.communityId,
      person_id: row.personId,
      purpose: 'light_up',
      text_version: row.textVersion,
      granted_at: row.grantedAt,
      withdrawn_at: null,
      recorded_by: row.recordedBy,
    })
    .execute();
}

/** Withdraw every standing light-up consent of a person. */
export async function withdrawLightUpConsents(db: Q, personId: string, at: string) {
  await db
    .updateTable('consents')
    .set({ withdrawn_at: at })
    .where('person_id', '=', personId)
    .where('purpose', '=', 'light_up')
    .where('withdrawn_at', 'is', null)
    .execute();
}

export interface CardChoiceColumns {
  title: string;
  services: string;
  motto: string | null;
  show_name: number;
  show_flat: number;
}

/** Light up: only if not lit already, so two requests cannot both succeed. Returns whether it did. */
export async function markLit(
  db: Q,
  id: string,
  set: CardChoiceColumns & { consent_id: string; card_token: string; lit_at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('central_households')
    .set({ ...set, updated_at: set.lit_at })
    .where('id', '=', id)
    .where('lit_at', 'is', null)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Put the light out: the card's token is forgotten at once, so the printed QR leads nowhere. */
export async function markUnlit(db: Q, id: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('central_households')
    .set({ lit_at: null, card_token: null, updated_at: at })
    .where('id', '=', id)
    .where('lit_at', 'is not', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function updateChoices(db: Q, id: string, set: CardChoiceColumns, at: string) {
  await db
    .updateTable('central_households')
    .set({ ...set, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Lit households under a subtree, counted. */
export async function countLitUnder(db: Q, subtreePath: string): Promise<number> {
  const row = await db
    .selectFrom('central_households')
    .innerJoin('places', 'places.id', 'central_households.household_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('places.path', 'like', `${subtreePath}%`)
    .where('central_households.lit_at', 'is not', null)
    .where('central_households.ended_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertCardMessage(
  db: Q,
  row: {
    id: string;
    centralHouseholdId: string;
    communityId: string;
    fromUserId: string;
    body: string;
    at: string;
  },
) {
  await db
    .insertInto('card_messages')
    .values({
      id: row.id,
      central_household_id: row.centralHouseholdId,
      community_id: row.communityId,
      from_user_id: row.fromUserId,
      body: row.body,
      created_at: row.at,
      read_at: null,
    })
    .execute();
}

export async function countMessagesFromSince(db: Q, fromUserId: string, chId: string, since: string) {
  const row = await db
    .selectFrom('card_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('from_user_id', '=', fromUserId)
    .where('central_household_id', '=', chId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function listMessages(db: Q, chId: string, limit: number) {
  return db
    .selectFrom('card_messages')
    .innerJoin('users', 'users.id', 'card_messages.from_user_id')
    .select([
      'card_messages.id',
      'card_messages.body',
      'card_messages.created_at',
      'card_messages.read_at',
      'users.display_name',
    ])
    .where('card_messages.central_household_id', '=', chId)
    .orderBy('card_messages.id', 'desc')
    .limit(limit)
    .execute();
}

export async function unreadCounts(db: Q, chIds: string[]): Promise<Map<string, number>> {
  if (chIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('card_messages')
    .select(['central_household_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('central_household_id', 'in', chIds)
    .where('read_at', 'is', null)
    .groupBy('central_household_id')
    .execute();
  return new Map(rows.map((r) => [r.central_household_id, Number(r.n)]));
}

export async function markMessagesRead(db: Q, chId: string, at: string) {
  await db
    .updateTable('card_messages')
    .set({ read_at: at })
    .where('central_household_id', '=', chId)
    .where('read_at', 'is', null)
    .execute();
}
