import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../domain/roles.js';
import type { PlaceRow } from '../db/schema.js';
import { createDeps, type Deps } from '../deps.js';
import { newId } from '../lib/ids.js';
import {
  type Client,
  logIn,
  placeByNames,
  sessionCookieOf,
  client,
  startApp,
  testConfig,
  type TestApp,
  errorOf,
  anyString,
} from '../test/harness.js';
import { accessPlugin, accessTableOf } from './access.js';

interface OpenApi {
  paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
}

describe('access control and community isolation', () => {
  let t: TestApp;
  let staffXinjing: Client;
  let xinjing: PlaceRow;
  let yijing: PlaceRow;
  let building1: PlaceRow;
  let flat102: PlaceRow;
  let flat201: PlaceRow;
  let garden: PlaceRow;
  let dongshan: PlaceRow;
  let yunjian: PlaceRow;
  let archivedBuilding: PlaceRow;
  let bindingId: string;
  let leaderGrantId: string;
  let residentYunjianId: string;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    staffXinjing = await logIn(t.app, 'staff.xinjing');
    xinjing = await placeByNames(t.db, '新景社区');
    yijing = await placeByNames(t.db, '新景社区', '颐景名苑');
    building1 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    flat102 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '102室');
    flat201 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '201室');
    garden = await placeByNames(t.db, '新景社区', '新景花园');
    dongshan = await placeByNames(t.db, '东山社区');
    yunjian = await placeByNames(t.db, '东山社区', '云间小区');
    archivedBuilding = await placeByNames(t.db, '新景社区', '新景花园', '3幢');
    expect((await staffXinjing.post(`/api/v1/places/${archivedBuilding.id}/archive`)).statusCode).toBe(200);
    bindingId = (
      await t.db.kysely
        .selectFrom('bindings')
        .select('id')
        .where('household_id', '=', flat102.id)
        .executeTakeFirstOrThrow()
    ).id;
    leaderGrantId = (
      await t.db.kysely
        .selectFrom('grants')
        .select('id')
        .where('role', '=', 'building_leader')
        .where('place_id', '=', building1.id)
        .executeTakeFirstOrThrow()
    ).id;
    residentYunjianId = (
      await t.db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'resident.yunjian')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  describe('declaration', () => {
    it('has every /api route declare who may call it, and a place for every permission check', () => {
      const table = accessTableOf(t.app);
      expect(table.length).toBeGreaterThan(20);
      const allowed = new Set<string>(['public', 'session', ...PERMISSIONS]);
      for (const r of table) {
        expect(allowed.has(r.access ?? ''), `${r.method} ${r.url}`).toBe(true);
        if (r.access !== 'public' && r.access !== 'session')
          expect(r.scoped, `${r.method} ${r.url} has no scope`).toBe(true);
      }
      // Anything new that anyone may call without logging in must be added here on purpose.
      expect(
        table
          .filter((r) => r.access === 'public')
          .map((r) => `${r.method} ${r.url}`)
          .sort(),
      ).toEqual([
        // The public card a door sign's QR code opens (C3): only what the member chose to show.
        'GET /api/v1/cards/:token',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'POST /api/v1/auth/signup',
        'POST /api/v1/auth/sms/code',
        'POST /api/v1/auth/sms/login',
      ]);
    });

    it('refuses to start with an /api route that declares no access, or no operationId', async () => {
      const deps = (): Deps => createDeps(testConfig(), t.db, t.clock, Fastify().log);
      const build = async (route: (app: FastifyInstance) => void) => {
        const app = Fastify({ logger: false });
        await app.register(accessPlugin, { deps: deps() });
        try {
          route(app);
          await app.ready();
        } finally {
          await app.close();
        }
      };
      await expect(
        build((app) =>
          app.get('/api/v1/naked', { schema: { operationId: 'naked', tags: ['x'] } }, () => 'hi'),
        ),
      ).rejects.toThrow(/GET \/api\/v1\/naked declares no access/);
      await expect(
        build((app) => app.post('/api/v1/anonymous', { config: { access: 'session' } }, () => 'hi')),
      ).rejects.toThrow(/no operationId or tags/);
      // Pages and health checks outside /api are not held to it.
      await expect(build((app) => app.get('/about', () => 'hi'))).resolves.toBeUndefined();
      await expect(
        build((app) =>
          app.get(
            '/api/v1/fine',
            { config: { access: 'session' }, schema: { operationId: 'fine', tags: ['x'] } },
            () => 'hi',
          ),
        ),
      ).resolves.toBeUndefined();
    });

    it('documents every operation in /openapi.json with a unique operationId and tags, matching the routes', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json<OpenApi>();
      const ids: string[] = [];
      const documented: string[] = [];
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
          expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
          ids.push(op.operationId!);
          if (path.startsWith('/api/'))
            documented.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
        }
      }
      expect(new Set(ids).size).toBe(ids.length);
      const registered = accessTableOf(t.app).map((r) => `${r.method} ${r.url}`);
      expect(documented.sort()).toEqual([...registered].sort());
    });

    it('guards HEAD as it guards GET', async () => {
      const res = await t.app.inject({ method: 'HEAD', url: `/api/v1/places/${xinjing.id}` });
      expect(res.statusCode).toBe(401);
      const staffDongshan = await logIn(t.app, 'staff.dongshan');
      const hidden = await t.app.inject({
        method: 'HEAD',
        url: `/api/v1/places/${xinjing.id}`,
        headers: { cookie: staffDongshan.cookie },
      });
      expect(hidden.statusCode).toBe(404);
    });
  });

  describe('another community’s objects do not exist', () => {
    type Row = [
      name: string,
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: () => string,
      body?: () => object,
    ];
    const matrix: Row[] = [
      ['get a community', 'GET', () => `/api/v1/places/${xinjing.id}`],
      ['get a compound', 'GET', () => `/api/v1/places/${yijing.id}`],
      ['get a household', 'GET', () => `/api/v1/places/${flat102.id}`],
      ['list children', 'GET', () => `/api/v1/places/${xinjing.id}/children`],
      ['rename', 'PATCH', () => `/api/v1/places/${yijing.id}`, () => ({ name: '改名' })],
      [
        'create under',
        'POST',
        () => '/api/v1/places',
        () => ({ parentId: yijing.id, kind: 'building', name: '9幢' }),
      ],
      ['move away', 'POST', () => `/api/v1/places/${building1.id}/move`, () => ({ parentId: yunjian.id })],
      [
        'move a compound away',
        'POST',
        () => `/api/v1/places/${yijing.id}/move`,
        () => ({ parentId: dongshan.id }),
      ],
      ['archive', 'POST', () => `/api/v1/places/${yijing.id}/archive`],
      ['restore', 'POST', () => `/api/v1/places/${archivedBuilding.id}/restore`],
      ['list bindings', 'GET', () => `/api/v1/places/${xinjing.id}/bindings`],
      ['approve a binding', 'POST', () => `/api/v1/bindings/${bindingId}/approve`],
      [
        'reject a binding',
        'POST',
        () => `/api/v1/bindings/${bindingId}/reject`,
        () => ({ reason: '不认识' }),
      ],
      ['list grants', 'GET', () => `/api/v1/places/${xinjing.id}/grants`],
      [
        'grant a role',
        'POST',
        () => '/api/v1/grants',
        () => ({ userId: residentYunjianId, role: 'volunteer', placeId: yijing.id }),
      ],
      ['revoke a role', 'DELETE', () => `/api/v1/grants/${leaderGrantId}`],
      ['find an account', 'GET', () => `/api/v1/places/${xinjing.id}/accounts?phone=13800000014`],
      ['read the audit log', 'GET', () => `/api/v1/places/${xinjing.id}/audit`],
    ];
    /** The same request with every id swapped for one that exists nowhere. */
    const ghost = (s: string) =>
      [xinjing, yijing, flat102, building1, archivedBuilding]
        .reduce((u, p) => u.replaceAll(p.id, newId()), s)
        .replace(bindingId, newId())
        .replace(leaderGrantId, newId());

    const outsiders = ['staff.dongshan', 'staff.xueyuan', 'resident.yunjian'];
    const callers = new Map<string, Client>();
    beforeAll(async () => {
      for (const login of outsiders) callers.set(login, await logIn(t.app, login));
    });

    describe.each(outsiders)('for %s', (login) => {
      it.each(matrix)('%s → 404, as if it did not exist', async (_name, method, url, body) => {
        const c = callers.get(login)!;
        const send = (u: string) =>
          t.app.inject({
            method,
            url: u,
            headers: { cookie: c.cookie },
            ...(body ? { payload: body() } : {}),
          });
        const res = await send(url());
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: anyString } });
        // Indistinguishable from an id that exists nowhere (for the object in the path).
        const missing = await send(url().includes('?') ? url() : ghost(url()));
        expect(missing.statusCode).toBe(404);
      });
    });

    it('left every object as it was', async () => {
      const get = async (id: string) =>
        (await staffXinjing.get(`/api/v1/places/${id}`)).json<{
          name: string;
          archived: boolean;
          parentId: string;
          communityId: string;
        }>();
      expect(await get(yijing.id)).toMatchObject({
        name: '颐景名苑',
        archived: false,
        parentId: xinjing.id,
        communityId: xinjing.id,
      });
      expect(await get(building1.id)).toMatchObject({ parentId: yijing.id });
      expect(await get(archivedBuilding.id)).toMatchObject({ archived: true });
      const children = (await staffXinjing.get(`/api/v1/places/${yijing.id}/children`)).json<{
        items: { name: string }[];
      }>();
      expect(children.items.map((c) => c.name)).not.toContain('9幢');
      const binding = await t.db.kysely
        .selectFrom('bindings')
        .select('status')
        .where('id', '=', bindingId)
        .executeTakeFirstOrThrow();
      expect(binding.status).toBe('pending');
      expect(
        await t.db.kysely
          .selectFrom('grants')
          .select('id')
          .where('id', '=', leaderGrantId)
          .executeTakeFirst(),
      ).toBeDefined();
      const volunteer = await t.db.kysely
        .selectFrom('grants')
        .select('id')
        .where('user_id', '=', residentYunjianId)
        .where('role', '=', 'volunteer')
        .executeTakeFirst();
      expect(volunteer).toBeUndefined();
    });

    it('does not let staff move their own place into another community', async () => {
      const staffDongshan = callers.get('staff.dongshan')!;
      const res = await staffDongshan.post(`/api/v1/places/${yunjian.id}/move`, { parentId: xinjing.id });
      expect(res.statusCode).toBe(404);
      expect((await staffDongshan.get(`/api/v1/places/${yunjian.id}`)).json()).toMatchObject({
        parentId: dongshan.id,
      });
    });
  });

  describe('a resident', () => {
    let resident: Client;
    beforeAll(async () => {
      resident = await logIn(t.app, 'resident');
    });

    it('sees her own household and nothing of her neighbour’s (404)', async () => {
      expect((await resident.get(`/api/v1/places/${flat201.id}`)).statusCode).toBe(200);
      for (const url of [
        `/api/v1/places/${flat102.id}`,
        `/api/v1/places/${building1.id}`,
        `/api/v1/places/${flat102.id}/children`,
      ]) {
        const res = await resident.get(url);
        expect(res.statusCode, url).toBe(404);
        expect(errorOf(res).code).toBe('NOT_FOUND');
      }
      expect((await resident.post(`/api/v1/bindings/${bindingId}/approve`)).statusCode).toBe(404);
    });

    it('is forbidden (403) what her role in her own household does not allow', async () => {
      const attempts: [string, () => Promise<{ statusCode: number; json(): unknown }>][] = [
        ['rename', () => resident.patch(`/api/v1/places/${flat201.id}`, { name: '我家' })],
        ['archive', () => resident.post(`/api/v1/places/${flat201.id}/archive`)],
        ['list bindings', () => resident.get(`/api/v1/places/${flat201.id}/bindings`)],
        ['list grants', () => resident.get(`/api/v1/places/${flat201.id}/grants`)],
        ['read audit', () => resident.get(`/api/v1/places/${flat201.id}/audit`)],
      ];
      for (const [name, attempt] of attempts) {
        const res = await attempt();
        expect(res.statusCode, name).toBe(403);
        expect(res.json(), name).toEqual({ error: { code: 'FORBIDDEN', message: anyString } });
      }
    });

    it('cannot create a district (a system-wide action) and is told 403, not 404', async () => {
      const res = await resident.post('/api/v1/places', { parentId: null, kind: 'district', name: '新区' });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('mass assignment', () => {
    it('ignores a role, id or verified flag smuggled into a sign-up', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: {
          phone: '13955550001',
          password: 'abc12345',
          displayName: '小明',
          id: 'chosen-id',
          role: 'system_admin',
          roles: [{ role: 'system_admin', placeId: null }],
          phoneVerified: true,
          communityId: xinjing.id,
        },
      });
      expect(res.statusCode).toBe(201);
      const me = await client(t.app, sessionCookieOf(res)).get('/api/v1/me');
      expect(me.json()).toMatchObject({ phoneVerified: false, roles: [] });
      expect(me.json<{ id: string }>().id).not.toBe('chosen-id');
    });

    it('ignores a communityId, id or archived flag smuggled into a new place', async () => {
      const res = await staffXinjing.post('/api/v1/places', {
        parentId: yijing.id,
        kind: 'building',
        name: '8幢',
        id: 'chosen-id',
        communityId: dongshan.id,
        archived: true,
        path: '/',
      });
      expect(res.statusCode).toBe(201);
      const place = res.json<{ id: string; communityId: string; archived: boolean; parentId: string }>();
      expect(place).toMatchObject({ communityId: xinjing.id, archived: false, parentId: yijing.id });
      expect(place.id).not.toBe('chosen-id');
      const row = await t.db.kysely
        .selectFrom('places')
        .selectAll()
        .where('id', '=', place.id)
        .executeTakeFirstOrThrow();
      expect(row.path).toBe(`${yijing.path}${place.id}/`);
    });

    it('ignores a status, user or community smuggled into a binding request or decision', async () => {
      const newcomer = await logIn(t.app, 'newcomer');
      const flat = await placeByNames(t.db, '新景社区', '颐景名苑', '2幢', '101室');
      const res = await newcomer.post('/api/v1/bindings', {
        householdId: flat.id,
        status: 'approved',
        userId: residentYunjianId,
        communityId: dongshan.id,
      });
      expect(res.statusCode).toBe(201);
      const b = res.json<{ id: string; status: string; applicant: { displayName: string } }>();
      expect(b).toMatchObject({ status: 'pending', applicant: { displayName: '何静' } });
      const row = await t.db.kysely
        .selectFrom('bindings')
        .selectAll()
        .where('id', '=', b.id)
        .executeTakeFirstOrThrow();
      expect(row.community_id).toBe(xinjing.id);
      const me = (await newcomer.get('/api/v1/me')).json<{ roles: unknown[] }>();
      expect(me.roles).toEqual([]);

      const rejected = await staffXinjing.post(`/api/v1/bindings/${b.id}/reject`, {
        reason: '信息不符',
        status: 'approved',
      });
      expect(rejected.json()).toMatchObject({ status: 'rejected', reason: '信息不符' });
    });

    it('ignores a communityId smuggled into a grant', async () => {
      const res = await staffXinjing.post('/api/v1/grants', {
        userId: residentYunjianId,
        role: 'volunteer',
        placeId: garden.id,
        communityId: dongshan.id,
      });
      expect(res.statusCode).toBe(201);
      const row = await t.db.kysely
        .selectFrom('grants')
        .selectAll()
        .where('id', '=', res.json<{ id: string }>().id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ community_id: xinjing.id, place_id: garden.id, role: 'volunteer' });
    });
  });
});
