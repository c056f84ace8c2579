import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type {
  CentralHouseholdView,
  OrganisationDetailView,
  OrganisationNodeView,
  OrganisationTree,
} from '../../../domain/contracts/organisation.js';
import type { PlaceRow } from '../../db/schema.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';

type Tree = z.infer<typeof OrganisationTree>;

function flatten(nodes: OrganisationNodeView[]): OrganisationNodeView[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe('the four-level organisation', () => {
  let t: TestApp;
  let staff: Client;
  let dongshan: Client;
  let xinjing: PlaceRow;
  let yijing: PlaceRow;
  const b = (n: number) => placeByNames(t.db, '新景社区', '颐景名苑', `${n}幢`);

  beforeAll(async () => {
    t = await startApp({ demo: true });
    [staff, dongshan] = await Promise.all([logIn(t.app, 'staff.xinjing'), logIn(t.app, 'staff.dongshan')]);
    xinjing = await placeByNames(t.db, '新景社区');
    yijing = await placeByNames(t.db, '新景社区', '颐景名苑');
  });
  afterAll(() => t.close());

  async function tree(c: Client = staff, placeId = xinjing.id): Promise<Tree> {
    const res = await c.get(`/api/v1/places/${placeId}/organisation`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Tree>();
  }
  const byName = async (name: string) => {
    const hit = flatten((await tree()).roots).find((n) => n.name === name);
    if (!hit) throw new Error(`${name} not in the tree`);
    return hit;
  };

  it('shows the demo community as four levels with counts', async () => {
    const tr = await tree();
    expect(tr.community.name).toBe('新景社区');
    const [committee] = tr.roots;
    expect(committee).toMatchObject({ kind: 'big_committee', level: 1, name: '新景社区大党委' });
    const branch = committee!.children.find((c) => c.name === '颐景名苑党支部')!;
    expect(branch).toMatchObject({ kind: 'compound_branch', level: 2, vacancies: [] });
    const group1 = branch.children.find((c) => c.name === '颐景名苑1幢党小组')!;
    expect(group1.buildings.map((x) => x.name)).toEqual(['1幢']);
    expect(group1.holders).toEqual(
      expect.arrayContaining([
        { title: 'pioneer_post', name: '张海' },
        { title: 'group_leader', name: '刘芳' },
      ]),
    );
    expect(group1.counts).toMatchObject({ members: 4, buildings: 1, centralHouseholds: 2, vacancies: 0 });
    const wu = group1.centralHouseholds.find((c) => c.leader.name === '吴军')!;
    expect(wu.householdLabel).toBe('颐景名苑 1幢 301室');
    expect(wu.lookedAfter.map((h) => h.name)).toEqual(['302室', '401室', '402室']);
    const joint = branch.children.find((c) => c.kind === 'joint_group')!;
    expect(joint.buildings.map((x) => x.name)).toEqual(['2幢', '3幢']);
    // History is kept: the dissolved 4幢 group is there, greyed, after the live ones.
    const old = branch.children.at(-1)!;
    expect(old).toMatchObject({ name: '颐景名苑4幢党小组', buildings: [] });
    expect(old.dissolvedAt).not.toBeNull();
    expect(branch.counts.buildings).toBe(3);
    expect(tr.totals.centralHouseholds).toBe(3);
  });

  it('shows the groups of one compound asked for there, with the big committee above them', async () => {
    const tr = await tree(staff, yijing.id);
    expect(flatten(tr.roots).map((n) => n.name)).not.toContain('东山社区大党委');
    expect(tr.roots[0]!.children.map((c) => c.name)).toEqual(['颐景名苑党支部']);
  });

  it('is not found for staff of another community, by place or by organisation', async () => {
    expect((await dongshan.get(`/api/v1/places/${xinjing.id}/organisation`)).statusCode).toBe(404);
    const group = await byName('颐景名苑1幢党小组');
    expect((await dongshan.get(`/api/v1/organisations/${group.id}`)).statusCode).toBe(404);
    const res = await dongshan.post(`/api/v1/organisations/${group.id}/dissolve`, { reason: 'x' });
    expect(res.statusCode).toBe(404);
    expect((await dongshan.get(`/api/v1/organisations/nope`)).statusCode).toBe(404);
  });

  it('refuses organisations that do not fit their place', async () => {
    const b1 = await b(1);
    const other = await placeByNames(t.db, '新景社区', '新景花园', '1幢');
    const yunjian = await placeByNames(t.db, '东山社区', '云间小区');
    const cases: [unknown, number, string][] = [
      [{ kind: 'big_committee', placeId: xinjing.id, name: '再来一个' }, 409, 'ORGANISATION_EXISTS'],
      [{ kind: 'compound_branch', placeId: b1.id, name: 'x' }, 422, 'ORGANISATION_INVALID'],
      [{ kind: 'building_group', placeId: b1.id, name: 'x' }, 409, 'ORGANISATION_EXISTS'],
      // 新景花园 has no branch: a group stands under its branch.
      [{ kind: 'building_group', placeId: other.id, name: 'x' }, 422, 'ORGANISATION_INVALID'],
      [
        { kind: 'joint_group', placeId: yijing.id, name: 'x', buildingIds: [(await b(4)).id] },
        422,
        'ORGANISATION_INVALID',
      ],
      [
        { kind: 'joint_group', placeId: yijing.id, name: 'x', buildingIds: [(await b(4)).id, other.id] },
        422,
        'ORGANISATION_INVALID',
      ],
      [
        { kind: 'joint_group', placeId: yijing.id, name: 'x', buildingIds: [(await b(4)).id, b1.id] },
        409,
        'BUILDING_ALREADY_GROUPED',
      ],
      [{ kind: 'compound_branch', placeId: yunjian.id, name: 'x' }, 404, 'NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const res = await staff.post('/api/v1/organisations', body);
      expect([res.statusCode, errorOf(res).code], JSON.stringify(body)).toEqual([status, code]);
    }
    const res = await staff.post('/api/v1/organisations', {
      kind: 'joint_group',
      placeId: yijing.id,
      name: 'x',
      buildingIds: [(await b(4)).id, other.id],
    });
    expect(errorOf(res).message).toBe('1幢 is not a building of this compound.');
  });

  it('creates a building group, merges it into the joint group and keeps the history', async () => {
    const b4 = await b(4);
    const created = await staff.post('/api/v1/organisations', {
      kind: 'building_group',
      placeId: b4.id,
      name: '颐景名苑4幢新党小组',
      // Mass assignment: a building group covers its own building whatever the body says.
      buildingIds: [(await b(1)).id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const g4 = created.json<OrganisationDetailView>();
    expect(g4.buildings.map((x) => x.name)).toEqual(['4幢']);
    expect(g4.parent?.name).toBe('颐景名苑党支部');
    expect(g4.vacancies).toEqual(['group_leader', 'pioneer_post']);

    const person = await personId('赵桂兰');
    const appoint = await staff.post(`/api/v1/organisations/${g4.id}/positions`, {
      title: 'pioneer_post',
      personId: person,
    });
    expect(appoint.statusCode, appoint.body).toBe(201);
    expect(appoint.json<OrganisationDetailView>().vacancies).toEqual(['group_leader']);

    const joint = await byName('颐景名苑2-3幢联合党小组');
    const merged = await staff.post(`/api/v1/organisations/${g4.id}/merge`, { intoId: joint.id });
    expect(merged.statusCode, merged.body).toBe(200);
    const into = merged.json<OrganisationDetailView>();
    expect(into.buildings.filter((x) => x.endedAt === null).map((x) => x.name)).toEqual([
      '2幢',
      '3幢',
      '4幢',
    ]);
    expect(into.mergedFrom.map((x) => x.name)).toEqual(['颐景名苑4幢新党小组']);

    const old = (await staff.get(`/api/v1/organisations/${g4.id}`)).json<OrganisationDetailView>();
    expect(old.mergedInto?.id).toBe(joint.id);
    expect(old.dissolvedAt).not.toBeNull();
    expect(old.buildings).toEqual([
      expect.objectContaining({ name: '4幢', endedAt: expect.any(String) as unknown }),
    ]);
    expect(old.positions).toEqual([
      expect.objectContaining({ title: 'pioneer_post', endedAt: expect.any(String) as unknown }),
    ]);
    const again = await staff.post(`/api/v1/organisations/${g4.id}/merge`, { intoId: joint.id });
    expect(errorOf(again).code).toBe('ORGANISATION_DISSOLVED');

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_type', '=', 'organisation')
      .where('entity_id', '=', g4.id)
      .execute();
    expect(audit.map((a) => a.summary)).toContain('Merged 颐景名苑4幢新党小组 into 颐景名苑2-3幢联合党小组');
  });

  it('changes a joint group’s buildings and renames it, refusing a building of another group', async () => {
    const joint = await byName('颐景名苑2-3幢联合党小组');
    const b1 = await b(1);
    const refused = await staff.patch(`/api/v1/organisations/${joint.id}`, {
      buildingIds: [...joint.buildings.map((x) => x.id), b1.id],
    });
    expect([refused.statusCode, errorOf(refused).code]).toEqual([409, 'BUILDING_ALREADY_GROUPED']);
    const keep = joint.buildings.filter((x) => x.name !== '4幢').map((x) => x.id);
    const res = await staff.patch(`/api/v1/organisations/${joint.id}`, {
      name: '颐景名苑2-3幢党小组',
      buildingIds: keep,
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<OrganisationDetailView>();
    expect(detail.name).toBe('颐景名苑2-3幢党小组');
    expect(detail.buildings.filter((x) => x.endedAt === null).map((x) => x.name)).toEqual(['2幢', '3幢']);
    expect(detail.buildings.some((x) => x.name === '4幢' && x.endedAt !== null)).toBe(true);
    const single = await staff.patch(`/api/v1/organisations/${joint.id}`, { buildingIds: [keep[0]] });
    expect(errorOf(single).code).toBe('ORGANISATION_INVALID');
  });

  it('dissolves a group with a reason, its members passing to the branch; a branch with groups cannot be', async () => {
    const branch = await byName('颐景名苑党支部');
    const refused = await staff.post(`/api/v1/organisations/${branch.id}/dissolve`, { reason: '试试' });
    expect(errorOf(refused).code).toBe('ORGANISATION_INVALID');
    const empty = await staff.post(`/api/v1/organisations/${branch.id}/dissolve`, { reason: '  ' });
    expect(empty.statusCode).toBe(400);

    const joint = await byName('颐景名苑2-3幢党小组');
    const res = await staff.post(`/api/v1/organisations/${joint.id}/dissolve`, { reason: '按楼栋重新划分' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<OrganisationDetailView>();
    expect(d).toMatchObject({ dissolvedReason: '按楼栋重新划分', members: [] });
    expect(d.positions.every((p) => p.endedAt !== null)).toBe(true);
    const member = await t.db.kysely
      .selectFrom('party_members')
      .innerJoin('people', 'people.id', 'party_members.person_id')
      .select('party_members.organisation_id')
      .where('people.name', '=', '陈志明')
      .executeTakeFirstOrThrow();
    expect(member.organisation_id).toBe(branch.id);
    // Still in the tree, as history.
    expect((await byName('颐景名苑2-3幢党小组')).dissolvedAt).not.toBeNull();
    // The rows are all still there: nothing is deleted.
    const rows = await t.db.kysely
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', joint.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('appoints to a single-holder post by ending the old holder', async () => {
    const group = await byName('颐景名苑1幢党小组');
    const res = await staff.post(`/api/v1/organisations/${group.id}/positions`, {
      title: 'pioneer_post',
      personId: await personId('周红梅'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const pioneers = res.json<OrganisationDetailView>().positions.filter((p) => p.title === 'pioneer_post');
    expect(pioneers.map((p) => [p.person?.name, p.endedAt === null])).toEqual([
      ['张海', false],
      ['周红梅', true],
    ]);
    const wrong = await staff.post(`/api/v1/organisations/${group.id}/positions`, {
      title: 'secretary',
      personId: await personId('周红梅'),
    });
    expect(errorOf(wrong).code).toBe('ORGANISATION_INVALID');
    const stranger = await staff.post(`/api/v1/organisations/${group.id}/positions`, {
      title: 'group_leader',
      personId: await personId('钱国强'),
    });
    expect(stranger.statusCode).toBe(404);
    const live = pioneers.find((p) => p.endedAt === null)!;
    const ended = await staff.post(`/api/v1/positions/${live.id}/end`);
    expect(ended.json<OrganisationDetailView>().vacancies).toEqual(['pioneer_post']);
    expect((await staff.post(`/api/v1/positions/${live.id}/end`)).statusCode).toBe(409);
    expect((await dongshan.post(`/api/v1/positions/${live.id}/end`)).statusCode).toBe(404);
  });

  it('keeps red butler teams open to non-members and owners’ committees with one chair', async () => {
    const group = await byName('颐景名苑1幢党小组');
    const detail = (await staff.get(`/api/v1/organisations/${group.id}`)).json<OrganisationDetailView>();
    expect(detail.redButlers.map((r) => [r.person.name, r.kind])).toEqual([
      ['张海', 'party_member'],
      ['王德福', 'property_staff'],
      ['林秀珍', 'resident'],
    ]);
    const added = await staff.post(`/api/v1/organisations/${group.id}/red-butlers`, {
      personId: await personId('郑国平'),
      kind: 'owners_committee',
    });
    expect(added.statusCode, added.body).toBe(201);
    const branch = (
      await staff.get(`/api/v1/organisations/${(await byName('颐景名苑党支部')).id}`)
    ).json<OrganisationDetailView>();
    expect(branch.ownersCommittee?.find((m) => m.role === 'chair')?.person.name).toBe('周红梅');

    const res = await staff.post(`/api/v1/places/${yijing.id}/owners-committee`, {
      personId: await personId('郑国平'),
      role: 'chair',
    });
    expect(res.statusCode, res.body).toBe(201);
    const live = res
      .json<{ members: { person: { name: string }; role: string; endedAt: string | null }[] }>()
      .members.filter((m) => m.endedAt === null)
      .map((m) => [m.person.name, m.role]);
    expect(live).toEqual([
      ['林秀珍', 'member'],
      ['郑国平', 'chair'],
    ]);
  });

  it('creates, changes and ends central households', async () => {
    const flat = (n: string) => placeByNames(t.db, '新景社区', '颐景名苑', '1幢', n);
    const body = {
      householdId: (await flat('602室')).id,
      leaderPersonId: await personId('林秀珍'),
      title: '周红梅党员中心户',
      services: ['政策宣传'],
      lookedAfterIds: [(await flat('501室')).id],
    };
    const notMember = await staff.post('/api/v1/central-households', body);
    expect(errorOf(notMember).code).toBe('ORGANISATION_INVALID');
    const other = await placeByNames(t.db, '新景社区', '颐景名苑', '2幢', '101室');
    const far = await staff.post('/api/v1/central-households', {
      ...body,
      leaderPersonId: await personId('周红梅'),
      lookedAfterIds: [other.id],
    });
    expect(far.statusCode).toBe(201);
    const ch = far.json<CentralHouseholdView>();
    expect(ch).toMatchObject({
      householdLabel: '颐景名苑 1幢 602室',
      lit: false,
      organisationId: (await byName('颐景名苑1幢党小组')).id,
    });
    const again = await staff.post('/api/v1/central-households', {
      ...body,
      leaderPersonId: await personId('周红梅'),
    });
    expect(errorOf(again).code).toBe('ORGANISATION_EXISTS');
    const changed = await staff.patch(`/api/v1/central-households/${ch.id}`, {
      lookedAfterIds: [(await flat('501室')).id, (await flat('502室')).id],
    });
    expect(changed.json<CentralHouseholdView>().lookedAfter.map((h) => h.name)).toEqual(['501室', '502室']);
    const foreign = await placeByNames(t.db, '东山社区', '云间小区', '1幢', '101室');
    const bad = await staff.patch(`/api/v1/central-households/${ch.id}`, { lookedAfterIds: [foreign.id] });
    expect(errorOf(bad).code).toBe('ORGANISATION_INVALID');
    const ended = await staff.post(`/api/v1/central-households/${ch.id}/end`);
    expect(ended.json<CentralHouseholdView>()).toMatchObject({
      lit: false,
      endedAt: expect.any(String) as unknown,
    });
    expect((await dongshan.post(`/api/v1/central-households/${ch.id}/end`)).statusCode).toBe(404);
  });

  async function personId(name: string): Promise<string> {
    const row = await t.db.kysely
      .selectFrom('people')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.id;
  }
});
