import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrganisationKind } from './organisation.js';
import type { PlaceKind } from './places.js';
import {
  checkS1,
  checkS2,
  checkS3,
  checkS4,
  checkS5,
  checkS6,
  checkS7,
  countByChild,
  evaluateStandards,
  type SnapshotOrganisation,
  type SnapshotPlace,
  type StandardsSnapshot,
} from './standards-rules.js';
import { DEFAULT_THRESHOLDS, STANDARD_IDS } from './standards.js';

const T = DEFAULT_THRESHOLDS;
const NOW = '2026-11-29T08:00:00.000Z';
const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();

/** A small tree: district d → street s → communities → compounds → buildings, built by name. */
class World {
  places: SnapshotPlace[] = [];
  snap: StandardsSnapshot;
  private seq = 0;
  constructor() {
    this.snap = {
      now: NOW,
      scopePath: '/d/',
      places: this.places,
      residentMembersByBuilding: {},
      organisations: [],
      ownersCommitteeChairs: [],
      instructorLinks: [],
      livingRooms: [],
      lastPlenaryByCommunity: {},
    };
    this.add('d', null, 'district', '椒江区');
    this.add('s', 'd', 'street', '葭沚街道');
  }
  add(id: string, parentId: string | null, kind: PlaceKind, name = id): string {
    const parent = this.places.find((p) => p.id === parentId);
    this.places.push({ id, parentId, kind, name, path: `${parent?.path ?? '/'}${id}/` });
    return id;
  }
  community(id: string, name = id) {
    return this.add(id, 's', 'community', name);
  }
  compound(id: string, community: string, buildings: number[] = [], name = id) {
    this.add(id, community, 'compound', name);
    buildings.forEach((members, i) => {
      const b = this.add(`${id}-b${i + 1}`, id, 'building', `${i + 1}幢`);
      if (members > 0) (this.snap.residentMembersByBuilding as Record<string, number>)[b] = members;
    });
    return id;
  }
  org(
    kind: OrganisationKind,
    placeId: string,
    opts: { buildings?: string[]; positions?: SnapshotOrganisation['positions']; name?: string } = {},
  ) {
    const o: SnapshotOrganisation = {
      id: `o${++this.seq}`,
      kind,
      name: opts.name ?? `${kind} ${placeId}`,
      placeId,
      buildingIds: opts.buildings ?? [],
      positions: opts.positions ?? [],
    };
    this.snap.organisations.push(o);
    return o;
  }
  scope(id: string) {
    this.snap.scopePath = this.places.find((p) => p.id === id)!.path;
    return this;
  }
}

const pioneer = (name = '王') => [{ title: 'pioneer_post', personId: `p-${name}`, personName: name }];

describe('S1 compound branch', () => {
  it('breaks at a compound with enough resident members and no branch, naming the fix', () => {
    const w = new World();
    w.community('c');
    w.compound('yunjian', 'c', [2, 1, 1], '云间小区');
    w.compound('garden', 'c', [1, 1], '新景花园');
    const r = checkS1(w.snap, T);
    expect(r.status).toBe('broken');
    expect(r.checked).toBe(2);
    expect(r.violations).toEqual([
      {
        placeId: 'yunjian',
        code: 'S1_NO_BRANCH',
        params: { place: '云间小区', members: 4, min: 3 },
        message: '云间小区 has 4 resident party members and no branch: set up a compound branch.',
      },
    ]);
  });

  it('holds with a branch, below the threshold, and follows the threshold', () => {
    const w = new World();
    w.community('c');
    w.compound('a', 'c', [3]);
    w.compound('b', 'c', [1, 1]);
    w.org('compound_branch', 'a');
    expect(checkS1(w.snap, T).status).toBe('holds');
    expect(checkS1(w.snap, { ...T, branchMinMembers: 2 }).violations.map((v) => v.placeId)).toEqual(['b']);
  });

  it('speaks only of compounds inside the scope', () => {
    const w = new World();
    w.community('c1');
    w.community('c2');
    w.compound('a', 'c1', [5]);
    w.compound('b', 'c2', [5]);
    expect(checkS1(w.scope('c2').snap, T).violations.map((v) => v.placeId)).toEqual(['b']);
    expect(checkS1(w.scope('b-b1').snap, T)).toMatchObject({ status: 'holds', checked: 0 });
  });
});

describe('S2 chair is the secretary (advisory)', () => {
  it('reports the rate and the compounds where the two differ', () => {
    const w = new World();
    w.community('c');
    w.compound('yijing', 'c', [], '颐景名苑');
    w.compound('xuecheng', 'c', [], '学成小区');
    w.compound('none', 'c', []);
    w.org('compound_branch', 'yijing', {
      positions: [{ title: 'secretary', personId: 'zhou', personName: '周红梅' }],
    });
    w.org('compound_branch', 'xuecheng', {
      positions: [{ title: 'secretary', personId: 'li', personName: '李' }],
    });
    w.snap.ownersCommitteeChairs.push(
      { compoundId: 'yijing', personId: 'zhou', personName: '周红梅' },
      { compoundId: 'xuecheng', personId: 'zhang', personName: '张' },
      { compoundId: 'none', personId: 'x', personName: 'X' },
    );
    const r = checkS2(w.snap, T);
    expect(r.status).toBe('advisory');
    expect(r.rate).toEqual({ matching: 1, total: 2 });
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({
      placeId: 'xuecheng',
      code: 'S2_CHAIR_NOT_SECRETARY',
      params: { place: '学成小区', chair: '张', secretary: '李' },
    });
    expect(r.violations[0]!.message).toContain("学成小区: the owners'-committee chair (张)");
  });

  it('is advisory even with nothing to compare', () => {
    const r = checkS2(new World().snap, T);
    expect(r).toMatchObject({ status: 'advisory', rate: { matching: 0, total: 0 }, violations: [] });
  });
});

describe('S3 instructor links', () => {
  const world = () => {
    const w = new World();
    w.community('c');
    for (const [i, name] of ['中心怡园', '学成小区', '学府花园', '文昌苑'].entries()) {
      w.compound(`k${i}`, 'c', [], name);
      w.snap.instructorLinks.push({
        id: `l${i}`,
        personId: 'qian',
        personName: '钱立',
        compoundId: `k${i}`,
        startedAt: daysAgo(40 - i),
      });
    }
    return w;
  };

  it('breaks at the compound that is one too many, naming the instructor and all his compounds', () => {
    const r = checkS3(world().snap, T);
    expect(r.status).toBe('broken');
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({
      placeId: 'k3',
      code: 'S3_TOO_MANY_COMPOUNDS',
      params: { instructor: '钱立', count: 4, max: 3, place: '文昌苑' },
    });
    expect(r.violations[0]!.message).toBe(
      'Instructor 钱立 is linked to 4 compounds (中心怡园, 学成小区, 学府花园, 文昌苑), more than 3: give 文昌苑 another instructor.',
    );
  });

  it('holds at the limit and under a higher threshold', () => {
    const w = world();
    w.snap.instructorLinks.pop();
    expect(checkS3(w.snap, T).status).toBe('holds');
    expect(checkS3(world().snap, { ...T, instructorMaxCompounds: 4 }).status).toBe('holds');
  });

  it('counts a compound linked twice once', () => {
    const w = world();
    w.snap.instructorLinks.pop();
    w.snap.instructorLinks.push({ ...w.snap.instructorLinks[0]!, id: 'dup' });
    expect(checkS3(w.snap, T).status).toBe('holds');
  });
});

describe('S4 living rooms', () => {
  const room = (over: Partial<StandardsSnapshot['livingRooms'][number]> = {}) => ({
    id: 'r',
    placeId: 'c',
    name: '党群服务中心',
    areaM2: 120,
    hasLogo: true,
    functions: ['meet', 'gather', 'benefit', 'read', 'showcase'],
    ...over,
  });

  it('holds for a big room with a logo and the five functions', () => {
    const w = new World();
    w.community('c');
    w.snap.livingRooms.push(room());
    expect(checkS4(w.snap, T)).toMatchObject({ status: 'holds', checked: 1 });
  });

  it('names every shortfall and its fix', () => {
    const w = new World();
    w.community('c', '新景社区');
    w.snap.livingRooms.push(room({ areaM2: 80, functions: ['meet', 'gather', 'benefit', 'showcase'] }));
    const [v] = checkS4(w.snap, T).violations;
    expect(v).toMatchObject({
      placeId: 'c',
      code: 'S4_LIVING_ROOM_SHORT',
      params: { tooSmall: 1, noLogo: 0, missing: ['read'], area: 80, minArea: 100 },
    });
    expect(v!.message).toBe(
      'The living room “党群服务中心” of 新景社区 is 80 m² (at least 100 m² needed) and lacks wise reading room: find a larger space, add wise reading room.',
    );
  });

  it('breaks for a missing logo alone', () => {
    const w = new World();
    w.community('c');
    w.snap.livingRooms.push(room({ hasLogo: false, areaM2: 110 }));
    const r = checkS4(w.snap, T);
    expect(r.status).toBe('broken');
    expect(r.violations[0]!.params).toMatchObject({ tooSmall: 0, noLogo: 1, missing: [] });
    expect(checkS4(w.snap, { ...T, livingRoomMinArea: 111 }).violations[0]!.params.tooSmall).toBe(1);
  });
});

describe('S5 building and joint groups', () => {
  it('finds the uncovered building and the big building sitting only in a joint group', () => {
    const w = new World();
    w.community('c');
    w.compound('yj', 'c', [3, 1, 1, 0], '颐景名苑');
    w.compound('xc', 'c', [0, 0, 3, 0], '学成小区');
    w.org('building_group', 'yj-b1', { positions: pioneer() });
    w.org('joint_group', 'yj', { buildings: ['yj-b2', 'yj-b3'] });
    w.org('building_group', 'xc-b1');
    w.org('joint_group', 'xc', { buildings: ['xc-b2', 'xc-b3', 'xc-b4'] });
    const r = checkS5(w.snap, T);
    expect(r.checked).toBe(8);
    expect(r.violations.map((v) => [v.placeId, v.code])).toEqual([
      ['xc-b3', 'S5_NEEDS_OWN_GROUP'],
      ['yj-b4', 'S5_BUILDING_UNCOVERED'],
    ]);
    expect(r.violations[1]!.message).toBe(
      '颐景名苑 4幢 is covered by no party group: add it to a joint group.',
    );
    expect(r.violations[0]!.message).toBe(
      '学成小区 3幢 has 3 resident party members but only sits in a joint group: set up its own building group.',
    );
  });

  it('groups the uncovered buildings of one compound', () => {
    const w = new World();
    w.community('c');
    w.compound('yunjian', 'c', [2, 1, 1], '云间小区');
    const r = checkS5(w.snap, T);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({
      placeId: 'yunjian',
      code: 'S5_BUILDINGS_UNCOVERED',
      params: { count: 3, buildings: ['1幢', '2幢', '3幢'] },
    });
  });

  it('asks a lone uncovered big building for its own group; a small building group is fine', () => {
    const w = new World();
    w.community('c');
    w.compound('k', 'c', [4, 0]);
    w.org('building_group', 'k-b2');
    const [v] = checkS5(w.snap, T).violations;
    expect(v).toMatchObject({ placeId: 'k-b1', params: { ownGroup: 1 } });
    expect(v!.message).toContain('set up a building group');
  });
});

describe('S6 pioneer posts', () => {
  it('breaks for a group without its pioneer post (an ended or empty post does not count)', () => {
    const w = new World();
    w.community('c');
    w.compound('zx', 'c', [0, 0, 5], '中心怡园');
    w.org('building_group', 'zx-b3', { name: '11幢党小组' });
    w.org('joint_group', 'zx', { buildings: ['zx-b1', 'zx-b2'], positions: pioneer() });
    w.org('building_group', 'zx-b1', {
      positions: [{ title: 'pioneer_post', personId: null, personName: null }],
    });
    w.org('compound_branch', 'zx');
    const r = checkS6(w.snap, T);
    expect(r.checked).toBe(3);
    expect(r.violations.map((v) => v.placeId)).toEqual(['zx-b1', 'zx-b3']);
    expect(r.violations[1]!.message).toBe(
      '11幢党小组 (中心怡园 3幢) has no building-leader pioneer post: appoint a party member to it.',
    );
  });
});

describe('S7 plenary cadence', () => {
  it('holds within the quarter, breaks beyond it, without one, or without a committee', () => {
    const w = new World();
    for (const c of ['xinjing', 'dongshan', 'quiet', 'bare']) w.community(c, c);
    for (const c of ['xinjing', 'dongshan', 'quiet']) w.org('big_committee', c);
    w.snap.lastPlenaryByCommunity = { xinjing: daysAgo(20), dongshan: daysAgo(150) };
    const r = checkS7(w.snap, T);
    expect(r.violations.map((v) => [v.placeId, v.code])).toEqual([
      ['bare', 'S7_NO_BIG_COMMITTEE'],
      ['dongshan', 'S7_PLENARY_OVERDUE'],
      ['quiet', 'S7_NO_PLENARY'],
    ]);
    expect(r.violations[1]!.message).toBe(
      "dongshan's big committee last met in plenary 150 days ago (at most 92): hold a plenary meeting.",
    );
    expect(checkS7(w.snap, { ...T, plenaryMaxDays: 200 }).violations).toHaveLength(2);
  });

  it('holds exactly at the limit', () => {
    const w = new World();
    w.community('c');
    w.org('big_committee', 'c');
    w.snap.lastPlenaryByCommunity = { c: daysAgo(92) };
    expect(checkS7(w.snap, T).status).toBe('holds');
  });
});

describe('evaluateStandards and the drill-down counts', () => {
  it('lists S1–S7 in order and counts each violation under the child that holds it', () => {
    const w = new World();
    w.community('c1');
    w.community('c2');
    w.compound('a', 'c1', [4]);
    w.compound('b', 'c2', [4]);
    const rules = evaluateStandards(w.snap, T);
    expect(rules.map((r) => r.id)).toEqual([...STANDARD_IDS]);
    const paths = new Map(w.places.map((p) => [p.id, p.path]));
    const counts = countByChild(rules, [{ id: 'c1' }, { id: 'c2' }], (id) => paths.get(id));
    expect(counts.get('c1')).toMatchObject({ S1: 1, S5: 1, S7: 1 });
    expect(counts.get('c2')).toMatchObject({ S1: 1, S5: 1, S7: 1 });
  });
});

describe('properties', () => {
  const arbWorld = fc.array(
    fc.record({
      members: fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 4 }),
      branch: fc.boolean(),
      groups: fc.array(fc.boolean(), { maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 6 },
  );
  const build = (spec: { members: number[]; branch: boolean; groups: boolean[] }[]) => {
    const w = new World();
    w.community('c');
    spec.forEach((k, i) => {
      w.compound(`k${i}`, 'c', k.members);
      if (k.branch) w.org('compound_branch', `k${i}`);
      k.groups.forEach((g, j) => g && j < k.members.length && w.org('building_group', `k${i}-b${j + 1}`));
    });
    return w;
  };

  it('adding a branch to a compound never creates an S1 violation', () => {
    fc.assert(
      fc.property(arbWorld, fc.nat(), (spec, pick) => {
        const w = build(spec);
        const before = new Set(checkS1(w.snap, T).violations.map((v) => v.placeId));
        w.org('compound_branch', `k${pick % spec.length}`);
        const after = checkS1(w.snap, T).violations.map((v) => v.placeId);
        return after.every((id) => before.has(id)) && !after.includes(`k${pick % spec.length}`);
      }),
    );
  });

  it('raising a member threshold never adds S1 or S5 violations', () => {
    fc.assert(
      fc.property(arbWorld, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 4 }), (spec, m, d) => {
        const w = build(spec);
        const low = { ...T, branchMinMembers: m, buildingGroupMinMembers: m };
        const high = { ...T, branchMinMembers: m + d, buildingGroupMinMembers: m + d };
        return (
          checkS1(w.snap, high).violations.length <= checkS1(w.snap, low).violations.length &&
          checkS5(w.snap, high).violations.length <= checkS5(w.snap, low).violations.length
        );
      }),
    );
  });

  it('every violation names a place inside the scope, and status follows the violations', () => {
    fc.assert(
      fc.property(arbWorld, fc.nat(), (spec, pick) => {
        const w = build(spec);
        const scope = w.places[pick % w.places.length]!;
        w.scope(scope.id);
        return evaluateStandards(w.snap, T).every(
          (r) =>
            r.violations.every((v) =>
              w.places.find((p) => p.id === v.placeId)!.path.startsWith(scope.path),
            ) &&
            (r.id === 'S2' ? r.status === 'advisory' : (r.status === 'broken') === r.violations.length > 0),
        );
      }),
    );
  });
});
