import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../domain/errors.js';
import { buildApp } from './app.js';
import type { PlaceRow } from './db/schema.js';
import {
  type Client,
  logIn,
  placeByNames,
  startApp,
  type TestApp,
  errorOf,
  anyString,
  freshDb,
  testConfig,
} from './test/harness.js';

/** Thousands of requests over every operation; generous, because CI machines are shared. */
const FUZZ_TIMEOUT = 300_000;

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}
interface Operation {
  operationId: string;
  parameters?: { in: 'path' | 'query'; name: string; schema: JsonSchema }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** What a request sends: everything inject() needs, and a label for the failure report. */
interface Probe {
  label: string;
  method: Method;
  url: string;
  payload?: string;
  contentType?: string;
}

describe('robustness', () => {
  let t: TestApp;
  let admin: Client;
  let xinjing: PlaceRow;
  let ids: { place: string; binding: string; grant: string };

  beforeAll(async () => {
    t = await startApp({ demo: true });
    admin = await logIn(t.app, 'admin');
    xinjing = await placeByNames(t.db, '新景社区');
    const binding = await t.db.kysely.selectFrom('bindings').select('id').executeTakeFirstOrThrow();
    const grant = await t.db.kysely
      .selectFrom('grants')
      .select('id')
      .where('role', '=', 'volunteer')
      .executeTakeFirstOrThrow();
    ids = { place: xinjing.id, binding: binding.id, grant: grant.id };
  });
  afterAll(() => t.close());

  /** The error body every 4xx and 5xx must have: a catalogue code whose status is the one sent. */
  function errorShapeProblem(res: LightMyRequestResponse): string | null {
    let body: unknown;
    try {
      body = res.json();
    } catch {
      return `not JSON: ${res.body.slice(0, 80)}`;
    }
    const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string')
      return `bad shape: ${res.body.slice(0, 120)}`;
    const entry = ERRORS[error.code as keyof typeof ERRORS] as { status: number } | undefined;
    if (!entry) return `unknown code ${error.code}`;
    if (entry.status !== res.statusCode) return `code ${error.code} sent with status ${res.statusCode}`;
    if (/sqlite|postgres|relation|syntax|kysely|node_modules|\n\s+at /i.test(error.message))
      return `internal message: ${error.message}`;
    return null;
  }

  describe('fuzzing every documented operation', () => {
    const POISONS = ['a\u0000b', "a1'); drop table places; --", '\ud83d', '𠮷'.repeat(60), '%_\\%'];

    /** A value that passes the constrained parts of a schema (enums, ids, phones) and carries `poison` in free text. */
    function plausible(schema: JsonSchema, poison: string): unknown {
      if (schema.anyOf)
        return plausible(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]!, poison);
      if (schema.enum) return schema.enum[0];
      if (schema.type === 'object') {
        return Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([k, s]) => [k, plausible(s, poison)]),
        );
      }
      if (schema.type === 'array') return [plausible(schema.items ?? {}, poison)];
      if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
      if (schema.type === 'boolean') return true;
      if (!schema.pattern) return poison;
      if (schema.pattern.includes('A-Za-z0-9_-')) return ids.place;
      if (schema.pattern.includes('[3-9]')) return '13800000099';
      if (schema.pattern.includes('\\d{6}')) return '123456';
      return 'a';
    }

    /** Replace every property with a value of the wrong kind. */
    function wrongTypes(schema: JsonSchema | undefined, value: unknown): Record<string, unknown> {
      const props = Object.keys(schema?.properties ?? { x: {} });
      return Object.fromEntries(props.map((k) => [k, value]));
    }

    function realIdFor(path: string, param: string): string {
      if (param === 'placeId' || path.startsWith('/api/v1/places/')) return ids.place;
      if (path.startsWith('/api/v1/bindings/')) return ids.binding;
      if (path.startsWith('/api/v1/grants/')) return ids.grant;
      return ids.place;
    }

    function probesFor(method: Method, path: string, op: Operation): Probe[] {
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const bodySchema = op.requestBody?.content['application/json'].schema;
      const fill = (value: (name: string) => string) =>
        path.replace(/\{(\w+)\}/g, (_, name: string) => value(name));
      const url = fill((name) => realIdFor(path, name));
      const name = `${method} ${path}`;
      const json = (label: string, body: unknown, u = url): Probe => ({
        label: `${name} ${label}`,
        method,
        url: u,
        payload: JSON.stringify(body),
        contentType: 'application/json',
      });
      const raw = (label: string, payload: string, contentType = 'application/json', u = url): Probe => ({
        label: `${name} ${label}`,
        method,
        url: u,
        payload,
        contentType,
      });
      const validBody = bodySchema ? plausible(bodySchema, 'ok') : undefined;
      const probes: Probe[] = [];

      // Path parameters that are not ids.
      if (pathParams.length > 0) {
        for (const bad of [
          '..%2F..%2Fetc',
          '../x',
          'x'.repeat(300),
          '%00',
          '%E0%A4%A',
          'a%20b',
          '__proto__',
          '01abcdefghjkmnpqrstvwxyz00',
        ]) {
          const u = fill(() => bad);
          probes.push(
            validBody === undefined
              ? { label: `${name} path=${bad.slice(0, 20)}`, method, url: u }
              : json(`path=${bad.slice(0, 20)}`, validBody, u),
          );
        }
      }

      // Bodies: missing, empty, not JSON, not an object, poisoned, wrong types, huge.
      probes.push({ label: `${name} no body`, method, url });
      probes.push(raw('empty JSON body', ''));
      probes.push(raw('invalid JSON', '{"a":'));
      probes.push(raw('JSON with a BOM', '\ufeff{}'));
      for (const text of ['[]', '[{}]', '"text"', '123', 'null', 'true', '{}'])
        probes.push(raw(`body ${text}`, text));
      probes.push(raw('__proto__ key', '{"__proto__":{"isAdmin":true},"role":"system_admin"}'));
      probes.push(raw('constructor.prototype key', '{"constructor":{"prototype":{"isAdmin":true}}}'));
      probes.push(raw('text/plain', 'hello', 'text/plain'));
      probes.push(raw('form encoded', 'a=b&role=system_admin', 'application/x-www-form-urlencoded'));
      probes.push(raw('2 MB body', JSON.stringify({ a: 'x'.repeat(2 * 1024 * 1024) })));
      probes.push(raw('deeply nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`));
      probes.push(raw('deeply nested objects', `${'{"a":'.repeat(50_000)}"\u0000"${'}'.repeat(50_000)}`));
      for (const [label, value] of [
        ['numbers', 12345],
        ['arrays', ['a']],
        ['objects', { a: 1 }],
        ['nulls', null],
        ['huge strings', 'x'.repeat(100_000)],
        ['booleans', false],
      ] as const) {
        probes.push(json(`all fields ${label}`, wrongTypes(bodySchema, value)));
      }
      if (bodySchema) {
        for (const poison of POISONS)
          probes.push(json(`poisoned ${JSON.stringify(poison).slice(0, 16)}`, plausible(bodySchema, poison)));
        probes.push(json('array of a valid body', [validBody]));
        probes.push(
          json('valid body with extra keys', {
            ...(validBody as object),
            isAdmin: true,
            communityId: 'x',
            id: 'y',
          }),
        );
      }

      // Query strings: unknown, repeated, wrong types, poisoned.
      const withQuery = (q: string) => `${url}?${q}`;
      const sendQuery = (label: string, q: string): Probe =>
        validBody === undefined
          ? { label: `${name} ?${label}`, method, url: withQuery(q) }
          : json(`?${label}`, validBody, withQuery(q));
      probes.push(sendQuery('unknown params', 'unknown=1&__proto__=x&constructor[prototype][x]=1'));
      probes.push(sendQuery('repeated limit', 'limit=1&limit=2&cursor=a&cursor=b'));
      probes.push(sendQuery('bad limit', 'limit=1e400'));
      for (const p of queryParams) {
        for (const v of ['%00', 'x'.repeat(5000), '-1', '%FF', '[]'])
          probes.push(sendQuery(`${p.name}=${v.slice(0, 10)}`, `${p.name}=${v}`));
      }
      return probes;
    }

    async function fuzz(as: 'anonymous' | 'admin'): Promise<{ sent: number; failures: string[] }> {
      const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
        paths: Record<string, Record<string, Operation>>;
      }>();
      const failures: string[] = [];
      let sent = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        if (!path.startsWith('/api/')) continue;
        for (const [m, op] of Object.entries(ops)) {
          const method = m.toUpperCase() as Method;
          // Logging out would end the admin's session half-way; it is fuzzed anonymously.
          if (as === 'admin' && op.operationId === 'logOut') continue;
          for (const probe of probesFor(method, path, op)) {
            const headers: Record<string, string> = {};
            if (as === 'admin') headers.cookie = admin.cookie;
            if (probe.contentType) headers['content-type'] = probe.contentType;
            const res = await t.app.inject({
              method: probe.method,
              url: probe.url,
              headers,
              ...(probe.payload !== undefined ? { payload: probe.payload } : {}),
            });
            sent++;
            if (res.statusCode >= 500)
              failures.push(`${probe.label}: ${res.statusCode} ${res.body.slice(0, 120)}`);
            else if (res.statusCode >= 400) {
              const problem = errorShapeProblem(res);
              if (problem) failures.push(`${probe.label}: ${res.statusCode} ${problem}`);
            }
          }
        }
      }
      return { sent, failures };
    }

    it(
      'never answers 5xx, and answers every 4xx with the error shape, for an anonymous caller',
      async () => {
        const { sent, failures } = await fuzz('anonymous');
        expect(sent).toBeGreaterThan(500);
        expect(failures).toEqual([]);
      },
      FUZZ_TIMEOUT,
    );

    it(
      'never answers 5xx, and answers every 4xx with the error shape, for a system admin',
      async () => {
        const { sent, failures } = await fuzz('admin');
        expect(sent).toBeGreaterThan(500);
        expect(failures).toEqual([]);
        // Still standing, with its data.
        expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
        const places = await t.db.kysely
          .selectFrom('places')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(places.n)).toBeGreaterThan(100);
      },
      FUZZ_TIMEOUT,
    );
  });

  describe('HTTP basics', () => {
    it.each([
      ['GET', '/api/v1/nothing-here'],
      ['GET', '/api/v2/me'],
      ['POST', '/api/v1/me'],
      ['PUT', '/api/v1/places'],
      ['GET', '/api/'],
    ] as const)('answers %s %s with a JSON 404 NOT_FOUND', async (method, url) => {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: anyString } });
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('refuses a NUL character anywhere in the input with 400, on both databases', async () => {
      const signup = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { phone: '13955550002', password: 'abc12345', displayName: '小\u0000明' },
      });
      expect(signup.statusCode).toBe(400);
      expect(errorOf(signup)).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'body.displayName' }],
      });
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: 'admin\u0000', password: 'x' },
      });
      expect(login.statusCode).toBe(400);
      const audit = await admin.get(`/api/v1/places/${xinjing.id}/audit?action=%00`);
      expect(audit.statusCode).toBe(400);
      expect(errorOf(audit).details).toEqual([{ path: 'querystring.action', message: anyString }]);
    });

    it('answers a malformed or overlong URL with the same error shape', async () => {
      for (const url of [`/api/v1/places/${'x'.repeat(300)}`, '/api/v1/places/%E0%A4%A']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(400);
        expect(res.json(), url).toEqual({ error: { code: 'BAD_REQUEST', message: anyString } });
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('answers GET /healthz with 200 {"status":"ok"}', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    });

    it('marks every /api answer no-store, whatever its status', async () => {
      const answers = [
        await admin.get('/api/v1/me'),
        await t.app.inject({ method: 'GET', url: '/api/v1/me' }),
        await admin.get(`/api/v1/places/${xinjing.id}/bindings`),
        await admin.get('/api/v1/places/%00'),
      ];
      expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 200, 400]);
      for (const res of answers) expect(res.headers['cache-control']).toBe('no-store');
    });

    it('sends security headers: a CSP without plugins or framing, and nosniff', async () => {
      for (const url of ['/healthz', '/api/v1/me', '/openapi.json']) {
        const res = await t.app.inject({ method: 'GET', url });
        const csp = String(res.headers['content-security-policy']);
        expect(csp, url).toContain("object-src 'none'");
        expect(csp, url).toMatch(/frame-ancestors '(none|self)'/);
        expect(csp, url).toContain("default-src 'self'");
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      }
    });

    it('serves the OpenAPI document', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'Linli API' } });
    });
  });
});

describe('the web app', () => {
  it('lets browsers keep hashed assets for good and check pages again each time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>邻里</title>');
    writeFileSync(join(dir, 'console.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'index-Bx7f3k2a.js'), 'console.log(1)');
    const db = await freshDb();
    const app = await buildApp(testConfig(), { db, logger: false, webDist: dir });
    try {
      const asset = await app.inject({ url: '/assets/index-Bx7f3k2a.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      for (const url of ['/', '/index.html', '/needs/new', '/console/needs']) {
        const page = await app.inject({ url });
        expect(page.statusCode, url).toBe(200);
        expect(page.headers['cache-control'], url).toBe('no-cache');
      }
      expect((await app.inject({ url: '/assets/missing-0000.js' })).statusCode).toBe(404);
    } finally {
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
