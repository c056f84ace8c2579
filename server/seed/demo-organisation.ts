import type { PlaceRow } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import type { DemoContext } from './demo.js';

/**
 * The demo's four-level organisation and its people, built to the picture the standards read
 * (SPEC.md §3; the brief's "deliberate breaks"): 颐景名苑 4幢 uncovered, 学成小区 3幢 only in a joint
 * group, 中心怡园 11幢 without a pioneer post, 云间小区 with 4 resident members and no branch,
 * 钱立 linked to 4 compounds. Rows are written directly, in a few batched inserts, to keep seeding fast.
 */

const DAY = 86_400_000;

interface PersonSpec {
  key: string;
  name: string;
  community: string;
  /** Household place key, or a [compound key, building name, flat name] for buildings without keys. */
  home?: string | [string, string, string];
  phone?: string;
  gender: 'female' | 'male';
  birthYear: number;
  user?: string;
  note?: string;
  member?: { kind: 'resident' | 'in_service'; workUnit?: string; joinedOn: string };
}

const P = (
  key: string,
  name: string,
  community: string,
  gender: 'female' | 'male',
  birthYear: number,
  extra: Partial<PersonSpec> = {},
): PersonSpec => ({ key, name, community, gender, birthYear, ...extra });
const resident = (joinedOn: string) => ({ kind: 'resident' as const, joinedOn });
const inService = (workUnit: string, joinedOn: string) => ({
  kind: 'in_service' as const,
  workUnit,
  joinedOn,
});

const PEOPLE: PersonSpec[] = [
  // 新景社区
  P('chenxy', '陈晓燕', 'xinjing', 'female', 1982, {
    user: 'staff.xinjing',
    phone: '13800000004',
    member: inService('新景社区居委会', '2006-07-01'),
  }),
  P('zhouhm', '周红梅', 'xinjing', 'female', 1968, {
    user: 'secretary',
    phone: '13800000007',
    home: 'yijing-b1-601',
    member: resident('1995-06-20'),
  }),
  P('huangzq', '黄志强', 'xinjing', 'male', 1975, {
    user: 'instructor',
    phone: '13800000008',
    member: inService('葭沚街道党工委', '1998-11-03'),
  }),
  P('zhanghai', '张海', 'xinjing', 'male', 1963, {
    user: 'leader',
    phone: '13800000009',
    home: 'yijing-b1-101',
    member: resident('1988-05-12'),
  }),
  P('liufang', '刘芳', 'xinjing', 'female', 1971, {
    user: 'groupleader',
    phone: '13800000010',
    home: 'yijing-b1-202',
    member: resident('2001-07-01'),
  }),
  P('wujun', '吴军', 'xinjing', 'male', 1979, {
    user: 'member',
    phone: '13800000012',
    home: 'yijing-b1-301',
    member: inService('椒江区人民医院', '2004-12-18'),
  }),
  P('linxz', '林秀珍', 'xinjing', 'female', 1958, {
    user: 'resident',
    phone: '13800000014',
    home: 'yijing-b1-201',
  }),
  P('zhaolei', '赵磊', 'xinjing', 'male', 1996, {
    user: 'volunteer',
    phone: '13800000011',
    home: 'yijing-b2-101',
  }),
  P('chenzm', '陈志明', 'xinjing', 'male', 1966, {
    phone: '13900010001',
    home: 'yijing-b2-501',
    member: resident('1990-03-08'),
  }),
  P('wangxy', '王秀英', 'xinjing', 'female', 1960, {
    phone: '13900010002',
    home: 'yijing-b2-302',
    member: resident('1985-10-01'),
  }),
  P('lijh', '李建华', 'xinjing', 'male', 1957, {
    phone: '13900010003',
    home: 'yijing-b3-201',
    member: resident('1982-06-30'),
  }),
  P('sunwei', '孙伟', 'xinjing', 'male', 1985, {
    phone: '13900010004',
    home: 'yijing-b3-402',
    member: inService('椒江区税务局', '2009-06-01'),
  }),
  P('zhaogl', '赵桂兰', 'xinjing', 'female', 1952, {
    phone: '13900010005',
    home: 'yijing-b4-101',
    member: resident('1978-04-15'),
  }),
  P('zhenggp', '郑国平', 'xinjing', 'male', 1970, { phone: '13900010006', home: 'yijing-b3-601' }),
  P('wangdf', '王德福', 'xinjing', 'male', 1974, { phone: '13900010007', note: '颐景名苑物业 维修主管' }),
  P('hejg', '何建国', 'xinjing', 'male', 1962, {
    phone: '13900010008',
    home: ['xinjing-garden', '1幢', '201室'],
    member: resident('1987-09-09'),
  }),
  P('mali', '马丽', 'xinjing', 'female', 1977, {
    phone: '13900010009',
    home: ['xinjing-garden', '2幢', '302室'],
    member: resident('2003-05-04'),
  }),
  // 东山社区
  P('wangjg', '王建国', 'dongshan', 'male', 1978, {
    user: 'staff.dongshan',
    phone: '13800000005',
    member: inService('东山社区居委会', '2002-07-01'),
  }),
  P('qiangq', '钱国强', 'dongshan', 'male', 1964, {
    phone: '13900020001',
    home: 'yunjian-b1-801',
    member: resident('1989-01-20'),
  }),
  P('xumh', '许美华', 'dongshan', 'female', 1969, {
    phone: '13900020002',
    home: 'yunjian-b1-1002',
    member: resident('1994-07-01'),
  }),
  P('fengzy', '冯志勇', 'dongshan', 'male', 1973, {
    phone: '13900020003',
    home: 'yunjian-b2-502',
    member: resident('1999-12-12'),
  }),
  P('jianglp', '蒋丽萍', 'dongshan', 'female', 1980, {
    phone: '13900020004',
    home: 'yunjian-b3-1101',
    member: resident('2005-03-18'),
  }),
  P('zhengfs', '郑福生', 'dongshan', 'male', 1949, {
    user: 'resident.yunjian',
    phone: '13800000015',
    home: 'yunjian-b2-1201',
  }),
  // 学院社区
  P('liwen', '李文', 'xueyuan', 'female', 1986, {
    user: 'staff.xueyuan',
    phone: '13800000006',
    member: inService('学院社区居委会', '2010-06-01'),
  }),
  P('qianli', '钱立', 'xueyuan', 'male', 1972, {
    phone: '13900030001',
    member: inService('白云街道党工委', '1996-05-04'),
  }),
  P('hewd', '何卫东', 'xueyuan', 'male', 1961, {
    phone: '13900030002',
    home: 'zhongxin-b11-u1-201',
    member: resident('1986-08-01'),
  }),
  P('luomin', '罗敏', 'xueyuan', 'female', 1975, {
    phone: '13900030003',
    home: 'zhongxin-b11-u1-401',
    member: resident('2000-10-10'),
  }),
  P('gaojp', '高建平', 'xueyuan', 'male', 1958, {
    phone: '13900030004',
    home: 'zhongxin-b11-u1-602',
    member: resident('1983-03-05'),
  }),
  P('liangsf', '梁淑芬', 'xueyuan', 'female', 1965, {
    phone: '13900030005',
    home: ['zhongxin', '1幢', '302室'],
    member: resident('1991-07-01'),
  }),
  P('songzg', '宋志刚', 'xueyuan', 'male', 1968, {
    phone: '13900030006',
    home: ['zhongxin', '2幢', '201室'],
    member: resident('1993-11-11'),
  }),
  P('sunli', '孙丽', 'xueyuan', 'female', 1990, {
    user: 'resident.xueyuan',
    phone: '13800000016',
    home: 'zhongxin-b11-u1-302',
  }),
  P('tanghy', '唐海燕', 'xueyuan', 'female', 1970, {
    phone: '13900030007',
    home: 'xuecheng-b3-201',
    member: resident('1996-07-01'),
  }),
  P('handong', '韩东', 'xueyuan', 'male', 1967, {
    phone: '13900030008',
    home: 'xuecheng-b3-302',
    member: resident('1992-04-22'),
  }),
  P('caoxl', '曹秀兰', 'xueyuan', 'female', 1959, {
    phone: '13900030009',
    home: 'xuecheng-b3-501',
    member: resident('1984-09-30'),
  }),
  P('pengjun', '彭军', 'xueyuan', 'male', 1983, {
    phone: '13900030010',
    home: 'xuecheng-b1-101',
    member: inService('台州学院', '2007-06-01'),
  }),
  P('xiefang', '谢芳', 'xueyuan', 'female', 1988, {
    phone: '13900030011',
    home: 'xuecheng-b1-302',
    member: inService('椒江区实验小学', '2012-07-01'),
  }),
  P('dengwei', '邓伟', 'xueyuan', 'male', 1981, {
    phone: '13900030012',
    home: 'xuecheng-b2-201',
    member: inService('台州市中心医院', '2006-12-01'),
  }),
  P('panli', '潘丽', 'xueyuan', 'female', 1987, {
    phone: '13900030013',
    home: 'xuecheng-b4-401',
    member: inService('椒江区供电局', '2011-05-04'),
  }),
  P('zhongwei', '钟伟', 'xueyuan', 'male', 1966, { phone: '13900030014', home: 'xuecheng-b2-502' }),
];

export async function seedDemoOrganisation(ctx: DemoContext): Promise<void> {
  const { trx } = ctx;
  const now = Date.parse(ctx.at);
  const ago = (days: number) => new Date(now - days * DAY).toISOString();

  // Places the demo tree does not key: find them by name under a keyed compound.
  const unkeyed = PEOPLE.flatMap((p) => (Array.isArray(p.home) ? [p.home] : []));
  const compoundIds = [...new Set(unkeyed.map(([c]) => ctx.place(c).id))];
  const below = await trx
    .selectFrom('places as b')
    .innerJoin('places as h', 'h.parent_id', 'b.id')
    .select(['b.parent_id as compound_id', 'b.name as building', 'h.id', 'h.path', 'h.name'])
    .where('b.parent_id', 'in', compoundIds)
    .execute();
  const buildingsBelow = await trx
    .selectFrom('places')
    .selectAll()
    .where('parent_id', 'in', compoundIds)
    .execute();
  const home = (h: PersonSpec['home']): string | null => {
    if (h === undefined) return null;
    if (typeof h === 'string') return ctx.place(h).id;
    const row = below.find(
      (r) => r.compound_id === ctx.place(h[0]).id && r.building === h[1] && r.name === h[2],
    );
    if (!row) throw new Error(`demo household ${h.join(' ')} missing`);
    return row.id;
  };
  const building = (compound: string, name: string): PlaceRow => {
    const b = buildingsBelow.find((r) => r.parent_id === ctx.place(compound).id && r.name === name);
    if (!b) throw new Error(`demo building ${compound} ${name} missing`);
    return b;
  };

  // People
  const person = new Map<string, { id: string; community: string; home: string | null; spec: PersonSpec }>();
  for (const p of PEOPLE)
    person.set(p.key, { id: newId(), community: ctx.place(p.community).id, home: home(p.home), spec: p });
  const id = (key: string) => {
    const p = person.get(key);
    if (!p) throw new Error(`demo person ${key} missing`);
    return p.id;
  };
  await trx
    .insertInto('people')
    .values(
      [...person.values()].map(({ id: pid, community, home: h, spec }) => ({
        id: pid,
        community_id: community,
        name: spec.name,
        phone: spec.phone ?? null,
        gender: spec.gender,
        birth_year: spec.birthYear,
        household_id: h,
        user_id: spec.user ? ctx.user(spec.user) : null,
        note: spec.note ?? null,
        created_at: ago(400),
        updated_at: ago(400),
        archived_at: null,
      })),
    )
    .execute();

  // Organisations
  interface OrgSpec {
    key: string;
    kind: string;
    name: string;
    place: PlaceRow;
    parent: string | null;
    buildings: PlaceRow[];
    createdDaysAgo: number;
    dissolved?: { daysAgo: number; reason: string };
  }
  const orgs: OrgSpec[] = [];
  const org = (s: OrgSpec) => orgs.push(s);
  const pl = (k: string) => ctx.place(k);
  for (const [key, community, name] of [
    ['bc-xinjing', 'xinjing', '新景社区大党委'],
    ['bc-dongshan', 'dongshan', '东山社区大党委'],
    ['bc-xueyuan', 'xueyuan', '学院社区大党委'],
  ] as const) {
    org({
      key,
      kind: 'big_committee',
      name,
      place: pl(community),
      parent: null,
      buildings: [],
      createdDaysAgo: 720,
    });
  }
  org({
    key: 'br-yijing',
    kind: 'compound_branch',
    name: '颐景名苑党支部',
    place: pl('yijing'),
    parent: 'bc-xinjing',
    buildings: [],
    createdDaysAgo: 700,
  });
  org({
    key: 'g-yijing-1',
    kind: 'building_group',
    name: '颐景名苑1幢党小组',
    place: pl('yijing-b1'),
    parent: 'br-yijing',
    buildings: [pl('yijing-b1')],
    createdDaysAgo: 680,
  });
  org({
    key: 'g-yijing-23',
    kind: 'joint_group',
    name: '颐景名苑2-3幢联合党小组',
    place: pl('yijing'),
    parent: 'br-yijing',
    buildings: [pl('yijing-b2'), pl('yijing-b3')],
    createdDaysAgo: 680,
  });
  // History: 4幢 had its own group until its members moved away (so it is uncovered now, S5).
  org({
    key: 'g-yijing-4',
    kind: 'building_group',
    name: '颐景名苑4幢党小组',
    place: pl('yijing-b4'),
    parent: 'br-yijing',
    buildings: [pl('yijing-b4')],
    createdDaysAgo: 680,
    dissolved: { daysAgo: 60, reason: '党员迁出，人数不足，待并入联合党小组' },
  });
  org({
    key: 'br-zhongxin',
    kind: 'compound_branch',
    name: '中心怡园党支部',
    place: pl('zhongxin'),
    parent: 'bc-xueyuan',
    buildings: [],
    createdDaysAgo: 650,
  });
  org({
    key: 'g-zhongxin-11',
    kind: 'building_group',
    name: '中心怡园11幢党小组',
    place: pl('zhongxin-b11'),
    parent: 'br-zhongxin',
    buildings: [pl('zhongxin-b11')],
    createdDaysAgo: 600,
  });
  org({
    key: 'g-zhongxin-12',
    kind: 'joint_group',
    name: '中心怡园1-2幢联合党小组',
    place: pl('zhongxin'),
    parent: 'br-zhongxin',
    buildings: [building('zhongxin', '1幢'), building('zhongxin', '2幢')],
    createdDaysAgo: 600,
  });
  org({
    key: 'br-xuecheng',
    kind: 'compound_branch',
    name: '学成小区党支部',
    place: pl('xuecheng'),
    parent: 'bc-xueyuan',
    buildings: [],
    createdDaysAgo: 500,
  });
  org({
    key: 'g-xuecheng-1',
    kind: 'building_group',
    name: '学成小区1幢党小组',
    place: pl('xuecheng-b1'),
    parent: 'br-xuecheng',
    buildings: [pl('xuecheng-b1')],
    createdDaysAgo: 480,
  });
  org({
    key: 'g-xuecheng-234',
    kind: 'joint_group',
    name: '学成小区2-4幢联合党小组',
    place: pl('xuecheng'),
    parent: 'br-xuecheng',
    buildings: [pl('xuecheng-b2'), pl('xuecheng-b3'), pl('xuecheng-b4')],
    createdDaysAgo: 480,
  });

  const orgId = new Map(orgs.map((o) => [o.key, newId()]));
  const oid = (key: string) => orgId.get(key)!;
  await trx
    .insertInto('organisations')
    .values(
      orgs.map((o) => ({
        id: oid(o.key),
        community_id: o.place.community_id!,
        kind: o.kind,
        name: o.name,
        place_id: o.place.id,
        parent_id: o.parent ? oid(o.parent) : null,
        created_at: ago(o.createdDaysAgo),
        updated_at: ago(o.dissolved?.daysAgo ?? o.createdDaysAgo),
        dissolved_at: o.dissolved ? ago(o.dissolved.daysAgo) : null,
        dissolved_reason: o.dissolved?.reason ?? null,
        merged_into_id: null,
      })),
    )
    .execute();
  await trx
    .insertInto('organisation_buildings')
    .values(
      orgs.flatMap((o) =>
        o.buildings.map((b) => ({
          organisation_id: oid(o.key),
          building_id: b.id,
          community_id: b.community_id!,
          started_at: ago(o.createdDaysAgo),
          ended_at: o.dissolved ? ago(o.dissolved.daysAgo) : null,
        })),
      ),
    )
    .execute();

  // Positions (partner seats of the big committees are the partners' demo).
  const positions: [string, string, string, number][] = [
    ['bc-xinjing', 'secretary', 'chenxy', 700],
    ['bc-xinjing', 'deputy_secretary', 'zhouhm', 700],
    ['bc-xinjing', 'committee_member', 'huangzq', 700],
    ['bc-xinjing', 'committee_member', 'chenzm', 500],
    ['bc-dongshan', 'secretary', 'wangjg', 700],
    ['bc-dongshan', 'committee_member', 'qiangq', 600],
    ['bc-dongshan', 'committee_member', 'xumh', 600],
    ['bc-xueyuan', 'secretary', 'liwen', 700],
    ['bc-xueyuan', 'deputy_secretary', 'hewd', 650],
    ['bc-xueyuan', 'committee_member', 'tanghy', 500],
    ['br-yijing', 'secretary', 'zhouhm', 700],
    ['br-yijing', 'deputy_secretary', 'chenzm', 700],
    ['br-yijing', 'committee_member', 'liufang', 700],
    ['g-yijing-1', 'group_leader', 'liufang', 680],
    ['g-yijing-1', 'pioneer_post', 'zhanghai', 680],
    ['g-yijing-23', 'group_leader', 'chenzm', 680],
    ['g-yijing-23', 'pioneer_post', 'wangxy', 680],
    ['g-yijing-23', 'pioneer_post', 'lijh', 680],
    ['br-zhongxin', 'secretary', 'hewd', 650],
    ['g-zhongxin-11', 'group_leader', 'luomin', 600],
    ['g-zhongxin-12', 'group_leader', 'liangsf', 600],
    ['g-zhongxin-12', 'pioneer_post', 'songzg', 600],
    ['br-xuecheng', 'secretary', 'tanghy', 500],
    ['g-xuecheng-1', 'group_leader', 'pengjun', 480],
    ['g-xuecheng-1', 'pioneer_post', 'xiefang', 480],
    ['g-xuecheng-234', 'group_leader', 'handong', 480],
    ['g-xuecheng-234', 'pioneer_post', 'dengwei', 480],
    ['g-xuecheng-234', 'pioneer_post', 'panli', 480],
  ];
  const ended: [string, string, string, number, number][] = [
    ['g-yijing-4', 'group_leader', 'zhaogl', 680, 60],
    ['g-zhongxin-11', 'pioneer_post', 'gaojp', 600, 45],
  ];
  await trx
    .insertInto('positions')
    .values([
      ...positions.map(([o, title, p, days]) => ({
        id: newId(),
        organisation_id: oid(o),
        community_id: person.get(p)!.community,
        title,
        person_id: id(p),
        partner_unit_id: null,
        started_at: ago(days),
        ended_at: null,
      })),
      ...ended.map(([o, title, p, from, to]) => ({
        id: newId(),
        organisation_id: oid(o),
        community_id: person.get(p)!.community,
        title,
        person_id: id(p),
        partner_unit_id: null,
        started_at: ago(from),
        ended_at: ago(to),
      })),
    ])
    .execute();

  // Party members, each with the organisation they belong to: the live group of their building,
  // else their compound's branch, else (no household here, in-service) the big committee.
  const liveGroupOf = new Map<string, string>();
  const branchOf = new Map<string, string>();
  for (const o of orgs) {
    if (o.dissolved) continue;
    for (const b of o.buildings) liveGroupOf.set(b.id, oid(o.key));
    if (o.kind === 'compound_branch') branchOf.set(o.place.id, oid(o.key));
  }
  const committeeOf = new Map(
    orgs.filter((o) => o.kind === 'big_committee').map((o) => [o.place.id, oid(o.key)]),
  );
  const homes = await trx
    .selectFrom('places')
    .select(['id', 'path'])
    .where(
      'id',
      'in',
      [...person.values()].flatMap((p) => (p.home ? [p.home] : [])),
    )
    .execute();
  const organisationOf = (p: { community: string; home: string | null }, path?: string) => {
    if (!p.home) return committeeOf.get(p.community) ?? null;
    const ids = (path ?? homes.find((h) => h.id === p.home)!.path).split('/').filter(Boolean);
    for (const x of ids.slice().reverse()) {
      const hit = liveGroupOf.get(x) ?? branchOf.get(x);
      if (hit) return hit;
    }
    return null;
  };
  await trx
    .insertInto('party_members')
    .values(
      [...person.values()]
        .filter((p) => p.spec.member)
        .map((p) => ({
          person_id: p.id,
          community_id: p.community,
          kind: p.spec.member!.kind,
          organisation_id: organisationOf(p),
          work_unit: p.spec.member!.workUnit ?? null,
          joined_on: p.spec.member!.joinedOn,
          created_at: ago(400),
          updated_at: ago(400),
          ended_at: null,
        })),
    )
    .execute();

  // Red butler teams in 颐景名苑: members and non-members side by side.
  const butlers: [string, string, string, string | null][] = [
    ['g-yijing-1', 'zhanghai', 'party_member', 'yijing-b1'],
    ['g-yijing-1', 'linxz', 'resident', 'yijing-b1'],
    ['g-yijing-1', 'wangdf', 'property_staff', null],
    ['g-yijing-23', 'wangxy', 'party_member', 'yijing-b2'],
    ['g-yijing-23', 'zhaolei', 'resident', 'yijing-b2'],
    ['g-yijing-23', 'zhenggp', 'owners_committee', 'yijing-b3'],
  ];
  await trx
    .insertInto('red_butlers')
    .values(
      butlers.map(([o, p, kind, b]) => ({
        id: newId(),
        community_id: person.get(p)!.community,
        organisation_id: oid(o),
        building_id: b ? pl(b).id : null,
        person_id: id(p),
        kind,
        started_at: ago(300),
        ended_at: null,
      })),
    )
    .execute();

  // Owners' committees: 颐景名苑 chaired by its branch secretary (S2 holds); 学成小区 by a non-member.
  const committee: [string, string, string][] = [
    ['yijing', 'zhouhm', 'chair'],
    ['yijing', 'zhenggp', 'member'],
    ['yijing', 'linxz', 'member'],
    ['xuecheng', 'zhongwei', 'chair'],
    ['xuecheng', 'tanghy', 'member'],
  ];
  await trx
    .insertInto('owners_committee_members')
    .values(
      committee.map(([c, p, role]) => ({
        id: newId(),
        community_id: pl(c).community_id!,
        compound_id: pl(c).id,
        person_id: id(p),
        role,
        started_at: ago(365),
        ended_at: null,
      })),
    )
    .execute();

  // Instructors: 黄志强 within the limit; 钱立 linked to four (from before the rule was set: S3 broken).
  const links: [string, string][] = [
    ['huangzq', 'yijing'],
    ['huangzq', 'xinjing-garden'],
    ['qianli', 'zhongxin'],
    ['qianli', 'xuecheng'],
    ['qianli', 'xuefu'],
    ['qianli', 'wenchang'],
  ];
  await trx
    .insertInto('instructor_links')
    .values(
      links.map(([p, c], i) => ({
        id: newId(),
        community_id: person.get(p)!.community,
        person_id: id(p),
        compound_id: pl(c).id,
        started_at: ago(200 - i),
        ended_at: null,
      })),
    )
    .execute();

  // Central households (level 4); the lighting demo lights some of them up.
  const central: [string, string, string, string, string[]][] = [
    [
      'wujun',
      'yijing-b1-301',
      '吴军党员中心户',
      '政策宣传,邻里互助,健康咨询',
      ['yijing-b1-302', 'yijing-b1-401', 'yijing-b1-402'],
    ],
    ['zhanghai', 'yijing-b1-101', '张海党员中心户', '矛盾调解,代办代购', ['yijing-b1-102', 'yijing-b1-201']],
    [
      'chenzm',
      'yijing-b2-501',
      '陈志明党员中心户',
      '政策宣传,矛盾调解',
      ['yijing-b2-502', 'yijing-b2-601', 'yijing-b2-602'],
    ],
    [
      'qiangq',
      'yunjian-b1-801',
      '钱国强党员中心户',
      '邻里互助,安全巡查',
      ['yunjian-b1-802', 'yunjian-b1-901'],
    ],
    [
      'tanghy',
      'xuecheng-b3-201',
      '唐海燕党员中心户',
      '政策宣传,助老服务',
      ['xuecheng-b3-202', 'xuecheng-b3-301'],
    ],
    [
      'hewd',
      'zhongxin-b11-u1-201',
      '何卫东党员中心户',
      '邻里互助,矛盾调解',
      ['zhongxin-b11-u1-101', 'zhongxin-b11-u1-202'],
    ],
  ];
  const chRows = central.map(([p, h, title, services]) => {
    const household = pl(h);
    const groupOrBranch = organisationOf(
      { community: household.community_id!, home: household.id },
      household.path,
    );
    return {
      id: newId(),
      community_id: household.community_id!,
      household_id: household.id,
      leader_person_id: id(p),
      organisation_id: groupOrBranch === committeeOf.get(household.community_id!) ? null : groupOrBranch,
      title,
      services,
      motto: null,
      lit_at: null,
      consent_id: null,
      created_at: ago(150),
      updated_at: ago(150),
      ended_at: null,
    };
  });
  await trx.insertInto('central_households').values(chRows).execute();
  await trx
    .insertInto('central_household_links')
    .values(
      central.flatMap(([, , , , looked], i) =>
        looked.map((h) => ({ central_household_id: chRows[i]!.id, household_id: pl(h).id })),
      ),
    )
    .execute();
}
