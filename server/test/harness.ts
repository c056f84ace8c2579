import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { expect } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { createDb, type Db, migrate } from '../db/index.js';
import type { PlaceRow } from '../db/schema.js';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo.js';

/** A clock tests can move forward. */
export class TestClock {
  private t: number;
  constructor(start = Date.parse('2026-11-29T08:00:00.000Z')) {
    this.t = start;
  }
  now = () => new Date(this.t);
  advance(seconds: number) {
    this.t += seconds * 1000;
  }
}

/** Which database the suite runs on: PostgreSQL when DATABASE_URL names one, else SQLite in memory. */
export const dialect: 'sqlite' | 'postgres' = process.env.DATABASE_URL?.startsWith('postgres')
  ? 'postgres'
  : 'sqlite';

/**
 * A fresh, migrated database of the suite's dialect. On PostgreSQL each call gets its own schema,
 * dropped again by close(), so test files never see each other's rows.
 */
export async function freshDb(): Promise<Db> {
  if (dialect === 'sqlite') {
    const db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrate(db);
    return db;
  }
  const url = process.env.DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = createDb({ kind: 'postgres', url, poolSize: 5, schema });
  // Kysely's migrator looks at every schema of the database; another test file dropping its own
  // schema at that moment fails the look-up ("schema … does not exist", 3F000). Try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(db);
      break;
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (code !== '3F000' || attempt >= 5) throw err;
    }
  }
  return {
    ...db,
    close: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', ...overrides });
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  clock: TestClock;
  close(): Promise<void>;
}

/** The real app on a fresh database, optionally with the demo district. */
export async function startApp(
  opts: { demo?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = await freshDb();
  const clock = new TestClock();
  if (opts.demo) await seedDemo(db, clock.now());
  const app = await buildApp(testConfig(opts.env), { db, clock, logger: false, webDist: '/nonexistent' });
  await app.ready();
  return {
    app,
    db,
    clock,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export interface ErrorPayload {
  code: string;
  message: string;
  details?: { path?: string; message: string }[];
}

/** Matches any string; typed `unknown` so that lint sees no `any` in expected objects. */
export const anyString: unknown = expect.any(String);

/** The `error` of an error response. */
export function errorOf(res: LightMyRequestResponse): ErrorPayload {
  return res.json<{ error: ErrorPayload }>().error;
}

/** A logged-in client: inject() with its session cookie. */
export interface Client {
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function client(app: FastifyInstance, cookie = ''): Client {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return {
    cookie,
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body),
    patch: (url, body) => send('PATCH', url, body),
    delete: (url) => send('DELETE', url),
  };
}

export function sessionCookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'linli_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `linli_session=${c.value}`;
}

/** Log in as a demo account (or any login/password) and return a client holding its session. */
export async function logIn(app: FastifyInstance, login: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`log-in as ${login} failed: ${res.statusCode} ${res.body}`);
  return client(app, sessionCookieOf(res));
}

/** The id of the place a demo account holds its first role on. */
export async function placeOf(c: Client): Promise<string> {
  const me = (await c.get('/api/v1/me')).json<{ roles: { placeId: string | null }[] }>();
  const id = me.roles[0]?.placeId;
  if (!id) throw new Error('caller has no place');
  return id;
}

/**
 * A place found by its names from a uniquely named ancestor down, e.g.
 * `placeByNames(db, '新景社区', '颐景名苑', '1幢', '102室')`.
 */
export async function placeByNames(db: Db, first: string, ...rest: string[]): Promise<PlaceRow> {
  const tops = await db.kysely.selectFrom('places').selectAll().where('name', '=', first).execute();
  if (tops.length !== 1) throw new Error(`expected one place named ${first}, found ${tops.length}`);
  let place = tops[0]!;
  for (const name of rest) {
    const child = await db.kysely
      .selectFrom('places')
      .selectAll()
      .where('parent_id', '=', place.id)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!child) throw new Error(`no place ${name} under ${place.name}`);
    place = child;
  }
  return place;
}
