import { describe, expect, it } from 'vitest';
import { planRoster, type RosterSnapshot } from './rosters-plan.js';
import {
  guardFormula,
  headerKey,
  normalisePhone,
  normalisePlaceName,
  parseBirthYear,
  parseGender,
  parsePartyKind,
  readRoster,
  rosterCells,
  rosterHeader,
  unguardFormula,
} from './rosters.js';

const table = (rows: string[][]) => ({ sheet: 'S', rows: rows.map((cells, i) => ({ row: i + 1, cells })) });

describe('roster cells', () => {
  it('normalises what people type', () => {
    expect(normalisePhone('+86 138-0000 0001')).toBe('13800000001');
    expect(normalisePhone('１３８００００００01')).toBe('13800000001');
    expect(normalisePlaceName('building', ' 5 ')).toBe('5幢');
    expect(normalisePlaceName('unit', '2')).toBe('2单元');
    expect(normalisePlaceName('household', '301')).toBe('301室');
    expect(normalisePlaceName('compound', '12')).toBe('12');
    expect(normalisePlaceName('building', '5幢')).toBe('5幢');
    expect([parseGender('男'), parseGender('F'), parseGender(''), parseGender('?')]).toEqual([
      'male',
      'female',
      null,
      undefined,
    ]);
    expect([
      parsePartyKind('在职党员'),
      parsePartyKind('In service'),
      parsePartyKind('resident'),
      parsePartyKind(''),
      parsePartyKind('预备'),
    ]).toEqual(['in_service', 'in_service', 'resident', null, undefined]);
    expect([
      parseBirthYear('1965', 2026),
      parseBirthYear('1965年', 2026),
      parseBirthYear('1965-03', 2026),
      parseBirthYear('1965.03.02', 2026),
    ]).toEqual([1965, 1965, 1965, 1965]);
    expect([parseBirthYear('2030', 2026), parseBirthYear('65', 2026), parseBirthYear('', 2026)]).toEqual([
      undefined,
      undefined,
      null,
    ]);
    expect(headerKey('手机号 *')).toBe(headerKey('手机号（选填）'));
  });

  it('disarms formulas and arms them back', () => {
    for (const v of ['=1+1', '+86', '-3', '@SUM(A1)', '\t=x']) {
      expect(guardFormula(v)).toBe(`'${v}`);
      expect(unguardFormula(guardFormula(v))).toBe(v);
    }
    expect(guardFormula('张三')).toBe('张三');
    expect(unguardFormula("'tis")).toBe("'tis");
  });
});

describe('reading a roster', () => {
  it('finds the header under a title row, in either language, and ignores unknown columns', () => {
    const r = readRoster(
      table([
        ['新景社区居民花名册'],
        ['Remarks', 'Compound', 'Building', 'Flat', 'Name', 'Mobile'],
        ['x', '颐景名苑', '5', '301', '张三', '13800000001'],
        ['', '', '', '', '', ''],
      ]),
      2026,
    );
    expect(r.problems).toEqual([]);
    expect(r.language).toBe('en');
    expect(r.rowCount).toBe(1);
    expect(r.rows[0]).toMatchObject({
      row: 3,
      compound: '颐景名苑',
      building: '5幢',
      household: '301室',
      name: '张三',
      phone: '13800000001',
      note: 'x',
    });
  });

  it('names the missing columns', () => {
    const r = readRoster(
      table([
        ['姓名', '手机号'],
        ['张三', ''],
      ]),
      2026,
    );
    expect(r.problems.map((p) => p.column)).toEqual(['小区', '楼栋']);
  });
});

describe('planning an import', () => {
  const community = { id: 'c', path: '/d/s/c/', depth: 2 };
  let n = 0;
  const ids = () => `n${++n}`;

  it('creates what is missing once and recognises it the second time', () => {
    const read = readRoster(
      table([
        rosterHeader('zh-CN'),
        ['颐景名苑', '1幢', '', '101', '张三', '男', '', '13800000001', '居民党员', '', '', ''],
        ['颐景名苑', '1幢', '', '101', '李四', '', '', '', '', '', '', ''],
        ['颐景名苑', '2幢', '', '', '', '', '', '', '', '', '', ''],
      ]),
      2026,
    );
    const empty: RosterSnapshot = { community, places: [], people: [], members: [], organisations: [] };
    const plan = planRoster(read, 'S', empty, ids);
    expect(plan.problems).toEqual([]);
    expect(plan.newPlaces.map((p) => `${p.kind}:${p.name}`)).toEqual([
      'compound:颐景名苑',
      'building:1幢',
      'household:101室',
      'building:2幢',
    ]);
    expect(plan.newPlaces[2]!.path).toBe(
      `/d/s/c/${plan.newPlaces[0]!.id}/${plan.newPlaces[1]!.id}/${plan.newPlaces[2]!.id}/`,
    );
    expect(plan.counts).toEqual({ places: 4, residents: 2, partyMembers: 1, unchanged: 0 });

    const after: RosterSnapshot = {
      community,
      places: plan.newPlaces,
      people: plan.newPeople,
      members: plan.newMembers,
      organisations: [],
    };
    const again = planRoster(read, 'S', after, ids);
    expect(again.counts).toEqual({ places: 0, residents: 0, partyMembers: 0, unchanged: 3 });
  });

  it('refuses archived places and places of another kind under the same name', () => {
    const snapshot: RosterSnapshot = {
      community,
      places: [
        {
          id: 'p1',
          parentId: 'c',
          kind: 'compound',
          name: '旧小区',
          path: '/d/s/c/p1/',
          depth: 3,
          archived: true,
        },
        {
          id: 'p2',
          parentId: 'c',
          kind: 'compound',
          name: '新小区',
          path: '/d/s/c/p2/',
          depth: 3,
          archived: false,
        },
        {
          id: 'p3',
          parentId: 'p2',
          kind: 'building',
          name: '1幢',
          path: '/d/s/c/p2/p3/',
          depth: 4,
          archived: false,
        },
        {
          id: 'p4',
          parentId: 'p3',
          kind: 'household',
          name: '1单元',
          path: '/d/s/c/p2/p3/p4/',
          depth: 5,
          archived: false,
        },
      ],
      people: [],
      members: [],
      organisations: [],
    };
    const read = readRoster(
      table([
        rosterHeader('zh-CN'),
        ['旧小区', '1幢', '', '', '', '', '', '', '', '', '', ''],
        ['新小区', '1幢', '1单元', '101', '张三', '', '', '', '', '', '', ''],
      ]),
      2026,
    );
    const plan = planRoster(read, 'S', snapshot, ids);
    expect(plan.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, '小区', 'place_archived'],
      [3, '单元', 'place_kind_conflict'],
    ]);
  });

  it('writes an export row in the template order and words', () => {
    const cells = rosterCells(
      {
        compound: '颐景名苑',
        building: '1幢',
        unit: null,
        household: '101室',
        name: '=张三',
        gender: 'female',
        birthYear: 1960,
        phone: '138****0001',
        partyKind: 'in_service',
        workUnit: '医院',
        organisation: null,
        note: null,
      },
      'en',
    );
    expect(cells).toEqual([
      '颐景名苑',
      '1幢',
      '',
      '101室',
      "'=张三",
      'female',
      '1960',
      '138****0001',
      'in service',
      '医院',
      '',
      '',
    ]);
  });
});
