import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { LivingRoom, StandardsReport } from '../../../domain/contracts/standards.js';
import type { PlaceRow } from '../../db/schema.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';

type Room = z.infer<typeof LivingRoom>;
type Report = z.infer<typeof StandardsReport>;

describe('living rooms', () => {
  let t: TestApp;
  let staff: Client;
  let dongshanStaff: Client;
  let secretary: Client;
  let resident: Client;
  let xinjing: PlaceRow;
  let garden: PlaceRow;
  let yijing: PlaceRow;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    [staff, dongshanStaff, secretary, resident] = await Promise.all([
      logIn(t.app, 'staff.xinjing'),
      logIn(t.app, 'staff.dongshan'),
      logIn(t.app, 'secretary'),
      logIn(t.app, 'resident'),
    ]);
    xinjing = await placeByNames(t.db, '新景社区');
    garden = await placeByNames(t.db, '新景社区', '新景花园');
    yijing = await placeByNames(t.db, '新景社区', '颐景名苑');
  });
  afterAll(() => t.close());

  const s4 = async (place: PlaceRow) =>
    (await staff.get(`/api/v1/places/${place.id}/standards`))
      .json<Report>()
      .rules.find((r) => r.id === 'S4')!;

  it('lists the demo rooms of a community, functions in catalogue order', async () => {
    const res = await staff.get(`/api/v1/places/${xinjing.id}/living-rooms`);
    expect(res.statusCode).toBe(200);
    const { items } = res.json<{ items: Room[] }>();
    // Seeded in one millisecond: creation order among them is not defined.
    items.sort((a, b) => b.areaM2 - a.areaM2);
    expect(items.map((r) => [r.name, r.placeName, r.areaM2, r.hasLogo])).toEqual([
      ['颐景名苑党建会客厅', '颐景名苑', 120, true],
      ['新景社区邻里会客厅', '新景社区', 80, true],
    ]);
    expect(items[1]!.functions).toEqual(['meet', 'gather', 'benefit', 'showcase']);
    expect((await dongshanStaff.get(`/api/v1/places/${xinjing.id}/living-rooms`)).statusCode).toBe(404);
    // A resident holds no org.read, and the compound lies above her household: 404.
    expect((await resident.get(`/api/v1/places/${yijing.id}/living-rooms`)).statusCode).toBe(404);
  });

  it('staff create, change, archive and restore a room, and S4 follows at once', async () => {
    const created = await staff.post(`/api/v1/places/${garden.id}/living-rooms`, {
      name: '  新景花园会客厅 ',
      areaM2: 60,
      functions: ['read', 'meet', 'read'],
      hours: '9:00–17:00',
      // Mass assignment: ids and community are never taken from the body.
      communityId: 'x',
      placeId: yijing.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const room = created.json<Room>();
    expect(room).toMatchObject({
      name: '新景花园会客厅',
      placeId: garden.id,
      hasLogo: false,
      functions: ['meet', 'read'],
    });
    const broken = await s4(garden);
    expect(broken.violations).toHaveLength(1);
    expect(broken.violations[0]!.message).toContain('新景花园会客厅');

    const changed = await staff.patch(`/api/v1/living-rooms/${room.id}`, {
      areaM2: 130,
      hasLogo: true,
      functions: ['meet', 'gather', 'benefit', 'read', 'showcase'],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await s4(garden)).status).toBe('holds');

    await staff.patch(`/api/v1/living-rooms/${room.id}`, { areaM2: 10 });
    expect((await staff.post(`/api/v1/living-rooms/${room.id}/archive`)).json<Room>().archived).toBe(true);
    expect((await s4(garden)).status).toBe('holds');
    expect(errorOf(await staff.patch(`/api/v1/living-rooms/${room.id}`, { name: 'x' })).code).toBe(
      'CONFLICT',
    );
    expect((await staff.post(`/api/v1/living-rooms/${room.id}/restore`)).statusCode).toBe(200);
    expect((await s4(garden)).status).toBe('broken');

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'living_room')
      .where('entity_id', '=', room.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'archive', 'restore']);
  });

  it('a branch secretary manages rooms of his compound only', async () => {
    const res = await secretary.post(`/api/v1/places/${yijing.id}/living-rooms`, {
      name: '二号会客厅',
      areaM2: 100,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(
      (await secretary.post(`/api/v1/places/${garden.id}/living-rooms`, { name: 'x', areaM2: 100 }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses bad input and wrong places with a code', async () => {
    for (const body of [
      { name: '', areaM2: 100 },
      { name: 'a', areaM2: 0 },
      { name: 'a', areaM2: -5 },
      { name: 'a', areaM2: 100, functions: ['dance'] },
      { name: 'a', areaM2: 'big' },
    ]) {
      const res = await staff.post(`/api/v1/places/${garden.id}/living-rooms`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const building = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    const res = await staff.post(`/api/v1/places/${building.id}/living-rooms`, { name: 'a', areaM2: 100 });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('PLACE_KIND_NOT_ALLOWED');
    expect(
      (await staff.patch('/api/v1/living-rooms/01NOSUCHROOM0000000000000', { name: 'a' })).statusCode,
    ).toBe(404);
    const theirs = (
      await dongshanStaff.get(`/api/v1/places/${(await placeByNames(t.db, '东山社区')).id}/living-rooms`)
    ).json<{ items: Room[] }>().items[0]!;
    expect((await staff.patch(`/api/v1/living-rooms/${theirs.id}`, { name: 'mine' })).statusCode).toBe(404);
  });
});
