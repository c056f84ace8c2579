import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export async function findUserByLogin(db: Q, login: string) {
  const q = db.selectFrom('users').selectAll();
  return /^\d+$/.test(login)
    ? q.where('phone', '=', login).executeTakeFirst()
    : q.where('username', '=', login.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Q, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByPhone(db: Q, phone: string) {
  return db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export async function insertUser(
  db: Q,
  user: {
    id: string;
    username: string | null;
    phone: string | null;
    phoneVerifiedAt: string | null;
    displayName: string;
    passwordHash: string | null;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      phone: user.phone,
      phone_verified_at: user.phoneVerifiedAt,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      disabled_at: null,
      created_at: user.now,
      updated_at: user.now,
    })
    .execute();
}

export async function updatePasswordHash(db: Q, userId: string, passwordHash: string, now: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function markPhoneVerified(db: Q, userId: string, now: string) {
  await db
    .updateTable('users')
    .set({ phone_verified_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

// Sessions ------------------------------------------------------------------------------------------

export async function insertSession(
  db: Q,
  s: { id: string; userId: string; now: string; expiresAt: string; ip: string | null },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      ip: s.ip,
    })
    .execute();
}

/**
 * A session with its account and every grant of the account (one row per grant, at least one row),
 * in one query: this runs on every signed-in request.
 */
export async function findSession(db: Q, id: string) {
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('grants', 'grants.user_id', 'sessions.user_id')
    .leftJoin('places', 'places.id', 'grants.place_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.display_name',
      'users.disabled_at',
      'grants.id as grant_id',
      'grants.role',
      'grants.place_id',
      'grants.community_id',
      'places.path',
      'places.name',
      'places.kind',
    ])
    .where('sessions.id', '=', id)
    .orderBy('grants.id')
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  return {
    ...first,
    grants: rows.flatMap((r) =>
      r.grant_id === null || r.role === null
        ? []
        : [
            {
              id: r.grant_id,
              role: r.role,
              place_id: r.place_id,
              community_id: r.community_id,
              path: r.path,
              name: r.name,
              kind: r.kind,
            },
          ],
    ),
  };
}

export async function touchSession(db: Q, id: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Q, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** End every session of a user: on password change, role removal, or disabling the account. */
export async function deleteUserSessions(db: Q, userId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** The caller's grants, with the path of each granted place for subtree checks. */
export function findGrantsOfUser(db: Q, userId: string) {
  return db
    .selectFrom('grants')
    .leftJoin('places', 'places.id', 'grants.place_id')
    .select([
      'grants.id',
      'grants.role',
      'grants.place_id',
      'grants.community_id',
      'places.path',
      'places.name',
      'places.kind',
    ])
    .where('grants.user_id', '=', userId)
    .orderBy('grants.id')
    .execute();
}

// SMS codes -----------------------------------------------------------------------------------------

export async function insertSmsCode(
  db: Q,
  c: { id: string; phone: string; purpose: string; codeHash: string; now: string; expiresAt: string },
) {
  await db
    .insertInto('sms_codes')
    .values({
      id: c.id,
      phone: c.phone,
      purpose: c.purpose,
      code_hash: c.codeHash,
      created_at: c.now,
      expires_at: c.expiresAt,
      used_at: null,
    })
    .execute();
}

export function recentSmsCodes(db: Q, phone: string, purpose: string, since: string) {
  return db
    .selectFrom('sms_codes')
    .select(['id', 'created_at'])
    .where('phone', '=', phone)
    .where('purpose', '=', purpose)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .execute();
}

export function latestLiveSmsCode(db: Q, phone: string, purpose: string, now: string) {
  return db
    .selectFrom('sms_codes')
    .selectAll()
    .where('phone', '=', phone)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countSmsAttempt(db: Q, id: string) {
  await db
    .updateTable('sms_codes')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

/** Use a code once: only one of two racing requests sees a row updated. */
export async function consumeSmsCode(db: Q, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('sms_codes')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// Login throttling ----------------------------------------------------------------------------------

export function findLoginFailure(db: Q, key: string) {
  return db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
}

/**
 * Count one failure for `key` atomically: a new window starts when the old one is older than
 * `windowStart`; reaching `max` failures locks the key until `lockUntil`.
 */
export async function recordLoginFailure(
  db: Q,
  key: string,
  now: string,
  windowStart: string,
  max: number,
  lockUntil: string,
) {
  const failures = sql<number>`case when login_failures.window_started_at < ${windowStart} then 1 else login_failures.failures + 1 end`;
  await db
    .insertInto('login_failures')
    .values({ key, failures: 1, window_started_at: now, locked_until: max <= 1 ? lockUntil : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures,
        window_started_at: sql<string>`case when login_failures.window_started_at < ${windowStart} then ${now} else login_failures.window_started_at end`,
        locked_until: sql<
          string | null
        >`case when (${failures}) >= ${max} then ${lockUntil} else login_failures.locked_until end`,
      }),
    )
    .execute();
}

export async function clearLoginFailures(db: Q, key: string) {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}
