import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterReportView } from '../../../domain/contracts/rosters.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';
import { writeCsv } from './rosters.csv.js';
import { readCsv, readXlsx } from './rosters.files.js';

const ZH = [
  '小区',
  '楼栋',
  '单元',
  '房号',
  '姓名',
  '性别',
  '出生年份',
  '手机号',
  '党员类型',
  '工作单位',
  '所属党组织',
  '备注',
];
const EN = [
  'Compound',
  'Building',
  'Unit',
  'Household',
  'Name',
  'Gender',
  'Birth year',
  'Phone',
  'Party member',
  'Work unit',
  'Party organisation',
  'Note',
];

const csv = (header: string[], rows: string[][]) => writeCsv([header, ...rows]);

async function xlsx(header: string[], rows: (string | number)[][], sheet = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('rosters', () => {
  let t: TestApp;
  let staff: Client;
  let xinjing: PlaceRow;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    staff = await logIn(t.app, 'staff.xinjing');
    xinjing = await placeByNames(t.db, '新景社区');
    // An organisation to name in the organisation column (the demo's own may or may not exist yet).
    const garden = await placeByNames(t.db, '新景社区', '新景花园');
    await t.db.kysely
      .insertInto('organisations')
      .values({
        id: newId(),
        community_id: xinjing.id,
        kind: 'joint_group',
        name: '花名册测试党小组',
        place_id: garden.id,
        parent_id: null,
        created_at: t.clock.now().toISOString(),
        updated_at: t.clock.now().toISOString(),
        dissolved_at: null,
        dissolved_reason: null,
        merged_into_id: null,
      })
      .execute();
  });
  afterAll(() => t.close());

  const send = (
    c: Client,
    what: 'check' | 'import',
    body: Buffer,
    type = 'text/csv',
    community = xinjing.id,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/places/${community}/rosters/${what}`,
      headers: { cookie: c.cookie, 'content-type': type },
      payload: body,
    });
  const reportOf = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<RosterReportView>();
  };
  const counts = async () => {
    const [places, people, members] = await Promise.all([
      t.db.kysely
        .selectFrom('places')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      t.db.kysely
        .selectFrom('people')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      t.db.kysely
        .selectFrom('party_members')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { places: Number(places.n), people: Number(people.n), members: Number(members.n) };
  };

  it('offers the template in both languages as .xlsx and .csv', async () => {
    for (const [lang, header] of [
      ['zh-CN', ZH],
      ['en', EN],
    ] as const) {
      const x = await staff.get(`/api/v1/places/${xinjing.id}/rosters/template.xlsx?lang=${lang}`);
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-type']).toContain('spreadsheetml');
      expect(x.headers['content-disposition']).toMatch(/^attachment; filename="roster-template.xlsx"/);
      expect(x.headers['cache-control']).toBe('no-store');
      const table = await readXlsx(x.rawPayload);
      expect(table?.rows[0]?.cells).toEqual(header);
      const c = await staff.get(`/api/v1/places/${xinjing.id}/rosters/template.csv?lang=${lang}`);
      expect(c.statusCode).toBe(200);
      expect([...c.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(readCsv(c.rawPayload, 'CSV').rows[0]?.cells).toEqual(header);
    }
    // The template, filled in, is what an import reads.
    const res = await send(
      staff,
      'check',
      (await staff.get(`/api/v1/places/${xinjing.id}/rosters/template.xlsx`)).rawPayload,
      'application/octet-stream',
    );
    expect(reportOf(res)).toMatchObject({ ok: false, errors: [{ code: 'empty_file' }] });
  });

  it('checks a Chinese CSV and an English workbook alike, writing nothing', async () => {
    const before = await counts();
    const zh = csv(ZH, [
      ['颐景名苑', '5幢', '2单元', '301室', '张三', '男', '1965', '13900000001', '', '', '', ''],
      [
        '颐景名苑',
        '5',
        '2',
        '302',
        '李四',
        '女',
        '1970年',
        '139 0000 0002',
        '居民党员',
        '',
        '花名册测试党小组',
        '',
      ],
      ['颐景名苑', '6幢', '', '', '', '', '', '', '', '', '', ''],
    ]);
    const a = reportOf(await send(staff, 'check', zh));
    expect(a).toMatchObject({ ok: true, format: 'csv', rows: 3, errorCount: 0, imported: false });
    // 5幢, 2单元, 301室, 302室, 6幢.
    expect(a.counts).toEqual({ places: 5, residents: 2, partyMembers: 1, unchanged: 0 });

    const en = await xlsx(EN, [
      ['颐景名苑', 5, 2, 301, '张三', 'male', 1965, 13900000001, '', '', '', ''],
      [
        '颐景名苑',
        '5幢',
        '2单元',
        '302室',
        '李四',
        'F',
        '1970-05',
        '+86 13900000002',
        'resident',
        '',
        '花名册测试党小组',
        '',
      ],
      ['颐景名苑', '6幢', '', '', '', '', '', '', '', '', '', ''],
    ]);
    const b = reportOf(
      await send(staff, 'check', en, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    );
    expect(b).toMatchObject({ ok: true, format: 'xlsx', rows: 3, counts: a.counts });
    expect(await counts()).toEqual(before);
  });

  it('reports every problem with its row and column', async () => {
    const body = csv(ZH, [
      ['颐景名苑', '1幢', '', '101室', '甲', '男', '1965', '13900000011', '', '', '', ''], // row 2: fine
      ['', '1幢', '', '101室', '乙', '', '', '', '', '', '', ''], // 3 compound required
      ['颐景名苑', '1幢', '', '', '丙', '', '', '', '', '', '', ''], // 4 household required
      ['颐景名苑', '1幢', '', '102室', '丁', '不详', '', '', '', '', '', ''], // 5 gender
      ['颐景名苑', '1幢', '', '102室', '戊', '', '1850', '', '', '', '', ''], // 6 birth year
      ['颐景名苑', '1幢', '', '102室', '己', '', '', '12345', '', '', '', ''], // 7 phone
      ['颐景名苑', '1幢', '', '102室', '庚', '', '', '139****0011', '', '', '', ''], // 8 masked phone
      ['颐景名苑', '1幢', '', '102室', '辛', '', '', '', '预备党员', '', '', ''], // 9 party kind
      ['颐景名苑', '1幢', '', '102室', '壬', '', '', '', '', '台州学院', '', ''], // 10 kind required
      ['颐景名苑', '1幢', '', '103室', '癸', '', '', '13900000011', '', '', '', ''], // 11 duplicate phone of row 2
      ['颐景名苑', '1幢', '', '101室', '甲', '', '', '', '', '', '', ''], // 12 duplicate person of row 2
      ['颐景名苑', '1幢', '', '104室', '子', '', '', '', '居民党员', '', '没有这个组织', ''], // 13 organisation
      ['颐景名苑', '1幢', '', '105室', '', '女', '', '', '', '', '', ''], // 14 name required
      ['颐景名苑', '1幢', '', '106室', '丑', '', '', '13900000015', '', '', '', ''], // 15 fine (a new person)
      ['颐景名苑', '1幢', '', '106室', 'x'.repeat(60), '', '', '', '', '', '', ''], // 16 too long
    ]);
    const r = reportOf(await send(staff, 'check', body));
    expect(r.ok).toBe(false);
    const got = r.errors.map((e) => [e.row, e.column, e.code]);
    expect(got).toEqual([
      [3, '小区', 'required'],
      [4, '房号', 'required'],
      [5, '性别', 'invalid_gender'],
      [6, '出生年份', 'invalid_birth_year'],
      [7, '手机号', 'invalid_phone'],
      [8, '手机号', 'masked_phone'],
      [9, '党员类型', 'invalid_party_kind'],
      [10, '党员类型', 'party_kind_required'],
      [11, '手机号', 'duplicate_phone'],
      [12, '姓名', 'duplicate_person'],
      [13, '所属党组织', 'organisation_not_found'],
      [14, '姓名', 'required'],
      [16, '姓名', 'too_long'],
    ]);
    expect(r.errors.find((e) => e.code === 'duplicate_phone')).toMatchObject({ otherRow: 2, sheet: 'CSV' });
    expect(r.errors[0]!.problem).toBe('This cell must be filled in.');

    const missing = reportOf(await send(staff, 'check', csv(['姓名', '手机号'], [['甲', '']])));
    expect(missing.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [1, '小区', 'missing_column'],
      [1, '楼栋', 'missing_column'],
    ]);
  });

  it('imports all or nothing: one bad row refuses the whole file', async () => {
    const before = await counts();
    const rows = [
      ['新景花园', '1幢', '', '101室', '周一', '男', '1960', '13900000101', '居民党员', '', '', ''],
      ['新景花园', '9幢', '', '101室', '周二', '女', '1962', '13900000102', '', '', '', ''],
      ['新景花园', '1幢', '', '102室', '周三', '男', '1870', '', '', '', '', ''],
    ];
    const res = await send(staff, 'import', csv(ZH, rows));
    expect(res.statusCode).toBe(422);
    expect(errorOf(res)).toMatchObject({ code: 'ROSTER_INVALID', details: [{ path: 'CSV!出生年份4' }] });
    expect(await counts()).toEqual(before);
  });

  it('imports a corrected file once: the same file again changes nothing', async () => {
    const before = await counts();
    const body = csv(ZH, [
      [
        '新景花园',
        '1幢',
        '',
        '101室',
        '周一',
        '男',
        '1960',
        '13900000101',
        '居民党员',
        '',
        '花名册测试党小组',
        '',
      ],
      ['新景花园', '9幢', '', '101室', '周二', '女', '1962', '13900000102', '', '', '', ''],
      ['新景花园', '1幢', '', '102室', '周三', '男', '1970', '', '在职党员', '椒江区人民医院', '', ''],
    ]);
    const first = reportOf(await send(staff, 'import', body));
    expect(first).toMatchObject({
      ok: true,
      imported: true,
      counts: { places: 2, residents: 3, partyMembers: 2, unchanged: 0 },
    });
    const after = await counts();
    expect(after).toEqual({
      places: before.places + 2,
      people: before.people + 3,
      members: before.members + 2,
    });
    const member = await t.db.kysely
      .selectFrom('party_members')
      .innerJoin('people', 'people.id', 'party_members.person_id')
      .select(['party_members.kind', 'party_members.work_unit', 'people.household_id', 'people.birth_year'])
      .where('people.name', '=', '周三')
      .executeTakeFirstOrThrow();
    const flat = await placeByNames(t.db, '新景社区', '新景花园', '1幢', '102室');
    expect(member).toMatchObject({ kind: 'in_service', work_unit: '椒江区人民医院', household_id: flat.id });
    expect(Number(member.birth_year)).toBe(1970);

    const again = reportOf(await send(staff, 'import', body));
    expect(again.counts).toEqual({ places: 0, residents: 0, partyMembers: 0, unchanged: 3 });
    expect(await counts()).toEqual(after);

    // A correction changes only what it corrects; empty cells keep what is known.
    const fix = csv(ZH, [
      ['新景花园', '1幢', '', '102室', '周三', '', '1971', '', '', '', '', ''],
      ['新景花园', '1幢', '', '101室', '周一', '', '', '13900000101', '在职党员', '台州学院', '', ''],
    ]);
    expect(reportOf(await send(staff, 'import', fix)).counts).toEqual({
      places: 0,
      residents: 1,
      partyMembers: 1,
      unchanged: 0,
    });
    const changed = await t.db.kysely
      .selectFrom('party_members')
      .innerJoin('people', 'people.id', 'party_members.person_id')
      .innerJoin('organisations', 'organisations.id', 'party_members.organisation_id')
      .select(['party_members.kind', 'party_members.work_unit', 'organisations.name'])
      .where('people.phone', '=', '13900000101')
      .executeTakeFirstOrThrow();
    expect(changed).toEqual({ kind: 'in_service', work_unit: '台州学院', name: '花名册测试党小组' });
    // Someone else's phone in another household is refused, not taken over.
    const taken = csv(ZH, [['新景花园', '2幢', '', '101室', '吴五', '', '', '13900000101', '', '', '', '']]);
    expect(reportOf(await send(staff, 'check', taken)).errors).toMatchObject([
      { row: 2, column: '手机号', code: 'phone_in_use' },
    ]);
    const fixed = await t.db.kysely
      .selectFrom('people')
      .select(['gender', 'birth_year'])
      .where('name', '=', '周三')
      .executeTakeFirstOrThrow();
    expect(fixed.gender).toBe('male');
    expect(Number(fixed.birth_year)).toBe(1971);

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['summary', 'action', 'community_id'])
      .where('entity_type', '=', 'roster')
      .where('action', '=', 'create')
      .execute();
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({
      community_id: xinjing.id,
      summary: expect.stringContaining('2 places, 3 residents') as unknown,
    });
  });

  it('exports what imports back unchanged, phones in full only to community staff', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const res = await staff.get(`/api/v1/places/${xinjing.id}/rosters/export.${format}`);
      expect(res.statusCode).toBe(200);
      expect(res.body.length).toBeGreaterThan(0);
      const table = format === 'xlsx' ? (await readXlsx(res.rawPayload))! : readCsv(res.rawPayload, 'CSV');
      expect(table.rows[0]!.cells).toEqual(ZH);
      expect(table.rows.some((r) => r.cells.includes('13900000101'))).toBe(true);
      const before = await counts();
      const back = reportOf(await send(staff, 'import', res.rawPayload, 'application/octet-stream'));
      expect(back.counts).toMatchObject({ places: 0, residents: 0, partyMembers: 0 });
      expect(back.counts.unchanged).toBe(table.rows.length - 1);
      expect(await counts()).toEqual(before);
    }
    // English, and only a building's part of the tree.
    const b1 = await placeByNames(t.db, '新景社区', '新景花园', '1幢');
    const en = await staff.get(`/api/v1/places/${b1.id}/rosters/export.csv?lang=en`);
    const rows = readCsv(en.rawPayload, 'CSV').rows;
    expect(rows[0]!.cells).toEqual(EN);
    expect(new Set(rows.slice(1).map((r) => `${r.cells[0]}/${r.cells[1]}`))).toEqual(
      new Set(['新景花园/1幢']),
    );
    expect(rows.find((r) => r.cells[4] === '周三')?.cells.slice(5, 10)).toEqual([
      'male',
      '1971',
      '',
      'in service',
      '椒江区人民医院',
    ]);

    // A district administrator may read the roster, but not the phones.
    const district = await logIn(t.app, 'district');
    const masked = await district.get(`/api/v1/places/${xinjing.id}/rosters/export.csv`);
    expect(masked.statusCode).toBe(200);
    expect(masked.body).toContain('139****0101');
    expect(masked.body).not.toContain('13900000101');
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_type', '=', 'roster')
      .where('action', '=', 'view')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain('phones masked');
    // Re-importing a masked export is refused with a clear reason, not half-done.
    const refused = reportOf(await send(staff, 'check', masked.rawPayload));
    expect(refused.errors.every((e) => e.code === 'masked_phone')).toBe(true);
    // …and it may not import at all.
    expect((await send(district, 'check', masked.rawPayload)).statusCode).toBe(403);
  });

  it('disarms formulas in exports and reads them back as they were', async () => {
    const body = csv(ZH, [
      ['新景花园', '2幢', '', '201室', '@张三', '', '', '', '', '', '', '=HYPERLINK("http://x","y")'],
    ]);
    reportOf(await send(staff, 'import', body));
    const out = await staff.get(`/api/v1/places/${xinjing.id}/rosters/export.csv`);
    const row = readCsv(out.rawPayload, 'CSV').rows.find((r) => r.cells[4]?.includes('张三'))!;
    expect(row.cells[4]).toBe("'@张三");
    expect(row.cells[11]).toBe(`'=HYPERLINK("http://x","y")`);
    const x = await staff.get(`/api/v1/places/${xinjing.id}/rosters/export.xlsx`);
    const xrow = (await readXlsx(x.rawPayload))!.rows.find((r) => r.cells[4]?.includes('张三'))!;
    expect(xrow.cells[4]).toBe("'@张三");
    // Back in, the apostrophe is gone again and nothing changes.
    expect(reportOf(await send(staff, 'check', out.rawPayload)).counts).toMatchObject({
      residents: 0,
      places: 0,
    });
    const stored = await t.db.kysely
      .selectFrom('people')
      .select(['name', 'note'])
      .where('name', '=', '@张三')
      .executeTakeFirstOrThrow();
    expect(stored.note).toBe('=HYPERLINK("http://x","y")');
  });

  it('is not there for another community, and not for a place that is not a community', async () => {
    const dongshan = await logIn(t.app, 'staff.dongshan');
    const body = csv(ZH, [['新景花园', '1幢', '', '101室', '周一', '', '', '', '', '', '', '']]);
    for (const res of [
      await send(dongshan, 'check', body),
      await send(dongshan, 'import', body),
      await dongshan.get(`/api/v1/places/${xinjing.id}/rosters/template.xlsx`),
      await dongshan.get(`/api/v1/places/${xinjing.id}/rosters/export.csv`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    }
    const garden = await placeByNames(t.db, '新景社区', '新景花园');
    const res = await send(staff, 'check', body, 'text/csv', garden.id);
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('ROSTER_SCOPE');
    const street = await placeByNames(t.db, '葭沚街道');
    const streetAdmin = await logIn(t.app, 'street');
    expect(errorOf(await streetAdmin.get(`/api/v1/places/${street.id}/rosters/export.csv`)).code).toBe(
      'ROSTER_SCOPE',
    );
  });

  it('takes files by their content: a form upload, and refuses what is not a roster', async () => {
    const file = csv(ZH, [['新景花园', '1幢', '', '101室', '周一', '', '', '', '', '', '', '']]);
    const boundary = '----linli' + Date.now();
    const form = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="花名册.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = reportOf(await send(staff, 'check', form, `multipart/form-data; boundary=${boundary}`));
    expect(r).toMatchObject({ ok: true, rows: 1, counts: { unchanged: 1 } });

    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const xls = Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex');
    for (const bad of [png, xls]) {
      const res = await send(staff, 'check', bad, 'text/csv');
      expect(res.statusCode).toBe(415);
      expect(errorOf(res).code).toBe('ROSTER_FILE_TYPE');
    }
    const broken = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100, 1)]);
    expect(errorOf(await send(staff, 'check', broken)).code).toBe('ROSTER_UNREADABLE');
    const empty = await send(staff, 'check', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/v1/places/${xinjing.id}/rosters/check`,
      headers: { cookie: staff.cookie },
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    const huge = await send(staff, 'check', Buffer.alloc(11 * 1024 * 1024, 0x41));
    expect(huge.statusCode).toBe(413);
  });

  it('imports 10,000 rows in one go (a file over the usual 1 MiB limit)', async () => {
    const rows: string[][] = [];
    for (let i = 0; i < 10_000; i++) {
      const b = Math.floor(i / 400) + 1;
      const flat = `${Math.floor((i % 400) / 4) + 1}0${(i % 4) + 1}`;
      rows.push([
        '万人小区',
        `${b}`,
        '',
        flat,
        `居民${i}`,
        i % 2 ? '女' : '男',
        String(1940 + (i % 60)),
        `137${String(i).padStart(8, '0')}`,
        i % 10 === 0 ? '居民党员' : '',
        '',
        '',
        '备注'.repeat(40),
      ]);
    }
    const body = csv(ZH, rows);
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const before = await counts();
    const r = reportOf(await send(staff, 'import', body));
    expect(r.counts).toEqual({
      places: 1 + 25 + 10_000,
      residents: 10_000,
      partyMembers: 1000,
      unchanged: 0,
    });
    const after = await counts();
    expect(after).toEqual({
      places: before.places + 10_026,
      people: before.people + 10_000,
      members: before.members + 1000,
    });
    const again = reportOf(await send(staff, 'check', body));
    expect(again.counts).toEqual({ places: 0, residents: 0, partyMembers: 0, unchanged: 10_000 });
  }, 120_000);
});
