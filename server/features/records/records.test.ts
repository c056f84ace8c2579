import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../../domain/contracts/members.js';
import type { NeedDetail } from '../../../domain/contracts/needs.js';
import { type Client, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';
import { recordXlsx } from './records.files.js';

// A service record's days and times are the district's (China, UTC+8): a need claimed at 04:00 on
// 30 November in China (20:00 UTC on the 29th) belongs to the 30th in a range and reads "04:00".

describe('service records on the district’s clock', () => {
  let t: TestApp;
  let member: Client;
  let needId: string;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    member = await logIn(t.app, 'member');
    const resident = await logIn(t.app, 'resident');
    t.clock.advance(12 * 3600); // 2026-11-29T20:00Z = 2026-11-30 04:00 in China
    const flat = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '201室');
    const posted = await resident.post('/api/v1/needs', {
      placeId: flat.id,
      category: 'other',
      description: '清早帮忙把轮椅抬下楼',
      urgency: 'normal',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    needId = posted.json<NeedDetail>().id;
    const claim = await member.post(`/api/v1/needs/${needId}/claim`);
    expect(claim.statusCode, claim.body).toBe(200);
  });
  afterAll(() => t?.close());

  const record = async (query: string) => {
    const res = await member.get(`/api/v1/me/service-record${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ServiceRecord>();
  };

  it('counts a claim in the China day it was made, not the UTC day', async () => {
    expect((await record('?from=2026-11-30&to=2026-11-30')).needs.map((n) => n.needId)).toContain(needId);
    expect((await record('?from=2026-11-29&to=2026-11-29')).needs.map((n) => n.needId)).not.toContain(needId);
  });

  it('prints times in the export on the China clock', async () => {
    const rec = await record('');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await recordXlsx(rec, 'zh-CN')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('认领需求')!;
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((c) => cells.push(c.text)));
    expect(cells).toContain('2026-11-30 04:00');
    expect(cells).not.toContain('2026-11-29 20:00');
  });
});
