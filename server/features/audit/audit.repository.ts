import type { Kysely } from 'kysely';
import type { Database, PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';

type Q = Kysely<Database>;

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'view'
  | 'approve'
  | 'reject'
  | 'grant'
  | 'revoke'
  | 'move'
  | 'archive'
  | 'restore'
  | 'withdraw';

export interface AuditInput {
  actorId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  place: Pick<PlaceRow, 'id' | 'path' | 'community_id' | 'kind'> | null;
  /** English, for logs and API readers. */
  summary: string;
  /** The facts behind the summary; the console words them in the reader's language. */
  params?: Record<string, string | number | null>;
  ip: string | null;
  at: string;
}

/** Append one entry. Called inside the same transaction as the change it records. */
export async function recordAudit(db: Q, e: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: e.at,
      actor_id: e.actorId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      place_id: e.place?.id ?? null,
      place_path: e.place?.path ?? null,
      community_id: e.place ? (e.place.kind === 'community' ? e.place.id : e.place.community_id) : null,
      summary: e.summary,
      params: e.params ? JSON.stringify(e.params) : null,
      ip: e.ip,
    })
    .execute();
}

/** Entries about places in a subtree, newest first. */
export function listAudit(
  db: Q,
  subtreePath: string,
  opts: { beforeId?: string; limit: number; action?: string },
) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('places', 'places.id', 'audit_log.place_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_id',
      'users.display_name as actor_name',
      'audit_log.action',
      'audit_log.entity_type',
      'audit_log.entity_id',
      'audit_log.place_id',
      'places.name as place_name',
      'audit_log.summary',
      'audit_log.params',
      'audit_log.place_path',
    ])
    .where('audit_log.place_path', 'like', `${subtreePath}%`);
  if (opts.beforeId) q = q.where('audit_log.id', '<', opts.beforeId);
  if (opts.action) q = q.where('audit_log.action', '=', opts.action);
  return q.orderBy('audit_log.id', 'desc').limit(opts.limit).execute();
}
