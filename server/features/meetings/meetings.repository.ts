import type { Kysely, Selectable } from 'kysely';
import type { Database, MeetingsTable } from '../../db/schema.js';

type Q = Kysely<Database>;
export type MeetingRow = Selectable<MeetingsTable>;

/** The organisation a meeting is recorded for: where it stands and whether it still exists. */
export function findOrganisationForMeeting(db: Q, id: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'community_id', 'place_id', 'kind', 'name', 'dissolved_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertMeeting(db: Q, row: MeetingRow): Promise<void> {
  await db.insertInto('meetings').values(row).execute();
}

/** An organisation's meetings, latest first (ties by id), one page at a time. */
export function listMeetings(
  db: Q,
  organisationId: string,
  opts: { kind?: string; after?: { heldAt: string; id: string }; limit: number },
): Promise<MeetingRow[]> {
  let q = db.selectFrom('meetings').selectAll().where('organisation_id', '=', organisationId);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  const after = opts.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('held_at', '<', after.heldAt),
        eb.and([eb('held_at', '=', after.heldAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return q.orderBy('held_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

export function findMeeting(db: Q, id: string): Promise<MeetingRow | undefined> {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
}
