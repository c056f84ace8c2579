import type { z } from 'zod';
import type { Meeting, MeetingCreateBody } from '../../../domain/contracts/standards.js';
import { AppError } from '../../../domain/errors.js';
import type { MeetingKind } from '../../../domain/organisation.js';
import type { Db } from '../../db/index.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findPlace } from '../places/places.repository.js';
import * as repo from './meetings.repository.js';

type Kdb = Db['kysely'];
type MeetingView = z.infer<typeof Meeting>;

function toView(r: repo.MeetingRow): MeetingView {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    placeId: r.place_id,
    kind: r.kind as MeetingKind,
    title: r.title,
    heldAt: r.held_at,
    createdAt: r.created_at,
  };
}

/** Where an organisation stands (for the permission check), or undefined when there is none. */
export async function scopeOfOrganisation(db: Kdb, id: string): Promise<string | undefined> {
  return (await repo.findOrganisationForMeeting(db, id))?.place_id;
}

/** Record a meeting an organisation held (a plenary of the big committee counts for S7). */
export async function recordMeeting(
  db: Kdb,
  actor: Actor,
  organisationId: string,
  body: z.infer<typeof MeetingCreateBody>,
): Promise<MeetingView> {
  const org = await repo.findOrganisationForMeeting(db, organisationId);
  if (!org) throw new AppError('NOT_FOUND');
  if (org.dissolved_at !== null) {
    throw new AppError('CONFLICT', 'This organisation has been dissolved; it holds no more meetings.');
  }
  const row: repo.MeetingRow = {
    id: newId(),
    community_id: org.community_id,
    organisation_id: org.id,
    place_id: org.place_id,
    kind: body.kind,
    title: body.title,
    held_at: new Date(body.heldAt).toISOString(),
    created_at: actor.now,
  };
  await repo.insertMeeting(db, row);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'meeting',
    entityId: row.id,
    place: (await findPlace(db, org.place_id)) ?? null,
    summary: `Recorded ${body.kind} meeting "${body.title}" of ${org.name}`,
    ip: actor.ip,
    at: actor.now,
  });
  return toView(row);
}

/** Cursor of a meeting page: held_at and id of the last item. */
function cursorOf(m: repo.MeetingRow): string {
  return Buffer.from(`${m.held_at}|${m.id}`, 'utf8').toString('base64url');
}

function parseCursor(cursor: string): { heldAt: string; id: string } {
  const [heldAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!heldAt || !id || Number.isNaN(Date.parse(heldAt)) || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid. Start again from the first page.', {
      details: [{ path: 'querystring.cursor', message: 'not a cursor this API issued' }],
    });
  }
  return { heldAt, id };
}

export async function listMeetings(
  db: Kdb,
  organisationId: string,
  q: { kind?: MeetingKind; cursor?: string; limit: number },
) {
  const rows = await repo.listMeetings(db, organisationId, {
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.cursor ? { after: parseCursor(q.cursor) } : {}),
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items: items.map(toView), nextCursor: rows.length > q.limit && last ? cursorOf(last) : null };
}
