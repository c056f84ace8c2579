import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type {
  StandardsReport,
  StandardsSettings,
  StandardsSummary,
} from '../../../domain/contracts/standards.js';
import { DEFAULT_THRESHOLDS } from '../../../domain/standards.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { buildGrant, buildPlace } from '../../test/factories.js';
import { type Client, client, errorOf, sessionCookieOf, startApp, type TestApp } from '../../test/harness.js';
import {
  buildChair,
  buildInstructorLink,
  buildMembers,
  buildOrganisation,
  buildPerson,
} from './standards.fixtures.js';
import { safeCell } from './standards.service.js';

type Report = z.infer<typeof StandardsReport>;
type Summary = z.infer<typeof StandardsSummary>;
type Settings = z.infer<typeof StandardsSettings>;

describe('standards over a built district', () => {
  let t: TestApp;
  let district: PlaceRow;
  let street: PlaceRow;
  let community: PlaceRow;
  let other: PlaceRow;
  let yunjian: PlaceRow;
  let yunjianB: PlaceRow[];
  let quiet: PlaceRow;
  let admin: Client;
  let staff: Client;
  let otherStaff: Client;

  async function as(
    role: 'district_admin' | 'community_staff' | 'resident',
    place: PlaceRow,
  ): Promise<Client> {
    const g = await buildGrant(t.db, { role, place });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: g.user.username, password: g.user.password },
    });
    return client(t.app, sessionCookieOf(res));
  }

  const report = async (c: Client, place: PlaceRow) => {
    const res = await c.get(`/api/v1/places/${place.id}/standards`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Report>();
  };
  const rule = (r: Report, id: string) => r.rules.find((x) => x.id === id)!;

  beforeAll(async () => {
    t = await startApp();
    district = await buildPlace(t.db, { kind: 'district', name: '=测试区' });
    street = await buildPlace(t.db, { parent: district, name: '海门街道' });
    community = await buildPlace(t.db, { parent: street, name: '东山社区' });
    other = await buildPlace(t.db, { parent: street, name: '新景社区' });
    yunjian = await buildPlace(t.db, { parent: community, name: '云间小区' });
    yunjianB = [];
    for (const n of [1, 2, 3]) yunjianB.push(await buildPlace(t.db, { parent: yunjian, name: `${n}幢` }));
    await buildMembers(t.db, yunjianB[0]!, 2);
    await buildMembers(t.db, yunjianB[1]!, 2);
    await buildMembers(t.db, yunjianB[2]!, 3, 'in_service');
    quiet = await buildPlace(t.db, { parent: other, name: '新景花园' });
    await buildMembers(t.db, await buildPlace(t.db, { parent: quiet, name: '1幢' }), 2);
    await buildOrganisation(t.db, 'big_committee', community);
    await buildOrganisation(t.db, 'big_committee', other);
    admin = await as('district_admin', district);
    staff = await as('community_staff', community);
    otherStaff = await as('community_staff', other);
  });
  afterAll(() => t.close());

  it('answers the fixed point: S1–S7 with holds, broken or advisory and each break at its place', async () => {
    const r = await report(admin, district);
    expect(r.rules.map((x) => x.id)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']);
    expect(r.thresholds).toEqual(DEFAULT_THRESHOLDS);
    const s1 = rule(r, 'S1');
    expect(s1.status).toBe('broken');
    // In-service members do not count: 4 resident members live in 云间小区.
    expect(s1.violations).toEqual([
      {
        placeId: yunjian.id,
        code: 'S1_NO_BRANCH',
        params: { place: '云间小区', members: 4, min: 3 },
        message: '云间小区 has 4 resident party members and no branch: set up a compound branch.',
        placePath: [
          { id: district.id, kind: 'district', name: '=测试区' },
          { id: street.id, kind: 'street', name: '海门街道' },
          { id: community.id, kind: 'community', name: '东山社区' },
          { id: yunjian.id, kind: 'compound', name: '云间小区' },
        ],
      },
    ]);
    expect(rule(r, 'S2').status).toBe('advisory');
    expect(rule(r, 'S7').violations.map((v) => v.code)).toEqual(['S7_NO_PLENARY', 'S7_NO_PLENARY']);
  });

  it('a new branch mends S1 at once', async () => {
    const local = await buildPlace(t.db, { parent: other, name: '临时小区' });
    await buildMembers(t.db, await buildPlace(t.db, { parent: local, name: '1幢' }), 3);
    expect(rule(await report(otherStaff, other), 'S1').violations.map((v) => v.placeId)).toEqual([local.id]);
    await buildOrganisation(t.db, 'compound_branch', local);
    expect(rule(await report(otherStaff, other), 'S1').status).toBe('holds');
  });

  it('reads S3 across communities and S2 as a rate', async () => {
    const qian = await buildPerson(t.db, community, '钱立');
    const compounds = [yunjian, quiet];
    for (const name of ['学府花园', '文昌苑'])
      compounds.push(await buildPlace(t.db, { parent: community, name }));
    for (const [i, c] of compounds.entries()) {
      await buildInstructorLink(t.db, qian, c, `2026-0${i + 1}-01T00:00:00.000Z`);
    }
    const s3 = rule(await report(admin, district), 'S3');
    expect(s3.violations).toHaveLength(1);
    expect(s3.violations[0]).toMatchObject({
      placeId: compounds[3]!.id,
      params: { count: 4, instructor: '钱立' },
    });
    // 新景社区's staff see the instructor only where he breaks the rule: not in their community.
    expect(rule(await report(otherStaff, other), 'S3')).toMatchObject({ status: 'holds', checked: 1 });

    const sec = await buildPerson(t.db, other, '周红梅');
    await buildOrganisation(t.db, 'compound_branch', quiet, {
      positions: [{ title: 'secretary', personId: sec }],
    });
    await buildChair(t.db, quiet, sec);
    expect(rule(await report(admin, district), 'S2')).toMatchObject({
      status: 'advisory',
      rate: { matching: 1, total: 1 },
      violations: [],
    });
  });

  it('summarises breaks per child for drill-down, down to buildings', async () => {
    const top = (await admin.get(`/api/v1/places/${district.id}/standards/summary`)).json<Summary>();
    expect(top.place).toMatchObject({ id: district.id, kind: 'district' });
    expect(top.children.map((c) => c.name)).toEqual(['海门街道']);
    expect(top.children[0]!.counts.S1).toBe(1);
    const s = (await admin.get(`/api/v1/places/${street.id}/standards/summary`)).json<Summary>();
    const byName = Object.fromEntries(s.children.map((c) => [c.name, c]));
    expect(byName['东山社区']!.counts).toMatchObject({ S1: 1, S7: 1 });
    expect(byName['新景社区']!.counts.S1).toBe(0);
    const inner = (await admin.get(`/api/v1/places/${yunjian.id}/standards/summary`)).json<Summary>();
    expect(inner.ancestors.map((a) => a.name)).toEqual(['=测试区', '海门街道', '东山社区']);
    expect(inner.children.map((c) => c.name)).toEqual(['1幢', '2幢', '3幢']);
    const building = (await admin.get(`/api/v1/places/${yunjianB[0]!.id}/standards/summary`)).json<Summary>();
    expect(building.children).toEqual([]);
  });

  it('keeps other communities out: 404 outside the scope, 403 without the permission', async () => {
    expect((await otherStaff.get(`/api/v1/places/${community.id}/standards`)).statusCode).toBe(404);
    expect((await otherStaff.get(`/api/v1/places/${community.id}/standards/summary`)).statusCode).toBe(404);
    expect((await staff.get(`/api/v1/places/${district.id}/standards`)).statusCode).toBe(404);
    const household = await buildPlace(t.db, { kind: 'household', parent: yunjianB[0]! });
    const resident = await as('resident', household);
    expect((await resident.get(`/api/v1/places/${household.id}/standards`)).statusCode).toBe(403);
    expect((await client(t.app).get(`/api/v1/places/${community.id}/standards`)).statusCode).toBe(401);
    expect((await admin.get(`/api/v1/places/${newId()}/standards`)).statusCode).toBe(404);
    expect((await admin.get('/api/v1/places/bad%20id/standards')).statusCode).toBe(400);
  });

  describe('thresholds', () => {
    const put = (c: Client, place: PlaceRow, body: unknown) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/places/${place.id}/settings/standards`,
        headers: { cookie: c.cookie },
        payload: body as object,
      });

    it('district admins set them, they apply at once, and the change is audited', async () => {
      const got = (await staff.get(`/api/v1/places/${district.id}/settings/standards`)).statusCode;
      expect(got).toBe(404);
      const before = (await admin.get(`/api/v1/places/${district.id}/settings/standards`)).json<Settings>();
      expect(before).toMatchObject({ thresholds: DEFAULT_THRESHOLDS, updatedAt: null });
      const res = await put(admin, district, { ...DEFAULT_THRESHOLDS, branchMinMembers: 5 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Settings>()).toMatchObject({
        thresholds: { branchMinMembers: 5 },
        defaults: DEFAULT_THRESHOLDS,
      });
      const r = await report(admin, district);
      expect(r.thresholds.branchMinMembers).toBe(5);
      expect(rule(r, 'S1').status).toBe('holds');
      const audit = await t.db.kysely
        .selectFrom('audit_log')
        .select(['summary', 'place_id'])
        .where('entity_type', '=', 'district_settings')
        .execute();
      expect(audit).toEqual([
        { summary: 'Standards thresholds: branchMinMembers 3→5', place_id: district.id },
      ]);
      expect((await put(admin, district, DEFAULT_THRESHOLDS)).statusCode).toBe(200);
      expect(rule(await report(admin, district), 'S1').status).toBe('broken');
    });

    it('refuses bad values, other roles and places that are not districts', async () => {
      for (const bad of [
        { ...DEFAULT_THRESHOLDS, branchMinMembers: 0 },
        { ...DEFAULT_THRESHOLDS, plenaryMaxDays: 1.5 },
        { ...DEFAULT_THRESHOLDS, livingRoomMinArea: 1e9 },
        { ...DEFAULT_THRESHOLDS, instructorMaxCompounds: '3' },
        { branchMinMembers: 3 },
        null,
      ]) {
        const res = await put(admin, district, bad);
        expect(res.statusCode, JSON.stringify(bad)).toBe(400);
        expect(errorOf(res).code).toBe('VALIDATION_FAILED');
      }
      expect((await put(staff, community, DEFAULT_THRESHOLDS)).statusCode).toBe(403);
      expect((await put(admin, street, DEFAULT_THRESHOLDS)).statusCode).toBe(422);
      expect(errorOf(await admin.get(`/api/v1/places/${street.id}/settings/standards`)).code).toBe(
        'PLACE_KIND_NOT_ALLOWED',
      );
    });
  });

  it('exports one row per break, headers in the chosen language, formulas defused', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const res = await admin.get(`/api/v1/places/${district.id}/standards/export.xlsx?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain('attachment');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const rows = sheet.getSheetValues().filter(Boolean) as unknown as unknown[][];
      expect(rows[0]!.slice(1)).toEqual(
        lang === 'en'
          ? ['Standard', 'Name', 'Status', 'Place', 'Problem and fix']
          : ['规范', '规范名称', '状态', '地点', '问题与整改'],
      );
      const s1 = rows.find((r) => r[1] === 'S1')!;
      expect(s1[3]).toBe(lang === 'en' ? 'Broken' : '未达标');
      // The district is called "=测试区": the place cell must not be read as a formula.
      expect(s1[4]).toBe("'=测试区 / 海门街道 / 东山社区 / 云间小区");
      expect(s1[5]).toBe(
        lang === 'en'
          ? '云间小区 has 4 resident party members and no branch: set up a compound branch.'
          : '云间小区有居住党员4名，尚未成立小区党支部：请成立小区党支部。',
      );
      expect(
        rows.filter((r) => typeof r[1] === 'string' && /^S[1-7]$/.test(r[1])).length,
      ).toBeGreaterThanOrEqual(7);
    }
    expect((await admin.get(`/api/v1/places/${district.id}/standards/export.xlsx?lang=fr`)).statusCode).toBe(
      400,
    );
    expect((await otherStaff.get(`/api/v1/places/${community.id}/standards/export.xlsx`)).statusCode).toBe(
      404,
    );
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell('+86')).toBe("'+86");
    expect(safeCell('-1')).toBe("'-1");
    expect(safeCell('@SUM')).toBe("'@SUM");
    expect(safeCell('云间小区')).toBe('云间小区');
  });

  it('stays set-based on a district with a thousand compounds', async () => {
    const big = await buildPlace(t.db, { kind: 'district', name: '大区' });
    const st = await buildPlace(t.db, { parent: big });
    const rows: PlaceRow[] = [];
    const at = '2026-11-29T08:00:00.000Z';
    const add = (parent: PlaceRow, kind: string, name: string) => {
      const id = newId();
      const row: PlaceRow = {
        id,
        parent_id: parent.id,
        kind,
        name,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        community_id: kind === 'community' ? id : parent.community_id,
        archived_at: null,
        created_at: at,
        updated_at: at,
      };
      rows.push(row);
      return row;
    };
    for (let c = 0; c < 20; c++) {
      const com = add(st, 'community', `社区${c}`);
      for (let k = 0; k < 50; k++) {
        const compound = add(com, 'compound', `小区${c}-${k}`);
        for (let b = 1; b <= 4; b++) add(compound, 'building', `${b}幢`);
      }
    }
    for (let i = 0; i < rows.length; i += 200) {
      await t.db.kysely
        .insertInto('places')
        .values(rows.slice(i, i + 200))
        .execute();
    }
    const bigAdmin = await as('district_admin', big);
    const started = performance.now();
    const r = await report(bigAdmin, big);
    const ms = performance.now() - started;
    expect(rule(r, 'S5').violations).toHaveLength(1000);
    expect(rule(r, 'S7').violations).toHaveLength(20);
    expect(ms).toBeLessThan(3000);
  });
});
