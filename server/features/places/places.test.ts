import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceView } from '../../../domain/contracts/places.js';
import type { PlaceRow } from '../../db/schema.js';
import { buildBinding, buildGrant, buildPlace, buildUser } from '../../test/factories.js';
import { type Client, logIn, placeByNames, startApp, type TestApp, errorOf } from '../../test/harness.js';

interface AuditItem {
  action: string;
  entityType: string;
  entityId: string | null;
  actor: { displayName: string } | null;
  summary: string;
}

describe('places', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  let staffDongshan: Client;
  let xinjing: PlaceRow;
  let yijing: PlaceRow;
  let dongshan: PlaceRow;
  let yunjian: PlaceRow;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    [admin, staff, staffDongshan] = await Promise.all([
      logIn(t.app, 'admin'),
      logIn(t.app, 'staff.xinjing'),
      logIn(t.app, 'staff.dongshan'),
    ]);
    xinjing = await placeByNames(t.db, '新景社区');
    yijing = await placeByNames(t.db, '新景社区', '颐景名苑');
    dongshan = await placeByNames(t.db, '东山社区');
    yunjian = await placeByNames(t.db, '东山社区', '云间小区');
  });
  afterAll(() => t.close());

  async function create(c: Client, parentId: string | null, kind: string, name: string) {
    const res = await c.post('/api/v1/places', { parentId, kind, name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PlaceView>();
  }
  async function auditOf(entityId: string, placeId = xinjing.id) {
    const res = await staff.get(`/api/v1/places/${placeId}/audit?limit=100`);
    expect(res.statusCode).toBe(200);
    return res.json<{ items: AuditItem[] }>().items.filter((e) => e.entityId === entityId);
  }

  it('creates, renames, archives and restores a place, recording each change in the audit log', async () => {
    const b = await create(staff, yijing.id, 'building', ' 9幢 ');
    expect(b).toMatchObject({
      kind: 'building',
      name: '9幢',
      parentId: yijing.id,
      communityId: xinjing.id,
      archived: false,
      childCount: 0,
    });

    const detail = await staff.get(`/api/v1/places/${b.id}`);
    expect(detail.json<{ ancestors: { name: string }[] }>().ancestors.map((a) => a.name)).toEqual([
      '椒江区',
      '葭沚街道',
      '新景社区',
      '颐景名苑',
    ]);

    const renamed = await staff.patch(`/api/v1/places/${b.id}`, { name: '九幢' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: b.id, name: '九幢' });

    const archived = await staff.post(`/api/v1/places/${b.id}/archive`);
    expect(archived.json()).toMatchObject({ archived: true });
    // Archiving twice changes nothing and records nothing more.
    expect((await staff.post(`/api/v1/places/${b.id}/archive`)).statusCode).toBe(200);
    const live = (await staff.get(`/api/v1/places/${yijing.id}/children`)).json<{ items: PlaceView[] }>();
    expect(live.items.map((p) => p.id)).not.toContain(b.id);
    const all = (await staff.get(`/api/v1/places/${yijing.id}/children?includeArchived=true`)).json<{
      items: PlaceView[];
    }>();
    expect(all.items.find((p) => p.id === b.id)).toMatchObject({ archived: true });

    expect((await staff.post(`/api/v1/places/${b.id}/restore`)).json()).toMatchObject({ archived: false });

    const entries = await auditOf(b.id);
    expect(entries.map((e) => e.action)).toEqual(['restore', 'archive', 'update', 'create']);
    for (const e of entries)
      expect(e).toMatchObject({ entityType: 'place', actor: { displayName: '陈晓燕' } });
    expect(entries[2]!.summary).toContain('九幢');
    const onlyCreates = (await staff.get(`/api/v1/places/${xinjing.id}/audit?action=create`)).json<{
      items: AuditItem[];
    }>();
    expect(onlyCreates.items.every((e) => e.action === 'create')).toBe(true);
    expect(onlyCreates.items.some((e) => e.entityId === b.id)).toBe(true);
  });

  it('refuses an empty or overlong name', async () => {
    for (const name of ['', '   ', 'x'.repeat(101)]) {
      const res = await staff.post('/api/v1/places', { parentId: yijing.id, kind: 'building', name });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details).toContainEqual(expect.objectContaining({ path: 'body.name' }));
    }
    expect((await staff.patch(`/api/v1/places/${yijing.id}`, { name: '' })).statusCode).toBe(400);
  });

  describe('kind rules', () => {
    it.each([
      ['household', 'under a compound'],
      ['compound', 'under a compound'],
      ['unit', 'under a compound'],
      ['community', 'under a compound'],
    ])('refuses a %s %s with 422 PLACE_KIND_NOT_ALLOWED', async (kind) => {
      const res = await staff.post('/api/v1/places', { parentId: yijing.id, kind, name: '错' });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).code).toBe('PLACE_KIND_NOT_ALLOWED');
    });

    it('lets only a system admin create a district, and only at the top', async () => {
      expect(
        (await staff.post('/api/v1/places', { parentId: null, kind: 'district', name: '路桥区' })).statusCode,
      ).toBe(403);
      const street = await admin.post('/api/v1/places', { parentId: null, kind: 'street', name: '孤街' });
      expect(street.statusCode).toBe(422);
      expect(errorOf(street).code).toBe('PLACE_KIND_NOT_ALLOWED');
      const district = await create(admin, null, 'district', '路桥区');
      expect(district).toMatchObject({ parentId: null, communityId: null });
      const s = await create(admin, district.id, 'street', '路南街道');
      const c = await create(admin, s.id, 'community', '新社区');
      expect(c.communityId).toBe(c.id);
      const p = await create(admin, c.id, 'compound', '新小区');
      expect(p.communityId).toBe(c.id);
      const tops = (await admin.get('/api/v1/places')).json<{ items: PlaceView[] }>();
      expect(tops.items.map((x) => x.name)).toEqual(expect.arrayContaining(['椒江区', '路桥区']));
    });

    it('lists the top of each of the caller’s scopes', async () => {
      const mine = (await staff.get('/api/v1/places')).json<{ items: PlaceView[] }>();
      expect(mine.items.map((p) => p.id)).toEqual([xinjing.id]);
    });
  });

  describe('moving', () => {
    it('moves a building with its households to another compound of the community', async () => {
      const b = await create(staff, yijing.id, 'building', '移动幢');
      const h = await create(staff, b.id, 'household', '101室');
      const garden = await placeByNames(t.db, '新景社区', '新景花园');
      const res = await staff.post(`/api/v1/places/${b.id}/move`, { parentId: garden.id });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: b.id, parentId: garden.id, communityId: xinjing.id });
      const flat = (await staff.get(`/api/v1/places/${h.id}`)).json<{ ancestors: { id: string }[] }>();
      expect(flat.ancestors.map((a) => a.id).slice(-2)).toEqual([garden.id, b.id]);
      const row = await t.db.kysely
        .selectFrom('places')
        .selectAll()
        .where('id', '=', h.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ path: `${garden.path}${b.id}/${h.id}/`, depth: garden.depth + 2 });
      expect((await auditOf(b.id)).map((e) => e.action)).toContain('move');
    });

    it('refuses to move a place into its own subtree (422)', async () => {
      const b = await create(staff, yijing.id, 'building', '自身幢');
      for (const parentId of [b.id]) {
        const res = await staff.post(`/api/v1/places/${b.id}/move`, { parentId });
        expect(res.statusCode).toBe(422);
        expect(errorOf(res).code).toBe('PLACE_MOVE_INTO_ITSELF');
      }
      const intoOwnBuilding = await staff.post(`/api/v1/places/${yijing.id}/move`, { parentId: b.id });
      expect(intoOwnBuilding.statusCode).toBe(422);
      expect(errorOf(intoOwnBuilding).code).toBe('PLACE_MOVE_INTO_ITSELF');
    });

    it('refuses a destination of the wrong kind (422), outside the caller’s scope (404), or missing (404)', async () => {
      const b = await create(staff, yijing.id, 'building', '错位幢');
      const wrongKind = await staff.post(`/api/v1/places/${b.id}/move`, { parentId: xinjing.id });
      expect(wrongKind.statusCode).toBe(422);
      expect(errorOf(wrongKind).code).toBe('PLACE_KIND_NOT_ALLOWED');
      const outside = await staff.post(`/api/v1/places/${b.id}/move`, { parentId: yunjian.id });
      expect(outside.statusCode).toBe(404);
      expect(errorOf(outside).code).toBe('NOT_FOUND');
      const missing = await staff.post(`/api/v1/places/${b.id}/move`, {
        parentId: '01abcdefghjkmnpqrstvwxyz00',
      });
      expect(missing.statusCode).toBe(404);
      expect((await staff.get(`/api/v1/places/${b.id}`)).json()).toMatchObject({ parentId: yijing.id });
    });

    it('moves a compound to another community and its whole subtree, bindings and roles with it (system admin)', async () => {
      const compound = await buildPlace(t.db, { kind: 'compound', parent: xinjing, name: '迁出小区' });
      const building = await buildPlace(t.db, { kind: 'building', parent: compound });
      const unit = await buildPlace(t.db, { kind: 'unit', parent: building });
      const flat = await buildPlace(t.db, { kind: 'household', parent: unit });
      const applicant = await buildUser(t.db, { phone: '13700000001' });
      const binding = await buildBinding(t.db, { user: applicant, household: flat });
      const volunteer = await buildGrant(t.db, { role: 'volunteer', place: building });

      expect(
        (await staff.post(`/api/v1/places/${compound.id}/move`, { parentId: dongshan.id })).statusCode,
      ).toBe(404);
      const res = await admin.post(`/api/v1/places/${compound.id}/move`, { parentId: dongshan.id });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ parentId: dongshan.id, communityId: dongshan.id });

      const subtree = await t.db.kysely
        .selectFrom('places')
        .selectAll()
        .where('path', 'like', `${dongshan.path}${compound.id}/%`)
        .execute();
      expect(subtree.map((p) => p.id).sort()).toEqual([compound.id, building.id, unit.id, flat.id].sort());
      for (const p of subtree) expect(p.community_id, p.kind).toBe(dongshan.id);
      const b = await t.db.kysely
        .selectFrom('bindings')
        .selectAll()
        .where('id', '=', binding.id)
        .executeTakeFirstOrThrow();
      expect(b.community_id).toBe(dongshan.id);
      const g = await t.db.kysely
        .selectFrom('grants')
        .selectAll()
        .where('id', '=', volunteer.id)
        .executeTakeFirstOrThrow();
      expect(g.community_id).toBe(dongshan.id);

      // The new community now holds it; the old one no longer sees it.
      expect((await staffDongshan.get(`/api/v1/places/${flat.id}`)).statusCode).toBe(200);
      expect((await staff.get(`/api/v1/places/${flat.id}`)).statusCode).toBe(404);
      const list = (await staffDongshan.get(`/api/v1/places/${compound.id}/bindings`)).json<{
        items: { id: string; applicant: { phone: string } }[];
      }>();
      expect(list.items.find((x) => x.id === binding.id)?.applicant.phone).toBe('13700000001');
    });

    it('moves a community to another street and keeps its community id', async () => {
      const c = await buildPlace(t.db, { kind: 'community' });
      const p = await buildPlace(t.db, { kind: 'compound', parent: c });
      const street = await placeByNames(t.db, '椒江区', '海门街道');
      const res = await admin.post(`/api/v1/places/${c.id}/move`, { parentId: street.id });
      expect(res.json()).toMatchObject({ parentId: street.id, communityId: c.id });
      const row = await t.db.kysely
        .selectFrom('places')
        .selectAll()
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ community_id: c.id, path: `${street.path}${c.id}/${p.id}/`, depth: 3 });
    });
  });

  describe('archived places', () => {
    it('refuses new children under an archived place or below one (409), and moves into one', async () => {
      const b = await create(staff, yijing.id, 'building', '封存幢');
      const u = await create(staff, b.id, 'unit', '1单元');
      const other = await create(staff, yijing.id, 'building', '外幢');
      const h = await create(staff, other.id, 'household', '101室');
      expect((await staff.post(`/api/v1/places/${b.id}/archive`)).statusCode).toBe(200);

      for (const parentId of [b.id, u.id]) {
        const res = await staff.post('/api/v1/places', { parentId, kind: 'household', name: '新户' });
        expect(res.statusCode).toBe(409);
        expect(errorOf(res).code).toBe('PLACE_ARCHIVED');
      }
      const move = await staff.post(`/api/v1/places/${h.id}/move`, { parentId: u.id });
      expect(move.statusCode).toBe(409);
      expect(errorOf(move).code).toBe('PLACE_ARCHIVED');

      expect((await staff.post(`/api/v1/places/${b.id}/restore`)).statusCode).toBe(200);
      expect(
        (await staff.post('/api/v1/places', { parentId: u.id, kind: 'household', name: '新户' })).statusCode,
      ).toBe(201);
    });
  });

  describe('pagination of children', () => {
    let building: PlaceView;
    let all: string[];
    beforeAll(async () => {
      building = await create(staff, yijing.id, 'building', '分页幢');
      for (let i = 1; i <= 5; i++) await create(staff, building.id, 'household', `${i}01室`);
      all = (await staff.get(`/api/v1/places/${building.id}/children`))
        .json<{ items: PlaceView[] }>()
        .items.map((p) => p.id);
      expect(all).toHaveLength(5);
    });

    it('walks every child exactly once, with nextCursor null at the end', async () => {
      const seen: string[] = [];
      let cursor: string | null = '';
      let pages = 0;
      while (cursor !== null) {
        const res = await staff.get(
          `/api/v1/places/${building.id}/children?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode).toBe(200);
        const page = res.json<{ items: PlaceView[]; nextCursor: string | null }>();
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(all);
    });

    it('ends with nextCursor null when the last page is exactly full', async () => {
      const page = (await staff.get(`/api/v1/places/${building.id}/children?limit=5`)).json<{
        items: PlaceView[];
        nextCursor: string | null;
      }>();
      expect(page.items).toHaveLength(5);
      expect(page.nextCursor).toBeNull();
    });

    it.each(['!!!', 'not a cursor', Buffer.from('../../etc').toString('base64url'), 'x'.repeat(201)])(
      'refuses the cursor %j with 400',
      async (cursor) => {
        const res = await staff.get(
          `/api/v1/places/${building.id}/children?cursor=${encodeURIComponent(cursor)}`,
        );
        expect(res.statusCode).toBe(400);
        expect(errorOf(res).code).toBe('VALIDATION_FAILED');
      },
    );

    it.each(['0', '101', 'abc', '-1', '2.5'])('refuses limit=%s with 400', async (limit) => {
      const res = await staff.get(`/api/v1/places/${building.id}/children?limit=${limit}`);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details).toContainEqual(expect.objectContaining({ path: 'querystring.limit' }));
    });
  });

  it('shows the directory by name only, without archived places', async () => {
    const c = await logIn(t.app, 'newcomer');
    const top = (await c.get('/api/v1/directory')).json<{
      items: { id: string; name: string; hasChildren: boolean }[];
    }>();
    const district = top.items.find((x) => x.name === '椒江区');
    expect(district).toMatchObject({ hasChildren: true });
    const b = await create(staff, yijing.id, 'building', '隐藏幢');
    await staff.post(`/api/v1/places/${b.id}/archive`);
    const under = (await c.get(`/api/v1/directory?parentId=${yijing.id}`)).json<{
      items: { id: string; name: string }[];
    }>();
    expect(under.items.map((x) => x.name)).toContain('1幢');
    expect(under.items.map((x) => x.id)).not.toContain(b.id);
    expect(Object.keys(under.items[0]!).sort()).toEqual(['hasChildren', 'id', 'kind', 'name']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/directory' })).statusCode).toBe(401);
  });
});
