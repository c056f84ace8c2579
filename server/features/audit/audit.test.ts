import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';

interface Entry {
  action: string;
  entityType: string;
  placePath: string[];
  params: Record<string, unknown> | null;
  summary: string;
  actor: { displayName: string } | null;
}

describe('audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ demo: true });
  });
  afterAll(() => t.close());

  it('records a change with its facts and shows where it happened, newest first', async () => {
    const staff = await logIn(t.app, 'staff.xinjing');
    const building = await placeByNames(t.db, '新景社区', '颐景名苑', '2幢');
    expect((await staff.patch(`/api/v1/places/${building.id}`, { name: '2号楼' })).statusCode).toBe(200);
    const community = await placeByNames(t.db, '新景社区');
    const res = await staff.get(`/api/v1/places/${community.id}/audit?limit=5`);
    expect(res.statusCode).toBe(200);
    const [latest] = res.json<{ items: Entry[] }>().items;
    expect(latest).toMatchObject({
      action: 'update',
      entityType: 'place',
      actor: { displayName: '陈晓燕' },
      params: { kind: 'building', from: '2幢', to: '2号楼' },
      placePath: ['葭沚街道', '新景社区', '颐景名苑', '2号楼'],
    });
    expect(latest!.summary).toContain('2号楼');
  });

  it('shows a community only its own entries, and another community nothing (404)', async () => {
    const dongshan = await logIn(t.app, 'staff.dongshan');
    const own = await placeByNames(t.db, '东山社区');
    const items = (await dongshan.get(`/api/v1/places/${own.id}/audit`)).json<{ items: Entry[] }>().items;
    expect(items.every((e) => !e.placePath.includes('新景社区'))).toBe(true);
    const other = await placeByNames(t.db, '新景社区');
    expect((await dongshan.get(`/api/v1/places/${other.id}/audit`)).statusCode).toBe(404);
  });

  it('is not readable by a building leader (403 inside her scope)', async () => {
    const leader = await logIn(t.app, 'leader');
    const building = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    expect((await leader.get(`/api/v1/places/${building.id}/audit`)).statusCode).toBe(403);
  });
});
