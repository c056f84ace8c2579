import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetailView, PersonView } from '../../../domain/contracts/organisation.js';
import type { PlaceRow } from '../../db/schema.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';

describe('people', () => {
  let t: TestApp;
  let staff: Client;
  let dongshan: Client;
  let xinjing: PlaceRow;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    [staff, dongshan] = await Promise.all([logIn(t.app, 'staff.xinjing'), logIn(t.app, 'staff.dongshan')]);
    xinjing = await placeByNames(t.db, '新景社区');
  });
  afterAll(() => t.close());

  const list = async (c: Client, placeId: string, query = '') => {
    const res = await c.get(`/api/v1/places/${placeId}/people?limit=100${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: PersonView[]; nextCursor: string | null }>();
  };
  const idOf = async (name: string) =>
    (await t.db.kysely.selectFrom('people').select('id').where('name', '=', name).executeTakeFirstOrThrow())
      .id;
  const views = () =>
    t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'view')
      .where('entity_type', '=', 'person')
      .execute()
      .then((r) => r.length);

  it('lists one record per person with their roles, filtered and searched', async () => {
    const all = await list(staff, xinjing.id);
    const zhou = all.items.filter((p) => p.name === '周红梅');
    expect(zhou).toHaveLength(1);
    expect(zhou[0]).toMatchObject({
      householdLabel: '颐景名苑 1幢 601室',
      partyMember: { kind: 'resident', organisation: { name: '颐景名苑1幢党小组' } },
    });
    expect(zhou[0]!.titles).toEqual(expect.arrayContaining(['secretary', 'deputy_secretary']));
    const names = async (q: string) => (await list(staff, xinjing.id, q)).items.map((p) => p.name).sort();
    expect(await names('&filter=in_service')).toEqual(['吴军', '孙伟', '钱志远', '陈晓燕', '黄志强'].sort());
    expect(await names('&filter=instructor')).toEqual(['黄志强']);
    expect(await names('&filter=building_leader')).toEqual(['张海', '李建华', '王秀英'].sort());
    expect(await names('&q=%E5%91%A8')).toEqual(['周红梅']);
    expect(await names('&q=%25')).toHaveLength(all.items.length);
    const page = (await staff.get(`/api/v1/places/${xinjing.id}/people?limit=5`)).json<{
      items: PersonView[];
      nextCursor: string;
    }>();
    expect(page.items).toHaveLength(5);
    const next = await staff.get(`/api/v1/places/${xinjing.id}/people?limit=5&cursor=${page.nextCursor}`);
    expect(next.json<{ items: PersonView[] }>().items[0]!.id > page.items[4]!.id).toBe(true);
  });

  it('lists the people living under a building for its leaders, phones masked but their own', async () => {
    const groupLeader = await logIn(t.app, 'groupleader');
    const b1 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    const before = await views();
    const items = (await list(groupLeader, b1.id)).items;
    expect(items.map((p) => p.name)).toContain('吴军');
    expect(items.map((p) => p.name)).not.toContain('陈志明');
    const wu = items.find((p) => p.name === '吴军')!;
    expect(wu.phone).toBe('138****0012');
    // Her own record she sees in full (and that one reveal is recorded like any other).
    expect(items.find((p) => p.name === '刘芳')!.phone).toBe('13800000010');
    expect(items.filter((p) => p.phone?.includes('*') === false).map((p) => p.name)).toEqual(['刘芳']);
    expect(await views()).toBe(before + 1);
    expect((await groupLeader.get(`/api/v1/places/${xinjing.id}/people`)).statusCode).toBe(404);
  });

  it('shows community staff phones in full and records every reveal', async () => {
    const before = await views();
    const items = (await list(staff, xinjing.id)).items;
    expect(items.find((p) => p.name === '吴军')!.phone).toBe('13800000012');
    expect(await views()).toBe(before + 1);
    const res = await staff.get(`/api/v1/people/${await idOf('吴军')}`);
    expect(res.json<PersonDetailView>().phone).toBe('13800000012');
    expect(await views()).toBe(before + 2);
  });

  it('is not found for staff of another community', async () => {
    expect((await dongshan.get(`/api/v1/places/${xinjing.id}/people`)).statusCode).toBe(404);
    const id = await idOf('吴军');
    expect((await dongshan.get(`/api/v1/people/${id}`)).statusCode).toBe(404);
    expect((await dongshan.patch(`/api/v1/people/${id}`, { name: '改名' })).statusCode).toBe(404);
    expect((await dongshan.post(`/api/v1/places/${xinjing.id}/people`, { name: '某人' })).statusCode).toBe(
      404,
    );
  });

  it('records a person once, links an account, and refuses a phone already used', async () => {
    const flat = await placeByNames(t.db, '新景社区', '颐景名苑', '4幢', '502室');
    const res = await staff.post(`/api/v1/places/${flat.id}/people`, {
      name: '新党员',
      phone: '13911112222',
      partyMember: { kind: 'resident', joinedOn: '2020-07-01' },
      // Mass assignment: the community is the place's, never the body's.
      communityId: 'elsewhere',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json<PersonDetailView>();
    expect(p).toMatchObject({
      communityId: xinjing.id,
      householdLabel: '颐景名苑 4幢 502室',
      partyMember: { kind: 'resident' },
    });
    const dup = await staff.post(`/api/v1/places/${xinjing.id}/people`, {
      name: '重复',
      phone: '13911112222',
    });
    expect([dup.statusCode, errorOf(dup).code]).toEqual([409, 'CONFLICT']);
    const bad = await staff.post(`/api/v1/places/${xinjing.id}/people`, { name: '坏号码', phone: '12345' });
    expect(bad.statusCode).toBe(400);

    const user = (
      await t.db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'newcomer')
        .executeTakeFirstOrThrow()
    ).id;
    const linked = await staff.patch(`/api/v1/people/${p.id}`, { userId: user });
    expect(linked.json<PersonDetailView>().userId).toBe(user);
    const taken = await staff.patch(`/api/v1/people/${await idOf('吴军')}`, { userId: user });
    expect(errorOf(taken).code).toBe('CONFLICT');
    const ended = await staff.post(`/api/v1/people/${p.id}/party-membership/end`);
    expect(ended.json<PersonDetailView>().partyMember).toBeNull();
  });

  describe('instructors (S3 on change)', () => {
    it('links an instructor up to the limit and refuses one compound more', async () => {
      const huang = await idOf('黄志强');
      const extra: string[] = [];
      for (const name of ['新景东苑', '新景西苑']) {
        const res = await staff.post('/api/v1/places', { parentId: xinjing.id, kind: 'compound', name });
        extra.push(res.json<{ id: string }>().id);
      }
      const third = await staff.post(`/api/v1/people/${huang}/instructor-links`, { compoundId: extra[0] });
      expect(third.statusCode, third.body).toBe(201);
      expect(third.json<PersonDetailView>().instructorOf.map((c) => c.name)).toEqual([
        '颐景名苑',
        '新景花园',
        '新景东苑',
      ]);

      const fourth = await staff.post(`/api/v1/people/${huang}/instructor-links`, { compoundId: extra[1] });
      expect(fourth.statusCode).toBe(422);
      expect(errorOf(fourth)).toMatchObject({
        code: 'INSTRUCTOR_LIMIT',
        message: '黄志强 is already linked to 3 compounds (the limit is 3): unlink one first.',
      });
      const same = await staff.post(`/api/v1/people/${huang}/instructor-links`, { compoundId: extra[0] });
      expect(errorOf(same).code).toBe('CONFLICT');

      // Unlinking one makes room again; the ended link is kept.
      const detail = third.json<PersonDetailView>();
      const link = detail.instructorLinks.find((l) => l.compound.name === '新景东苑')!;
      const unlinked = await staff.post(`/api/v1/instructor-links/${link.id}/end`);
      expect(
        unlinked.json<PersonDetailView>().instructorLinks.find((l) => l.id === link.id)?.endedAt,
      ).not.toBeNull();
      expect(
        (await staff.post(`/api/v1/people/${huang}/instructor-links`, { compoundId: extra[1] })).statusCode,
      ).toBe(201);
    });

    it('refuses another link to 钱立, already past the limit, and follows the district’s threshold', async () => {
      const xueyuanStaff = await logIn(t.app, 'staff.xueyuan');
      const qian = await idOf('钱立');
      const xueyuan = await placeByNames(t.db, '学院社区');
      const res = await xueyuanStaff.post('/api/v1/places', {
        parentId: xueyuan.id,
        kind: 'compound',
        name: '学苑新村',
      });
      const compound = res.json<{ id: string }>().id;
      const refused = await xueyuanStaff.post(`/api/v1/people/${qian}/instructor-links`, {
        compoundId: compound,
      });
      expect(errorOf(refused).message).toBe(
        '钱立 is already linked to 4 compounds (the limit is 3): unlink one first.',
      );
      const person = (await xueyuanStaff.get(`/api/v1/people/${qian}`)).json<PersonDetailView>();
      expect(person.instructorMaxCompounds).toBe(3);

      const district = await placeByNames(t.db, '椒江区');
      await t.db.kysely
        .insertInto('district_settings')
        .values({
          district_id: district.id,
          key: 'standards',
          value: JSON.stringify({ instructorMaxCompounds: 5 }),
          updated_at: new Date().toISOString(),
          updated_by: null,
        })
        .onConflict((oc) =>
          oc
            .columns(['district_id', 'key'])
            .doUpdateSet({ value: JSON.stringify({ instructorMaxCompounds: 5 }) }),
        )
        .execute();
      const allowed = await xueyuanStaff.post(`/api/v1/people/${qian}/instructor-links`, {
        compoundId: compound,
      });
      expect(allowed.statusCode, allowed.body).toBe(201);
      // A compound of another community is not one this instructor can be linked to.
      const yijing = await placeByNames(t.db, '新景社区', '颐景名苑');
      const foreign = await xueyuanStaff.post(`/api/v1/people/${qian}/instructor-links`, {
        compoundId: yijing.id,
      });
      expect(foreign.statusCode).toBe(404);
    });
  });
});
