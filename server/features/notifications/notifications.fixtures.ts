import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { NeedUrgency } from '../../../domain/needs.js';
import type { Db } from '../../db/index.js';
import { runDueJobs } from '../../lib/jobs.js';
import { findPlace } from '../places/places.repository.js';
import { createNeed, toFacts } from '../needs/needs.service.js';
import { JOB_HANDLERS } from './notifications.jobs.js';

// Test helpers for notifications, live events and the ladder (not a test file itself).

export async function userIdOf(db: Db, username: string): Promise<string> {
  const u = await db.kysely
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return u.id;
}

/** The household a demo account holds its resident role on. */
export async function homeOf(db: Db, username: string) {
  const g = await db.kysely
    .selectFrom('grants')
    .innerJoin('users', 'users.id', 'grants.user_id')
    .select('grants.place_id')
    .where('users.username', '=', username)
    .where('grants.role', '=', 'resident')
    .executeTakeFirstOrThrow();
  return (await findPlace(db.kysely, g.place_id!))!;
}

/** A need posted by a demo resident for her own household, through the needs service (hooks included). */
export async function postNeedAs(
  app: FastifyInstance,
  username: string,
  opts: { urgency?: NeedUrgency; category?: string } = {},
) {
  const { db, clock } = app.deps;
  const residentId = await userIdOf(db, username);
  const place = await homeOf(db, username);
  const need = await db.kysely.transaction().execute((trx) =>
    createNeed(trx, app.deps, {
      place,
      category: opts.category ?? 'health',
      description: '孩子发烧，需要退烧药',
      urgency: opts.urgency ?? 'normal',
      residentUserId: residentId,
      residentPersonId: null,
      postedBy: residentId,
      source: 'app',
      at: clock.now().toISOString(),
    }),
  );
  return toFacts(need);
}

export const runJobs = (app: FastifyInstance, instance = 'test') =>
  runDueJobs(app.deps, instance, JOB_HANDLERS);

export async function notificationsOf(db: Db, userId: string, kind?: string) {
  let q = db.kysely.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('id').execute();
}

export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * A server-sent-events client over real HTTP: `next(name)` waits for the next event of that name
 * (events that arrived earlier are kept in order), `close()` hangs up.
 */
export async function openEvents(baseUrl: string, cookie: string) {
  const events: SseEvent[] = [];
  const waiters: { name: string; resolve: (e: SseEvent) => void }[] = [];
  let buffer = '';
  let res!: IncomingMessage;
  const req = httpRequest(`${baseUrl}/api/v1/me/events`, {
    headers: { cookie, accept: 'text/event-stream' },
  });
  await new Promise<void>((resolve, reject) => {
    req.on('response', (r) => {
      res = r;
      resolve();
    });
    req.on('error', reject);
    req.end();
  });
  const deliver = () => {
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i]!;
      const at = events.findIndex((e) => e.event === w.name);
      if (at >= 0) {
        const [e] = events.splice(at, 1);
        waiters.splice(i--, 1);
        w.resolve(e!);
      }
    }
  };
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (name && data !== undefined) events.push({ event: name, data: JSON.parse(data) as unknown });
    }
    deliver();
  });
  return {
    status: res.statusCode,
    headers: res.headers,
    next(name: string, timeoutMs = 5000): Promise<SseEvent> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${name}" event within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          name,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
        deliver();
      });
    },
    /** Events received and not taken by next(). */
    pending: () => [...events],
    close() {
      req.destroy();
    },
  };
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}
