import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceRow } from '../../db/schema.js';
import { type BuiltUser, buildUser } from '../../test/factories.js';
import {
  type Client,
  client,
  logIn,
  placeByNames,
  sessionCookieOf,
  startApp,
  type TestApp,
  errorOf,
  anyString,
} from '../../test/harness.js';

interface GrantView {
  id: string;
  role: string;
  placeId: string | null;
  placeName: string;
  user: { id: string; displayName: string; phone: string | null };
}

describe('roles (grants)', () => {
  let t: TestApp;
  let staff: Client;
  let xinjing: PlaceRow;
  let yijing: PlaceRow;
  let building1: PlaceRow;
  let flat201: PlaceRow;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    staff = await logIn(t.app, 'staff.xinjing');
    xinjing = await placeByNames(t.db, '新景社区');
    yijing = await placeByNames(t.db, '新景社区', '颐景名苑');
    building1 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    flat201 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '201室');
  });
  afterAll(() => t.close());

  async function sessionOf(u: BuiltUser): Promise<Client> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: u.username, password: u.password },
    });
    return client(t.app, sessionCookieOf(res));
  }

  it('lets community staff make someone a volunteer on a compound of their community', async () => {
    const u = await buildUser(t.db, { phone: '13711110001' });
    const res = await staff.post('/api/v1/grants', { userId: u.id, role: 'volunteer', placeId: yijing.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      role: 'volunteer',
      placeId: yijing.id,
      placeName: '颐景名苑',
      user: { id: u.id, phone: '13711110001' },
    });

    const me = (await (await sessionOf(u)).get('/api/v1/me')).json<{
      roles: { role: string; placeId: string }[];
    }>();
    expect(me.roles).toEqual([expect.objectContaining({ role: 'volunteer', placeId: yijing.id })]);

    const list = (await staff.get(`/api/v1/places/${xinjing.id}/grants?limit=100`)).json<{
      items: GrantView[];
    }>();
    expect(list.items.find((g) => g.user.id === u.id)).toMatchObject({
      role: 'volunteer',
      user: { phone: '13711110001' },
    });
    const audit = (await staff.get(`/api/v1/places/${xinjing.id}/audit?action=grant`)).json<{
      items: { entityId: string }[];
    }>();
    expect(audit.items[0]?.entityId).toBe(res.json<GrantView>().id);

    const again = await staff.post('/api/v1/grants', { userId: u.id, role: 'volunteer', placeId: yijing.id });
    expect(again.statusCode).toBe(409);
  });

  it('masks holders’ phones for admins who do not serve the community', async () => {
    const street = await logIn(t.app, 'street');
    const list = (await street.get(`/api/v1/places/${xinjing.id}/grants?limit=100`)).json<{
      items: GrantView[];
    }>();
    expect(list.items.length).toBeGreaterThan(0);
    for (const g of list.items) expect(g.user.phone).toMatch(/\*{4}/);
    expect(
      (
        await street.post('/api/v1/grants', {
          userId: list.items[0]!.user.id,
          role: 'volunteer',
          placeId: yijing.id,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('does not let community staff make community staff (403 ROLE_NOT_GRANTABLE)', async () => {
    const u = await buildUser(t.db);
    const res = await staff.post('/api/v1/grants', {
      userId: u.id,
      role: 'community_staff',
      placeId: xinjing.id,
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('ROLE_NOT_GRANTABLE');
    for (const role of ['street_admin', 'district_admin', 'system_admin']) {
      const r = await staff.post('/api/v1/grants', { userId: u.id, role, placeId: xinjing.id });
      expect([403, 422]).toContain(r.statusCode);
    }
    expect(
      await t.db.kysely.selectFrom('grants').select('id').where('user_id', '=', u.id).execute(),
    ).toHaveLength(0);
  });

  it.each([
    ['volunteer', 'a household', () => flat201],
    ['building_leader', 'a compound', () => yijing],
    ['resident', 'a building', () => building1],
  ])('refuses %s on %s with 422 ROLE_SCOPE_INVALID', async (role, _where, place) => {
    const u = await buildUser(t.db);
    const res = await staff.post('/api/v1/grants', { userId: u.id, role, placeId: place().id });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('ROLE_SCOPE_INVALID');
  });

  it('refuses an unknown account or role', async () => {
    const missing = await staff.post('/api/v1/grants', {
      userId: '01abcdefghjkmnpqrstvwxyz00',
      role: 'volunteer',
      placeId: yijing.id,
    });
    expect(missing.statusCode).toBe(404);
    const u = await buildUser(t.db);
    expect(
      (await staff.post('/api/v1/grants', { userId: u.id, role: 'overlord', placeId: yijing.id })).statusCode,
    ).toBe(400);
  });

  it('ends the holder’s sessions when a role is removed', async () => {
    const u = await buildUser(t.db);
    const granted = await staff.post('/api/v1/grants', {
      userId: u.id,
      role: 'building_leader',
      placeId: building1.id,
    });
    const holder = await sessionOf(u);
    expect((await holder.get(`/api/v1/places/${building1.id}/bindings`)).statusCode).toBe(200);

    const res = await staff.delete(`/api/v1/grants/${granted.json<GrantView>().id}`);
    expect(res.statusCode).toBe(204);
    expect((await holder.get('/api/v1/me')).statusCode).toBe(401);
    const again = await sessionOf(u);
    expect((await again.get('/api/v1/me')).json<{ roles: unknown[] }>().roles).toEqual([]);
    expect((await again.get(`/api/v1/places/${building1.id}/bindings`)).statusCode).toBe(404);
    expect((await staff.delete(`/api/v1/grants/${granted.json<GrantView>().id}`)).statusCode).toBe(404);
    const audit = (await staff.get(`/api/v1/places/${xinjing.id}/audit?action=revoke`)).json<{
      items: { summary: string }[];
    }>();
    expect(audit.items[0]?.summary).toContain('building_leader');
  });

  it('does not let staff remove a role they could not grant, their own included', async () => {
    const own = await t.db.kysely
      .selectFrom('grants')
      .select('id')
      .where('role', '=', 'community_staff')
      .where('place_id', '=', xinjing.id)
      .executeTakeFirstOrThrow();
    const res = await staff.delete(`/api/v1/grants/${own.id}`);
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('ROLE_NOT_GRANTABLE');
    expect((await staff.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('finds an account by exact phone with the number masked', async () => {
    const res = await staff.get(`/api/v1/places/${xinjing.id}/accounts?phone=13800000017`);
    expect(res.json()).toEqual({ items: [{ id: anyString, displayName: '何静', phone: '138****0017' }] });
    expect((await staff.get(`/api/v1/places/${xinjing.id}/accounts?phone=13900000000`)).json()).toEqual({
      items: [],
    });
    expect((await staff.get(`/api/v1/places/${xinjing.id}/accounts?phone=138`)).statusCode).toBe(400);
    const leader = await logIn(t.app, 'leader');
    expect((await leader.get(`/api/v1/places/${building1.id}/accounts?phone=13800000017`)).statusCode).toBe(
      403,
    );
  });

  it('grants a role once however many identical requests race, so one removal removes it', async () => {
    const u = await buildUser(t.db);
    const body = { userId: u.id, role: 'volunteer', placeId: building1.id };
    const results = await Promise.all([0, 1, 2].map(() => staff.post('/api/v1/grants', body)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const rows = await t.db.kysely.selectFrom('grants').select('id').where('user_id', '=', u.id).execute();
    expect(rows).toHaveLength(1);
    expect((await staff.delete(`/api/v1/grants/${rows[0]!.id}`)).statusCode).toBe(204);
    expect((await (await sessionOf(u)).get('/api/v1/me')).json<{ roles: unknown[] }>().roles).toEqual([]);
  });
});
