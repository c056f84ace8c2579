import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BindingView } from '../../../domain/contracts/bindings.js';
import type { PlaceRow } from '../../db/schema.js';
import { buildUser } from '../../test/factories.js';
import {
  type Client,
  client,
  logIn,
  placeByNames,
  sessionCookieOf,
  startApp,
  type TestApp,
  errorOf,
} from '../../test/harness.js';

describe('household bindings', () => {
  let t: TestApp;
  let staff: Client;
  let leader: Client;
  let xinjing: PlaceRow;
  let building1: PlaceRow;
  let flat102: PlaceRow;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    [staff, leader] = await Promise.all([logIn(t.app, 'staff.xinjing'), logIn(t.app, 'leader')]);
    xinjing = await placeByNames(t.db, '新景社区');
    building1 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    flat102 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '102室');
  });
  afterAll(() => t.close());

  const flat = (building: string, name: string) => placeByNames(t.db, '新景社区', '颐景名苑', building, name);

  /** A new account, logged in, with nothing bound yet. */
  async function newcomer(): Promise<Client & { userId: string }> {
    const u = await buildUser(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: u.username, password: u.password },
    });
    return Object.assign(client(t.app, sessionCookieOf(res)), { userId: u.id });
  }

  async function request(c: Client, householdId: string) {
    const res = await c.post('/api/v1/bindings', { householdId, note: '  新搬来  ' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<BindingView>();
  }

  async function viewAuditCount() {
    const rows = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'view')
      .where('entity_type', '=', 'binding')
      .execute();
    return rows.length;
  }

  describe('the list', () => {
    it('masks the applicant’s phone for the building leader, and records nothing', async () => {
      const before = await viewAuditCount();
      const res = await leader.get(`/api/v1/places/${building1.id}/bindings`);
      expect(res.statusCode).toBe(200);
      const item = res.json<{ items: BindingView[] }>().items.find((b) => b.household.id === flat102.id);
      expect(item).toMatchObject({
        status: 'pending',
        applicant: { displayName: '何静', phone: '138****0017' },
        note: '刚搬来，租住 1幢102',
      });
      expect(item!.householdPath.map((p) => p.name)).toEqual([
        '葭沚街道',
        '新景社区',
        '颐景名苑',
        '1幢',
        '102室',
      ]);
      expect(await viewAuditCount()).toBe(before);
    });

    it('shows the phone in full to community staff and records that they saw it', async () => {
      const before = await viewAuditCount();
      const res = await staff.get(`/api/v1/places/${xinjing.id}/bindings?status=pending`);
      expect(res.statusCode).toBe(200);
      const item = res.json<{ items: BindingView[] }>().items.find((b) => b.household.id === flat102.id);
      expect(item?.applicant.phone).toBe('13800000017');
      expect(await viewAuditCount()).toBe(before + 1);
      const audit = (await staff.get(`/api/v1/places/${xinjing.id}/audit?action=view`)).json<{
        items: { actor: { displayName: string }; summary: string }[];
      }>();
      expect(audit.items[0]).toMatchObject({ actor: { displayName: '陈晓燕' } });
    });

    it('masks the phone for admins above the community (they do not serve the resident)', async () => {
      const street = await logIn(t.app, 'admin');
      const res = await street.get(`/api/v1/places/${xinjing.id}/bindings`);
      const item = res.json<{ items: BindingView[] }>().items.find((b) => b.household.id === flat102.id);
      expect(item?.applicant.phone).toBe('138****0017');
    });

    it('keeps the leader to his own building (404 above it) and refuses residents (403)', async () => {
      expect((await leader.get(`/api/v1/places/${xinjing.id}/bindings`)).statusCode).toBe(404);
      const resident = await logIn(t.app, 'resident');
      const own = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '201室');
      expect((await resident.get(`/api/v1/places/${own.id}/bindings`)).statusCode).toBe(403);
    });

    it('filters by status and refuses an unknown one', async () => {
      const approved = (await staff.get(`/api/v1/places/${xinjing.id}/bindings?status=approved`)).json<{
        items: BindingView[];
      }>();
      expect(approved.items.every((b) => b.status === 'approved')).toBe(true);
      expect((await staff.get(`/api/v1/places/${xinjing.id}/bindings?status=maybe`)).statusCode).toBe(400);
    });
  });

  it('takes a request, refuses a duplicate, and an approval by the building leader makes a resident', async () => {
    const c = await newcomer();
    const household = await flat('1幢', '202室');
    const b = await request(c, household.id);
    expect(b).toMatchObject({
      status: 'pending',
      household: { id: household.id },
      note: '新搬来',
      reason: null,
      decidedAt: null,
    });

    const dup = await c.post('/api/v1/bindings', { householdId: household.id });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).code).toBe('BINDING_PENDING');

    const mine = (await c.get('/api/v1/bindings/mine')).json<{ items: BindingView[] }>();
    expect(mine.items.map((x) => x.id)).toEqual([b.id]);

    const approved = await leader.post(`/api/v1/bindings/${b.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      applicant: { phone: expect.stringContaining('****') as unknown },
    });
    expect(approved.json<BindingView>().decidedAt).not.toBeNull();

    const me = (await c.get('/api/v1/me')).json<{ roles: { role: string; placeId: string }[] }>();
    expect(me.roles).toEqual([expect.objectContaining({ role: 'resident', placeId: household.id })]);
    // As a resident she now sees her household.
    expect((await c.get(`/api/v1/places/${household.id}`)).statusCode).toBe(200);

    for (const again of [
      () => leader.post(`/api/v1/bindings/${b.id}/approve`),
      () => staff.post(`/api/v1/bindings/${b.id}/reject`, { reason: '晚了' }),
    ]) {
      const res = await again();
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe('BINDING_NOT_PENDING');
    }
    const bound = await c.post('/api/v1/bindings', { householdId: household.id });
    expect(bound.statusCode).toBe(409);
    expect(errorOf(bound).code).toBe('BINDING_ALREADY_BOUND');
  });

  it('lets community staff approve too, and shows them the phone in the answer', async () => {
    const c = await newcomer();
    const b = await request(c, (await flat('2幢', '102室')).id);
    const res = await staff.post(`/api/v1/bindings/${b.id}/approve`);
    expect(res.statusCode).toBe(200);
    expect(res.json<BindingView>().applicant.phone).toMatch(/^139\d{8}$/);
  });

  it('needs a reason to reject', async () => {
    const c = await newcomer();
    const b = await request(c, (await flat('1幢', '302室')).id);
    for (const body of [undefined, {}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const res = await leader.post(`/api/v1/bindings/${b.id}/reject`, body);
      expect(res.statusCode).toBe(400);
    }
    const res = await leader.post(`/api/v1/bindings/${b.id}/reject`, { reason: '房东说没有这个租户' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', reason: '房东说没有这个租户' });
    const mine = (await c.get('/api/v1/bindings/mine')).json<{ items: BindingView[] }>();
    expect(mine.items[0]).toMatchObject({ status: 'rejected', reason: '房东说没有这个租户' });
    expect((await c.get('/api/v1/me')).json<{ roles: unknown[] }>().roles).toEqual([]);
  });

  it('lets an applicant withdraw her own request, and hides other people’s (404)', async () => {
    const a = await newcomer();
    const other = await newcomer();
    const b = await request(a, (await flat('1幢', '401室')).id);
    const foreign = await other.post(`/api/v1/bindings/${b.id}/withdraw`);
    expect(foreign.statusCode).toBe(404);
    expect(errorOf(foreign).code).toBe('NOT_FOUND');
    expect((await leader.post(`/api/v1/bindings/${b.id}/withdraw`)).statusCode).toBe(404);

    const res = await a.post(`/api/v1/bindings/${b.id}/withdraw`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn' });
    expect((await a.post(`/api/v1/bindings/${b.id}/withdraw`)).statusCode).toBe(409);
    expect((await leader.post(`/api/v1/bindings/${b.id}/approve`)).statusCode).toBe(409);
    // After withdrawing she may ask again.
    expect((await a.post('/api/v1/bindings', { householdId: b.household.id })).statusCode).toBe(201);
  });

  it('refuses a request for something that is not a live household', async () => {
    const c = await newcomer();
    const notHousehold = await c.post('/api/v1/bindings', { householdId: building1.id });
    expect(notHousehold.statusCode).toBe(404);
    expect((await c.post('/api/v1/bindings', { householdId: '01abcdefghjkmnpqrstvwxyz00' })).statusCode).toBe(
      404,
    );

    const building = await placeByNames(t.db, '新景社区', '颐景名苑', '4幢');
    const household = await flat('4幢', '101室');
    expect((await staff.post(`/api/v1/places/${building.id}/archive`)).statusCode).toBe(200);
    const archived = await c.post('/api/v1/bindings', { householdId: household.id });
    expect(archived.statusCode).toBe(409);
    expect(errorOf(archived).code).toBe('PLACE_ARCHIVED');
    expect((await staff.post(`/api/v1/places/${building.id}/restore`)).statusCode).toBe(200);
  });

  it('keeps the building leader to his building when deciding', async () => {
    const c = await newcomer();
    const b = await request(c, (await flat('2幢', '201室')).id);
    const res = await leader.post(`/api/v1/bindings/${b.id}/approve`);
    expect(res.statusCode).toBe(404);
    const volunteer = await logIn(t.app, 'volunteer');
    expect((await volunteer.post(`/api/v1/bindings/${b.id}/approve`)).statusCode).toBe(403);
  });

  it('takes only one of two racing identical requests', async () => {
    const c = await newcomer();
    const household = await flat('1幢', '602室');
    const results = await Promise.all(
      [0, 1, 2].map(() => c.post('/api/v1/bindings', { householdId: household.id })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(errorOf(r).code).toBe('BINDING_PENDING');
    const rows = await t.db.kysely
      .selectFrom('bindings')
      .select('id')
      .where('user_id', '=', c.userId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('lets exactly one of two racing approvals through', async () => {
    for (const name of ['101室', '501室', '502室']) {
      const c = await newcomer();
      const b = await request(c, (await flat('1幢', name)).id);
      const results = await Promise.all([
        staff.post(`/api/v1/bindings/${b.id}/approve`),
        leader.post(`/api/v1/bindings/${b.id}/approve`),
        staff.post(`/api/v1/bindings/${b.id}/reject`, { reason: '并发' }),
      ]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 409, 409]);
      const grants = await t.db.kysely
        .selectFrom('grants')
        .select('id')
        .where('user_id', '=', c.userId)
        .execute();
      const status = results.find((r) => r.statusCode === 200)!.json<BindingView>().status;
      expect(grants).toHaveLength(status === 'approved' ? 1 : 0);
      const decisions = await t.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', b.id)
        .where('action', 'in', ['approve', 'reject'])
        .execute();
      expect(decisions).toHaveLength(1);
    }
  });
});
