import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { MeView } from '../../../domain/contracts/auth.js';
import { AppError } from '../../../domain/errors.js';
import { isStrongPassword, LIMITS } from '../../../domain/limits.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/index.js';
import type { UserRow } from '../../db/schema.js';
import type { MessageChannel } from '../../lib/channels.js';
import { type Clock, isoAfter } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { sessionIdOf } from '../../plugins/access.js';
import * as repo from './auth.repository.js';

type Kdb = Db['kysely'];

const FAILURE_WINDOW_SECONDS = 15 * 60;
const SMS_TTL_SECONDS = 5 * 60;
const SMS_RESEND_SECONDS = 60;
const SMS_MAX_PER_HOUR = 5;
const SMS_MAX_ATTEMPTS = 5;

export type SmsPurpose = 'login' | 'verify';

export async function meOf(db: Kdb, userId: string): Promise<MeView> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const grants = await repo.findGrantsOfUser(db, userId);
  return {
    id: user.id,
    displayName: user.display_name,
    username: user.username,
    phone: user.phone,
    phoneVerified: user.phone_verified_at !== null,
    roles: grants.map((g) => ({
      role: g.role as MeView['roles'][number]['role'],
      placeId: g.place_id,
      placeName: g.name ?? '',
      placeKind: g.kind ?? null,
    })),
  };
}

export async function signUp(
  db: Kdb,
  clock: Clock,
  input: { phone: string; password: string; displayName: string },
): Promise<string> {
  if (!isStrongPassword(input.password)) {
    throw new AppError('WEAK_PASSWORD', undefined, {
      details: [{ path: 'body.password', message: 'too weak' }],
    });
  }
  if (await repo.findUserByPhone(db, input.phone)) throw new AppError('PHONE_TAKEN');
  const id = newId();
  const now = clock.now().toISOString();
  try {
    await repo.insertUser(db, {
      id,
      username: null,
      phone: input.phone,
      phoneVerifiedAt: null,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      now,
    });
  } catch (err) {
    // Two sign-ups racing for one number: the unique index decides.
    if (await repo.findUserByPhone(db, input.phone)) throw new AppError('PHONE_TAKEN');
    throw err;
  }
  return id;
}

/**
 * One failure counter per account, whichever name (phone or username) it is logged in by, and one
 * per address. A login that names no account is counted under that name.
 */
function throttleKeys(user: UserRow | undefined, login: string, ip: string | null) {
  return { account: `acct:${user ? user.id : login.toLowerCase()}`, address: ip ? `ip:${ip}` : null };
}

/** Refuse with 429 while either the account or the address is locked out. */
async function assertNotLocked(db: Kdb, clock: Clock, keys: string[]) {
  const now = clock.now().getTime();
  for (const key of keys) {
    const row = await repo.findLoginFailure(db, key);
    const until = row?.locked_until ? new Date(row.locked_until).getTime() : 0;
    if (until > now) {
      const retryAfter = Math.ceil((until - now) / 1000);
      throw new AppError('RATE_LIMITED', `Too many failed log-ins. Try again in ${retryAfter} seconds.`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
  }
}

async function countFailure(db: Kdb, clock: Clock, config: Config, keys: ReturnType<typeof throttleKeys>) {
  const now = clock.now().toISOString();
  const windowStart = isoAfter(clock, -FAILURE_WINDOW_SECONDS);
  const lockUntil = isoAfter(clock, config.login.lockSeconds);
  await repo.recordLoginFailure(
    db,
    keys.account,
    now,
    windowStart,
    config.login.maxFailuresPerAccount,
    lockUntil,
  );
  if (keys.address) {
    await repo.recordLoginFailure(
      db,
      keys.address,
      now,
      windowStart,
      config.login.maxFailuresPerAddress,
      lockUntil,
    );
  }
}

/** Password log-in by phone or username. The error never says which part was wrong. */
export async function logInWithPassword(
  db: Kdb,
  clock: Clock,
  config: Config,
  input: { login: string; password: string; ip: string | null },
): Promise<UserRow> {
  const user = await repo.findUserByLogin(db, input.login);
  const keys = throttleKeys(user, input.login, input.ip);
  await assertNotLocked(db, clock, [keys.account, ...(keys.address ? [keys.address] : [])]);
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok || user.disabled_at !== null) {
    await countFailure(db, clock, config, keys);
    throw new AppError('INVALID_CREDENTIALS');
  }
  await repo.clearLoginFailures(db, keys.account);
  return user;
}

/** A new session; the returned token goes into the cookie and is never stored. */
export async function startSession(
  db: Kdb,
  clock: Clock,
  config: Config,
  userId: string,
  ip: string | null,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await repo.insertSession(db, {
    id: sessionIdOf(token),
    userId,
    now: clock.now().toISOString(),
    expiresAt: isoAfter(clock, config.session.absoluteDays * 86_400),
    ip,
  });
  return token;
}

function hashCode(phone: string, code: string) {
  return createHash('sha256').update(`${phone}:${code}`).digest('hex');
}

/**
 * Send a one-time code. For log-in the code goes only to a verified number of an existing account,
 * but the answer is the same either way, so the endpoint does not reveal who has an account.
 */
export async function requestSmsCode(
  db: Kdb,
  clock: Clock,
  sms: MessageChannel,
  phone: string,
  purpose: SmsPurpose,
): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
  const recent = await repo.recentSmsCodes(db, phone, purpose, isoAfter(clock, -3600));
  const last = recent[0];
  const sinceLast = last ? (clock.now().getTime() - new Date(last.created_at).getTime()) / 1000 : Infinity;
  if (sinceLast < SMS_RESEND_SECONDS || recent.length >= SMS_MAX_PER_HOUR) {
    const wait = sinceLast < SMS_RESEND_SECONDS ? Math.ceil(SMS_RESEND_SECONDS - sinceLast) : 3600;
    throw new AppError(
      'RATE_LIMITED',
      `A code was sent recently. Wait ${wait} seconds before asking again.`,
      {
        headers: { 'retry-after': String(wait) },
      },
    );
  }
  const code = String(randomInt(0, 10 ** LIMITS.smsCodeLength)).padStart(LIMITS.smsCodeLength, '0');
  await repo.insertSmsCode(db, {
    id: newId(),
    phone,
    purpose,
    codeHash: hashCode(phone, code),
    now: clock.now().toISOString(),
    expiresAt: isoAfter(clock, SMS_TTL_SECONDS),
  });
  const user = await repo.findUserByPhone(db, phone);
  const deliverable =
    user && user.disabled_at === null && (purpose === 'verify' || user.phone_verified_at !== null);
  if (deliverable) {
    await sms.send(
      phone,
      `【邻里】验证码 ${code}，${SMS_TTL_SECONDS / 60} 分钟内有效，请勿告诉他人。Linli code ${code}.`,
    );
  }
  return { expiresInSeconds: SMS_TTL_SECONDS, resendAfterSeconds: SMS_RESEND_SECONDS };
}

/** Check and use a code once. Wrong guesses count; five wrong guesses kill the code. */
export async function consumeSmsCode(
  db: Kdb,
  clock: Clock,
  phone: string,
  purpose: SmsPurpose,
  code: string,
): Promise<void> {
  const now = clock.now().toISOString();
  const row = await repo.latestLiveSmsCode(db, phone, purpose, now);
  if (!row || row.attempts >= SMS_MAX_ATTEMPTS) throw new AppError('INVALID_CODE');
  if (row.code_hash !== hashCode(phone, code)) {
    await repo.countSmsAttempt(db, row.id);
    throw new AppError('INVALID_CODE');
  }
  if (!(await repo.consumeSmsCode(db, row.id, now))) throw new AppError('INVALID_CODE');
}

export async function logInWithSmsCode(
  db: Kdb,
  clock: Clock,
  config: Config,
  input: { phone: string; code: string; ip: string | null },
): Promise<UserRow> {
  const user = await repo.findUserByPhone(db, input.phone);
  const keys = throttleKeys(user, input.phone, input.ip);
  await assertNotLocked(db, clock, [keys.account, ...(keys.address ? [keys.address] : [])]);
  try {
    await consumeSmsCode(db, clock, input.phone, 'login', input.code);
  } catch (err) {
    await countFailure(db, clock, config, keys);
    throw err;
  }
  if (!user || user.disabled_at !== null || user.phone_verified_at === null)
    throw new AppError('INVALID_CODE');
  await repo.clearLoginFailures(db, keys.account);
  return user;
}

export async function verifyOwnPhone(db: Kdb, clock: Clock, userId: string, code: string): Promise<void> {
  const user = await repo.findUserById(db, userId);
  if (!user?.phone) throw new AppError('BAD_REQUEST', 'This account has no phone number to verify.');
  await consumeSmsCode(db, clock, user.phone, 'verify', code);
  await repo.markPhoneVerified(db, userId, clock.now().toISOString());
}

/** Change the password and end every session of the account; the caller gets a fresh one. */
export async function changePassword(
  db: Kdb,
  clock: Clock,
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await repo.findUserById(db, userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'The current password is not correct.', {
      details: [{ path: 'body.currentPassword', message: 'not correct' }],
    });
  }
  if (!isStrongPassword(input.newPassword)) {
    throw new AppError('WEAK_PASSWORD', undefined, {
      details: [{ path: 'body.newPassword', message: 'too weak' }],
    });
  }
  await repo.updatePasswordHash(db, userId, await hashPassword(input.newPassword), clock.now().toISOString());
  await repo.deleteUserSessions(db, userId);
}
