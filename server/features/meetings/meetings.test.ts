import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Meeting, StandardsReport } from '../../../domain/contracts/standards.js';
import type { PlaceRow } from '../../db/schema.js';
import { buildGrant, buildPlace } from '../../test/factories.js';
import { type Client, client, errorOf, sessionCookieOf, startApp, type TestApp } from '../../test/harness.js';
import { buildOrganisation, dissolve } from '../standards/standards.fixtures.js';

type MeetingView = z.infer<typeof Meeting>;
type Report = z.infer<typeof StandardsReport>;

describe('meetings', () => {
  let t: TestApp;
  let community: PlaceRow;
  let committee: string;
  let staff: Client;
  let outsider: Client;

  const logInAs = async (role: 'community_staff', place: PlaceRow) => {
    const g = await buildGrant(t.db, { role, place });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: g.user.username, password: g.user.password },
    });
    return client(t.app, sessionCookieOf(res));
  };
  const s7 = async () =>
    (await staff.get(`/api/v1/places/${community.id}/standards`))
      .json<Report>()
      .rules.find((r) => r.id === 'S7')!;

  beforeAll(async () => {
    t = await startApp();
    community = await buildPlace(t.db, { kind: 'community' });
    committee = await buildOrganisation(t.db, 'big_committee', community);
    staff = await logInAs('community_staff', community);
    outsider = await logInAs('community_staff', await buildPlace(t.db, { kind: 'community' }));
  });
  afterAll(() => t.close());

  it('records plenaries, lists them latest first, and S7 reads the last one', async () => {
    expect((await s7()).violations[0]!.code).toBe('S7_NO_PLENARY');
    const now = t.clock.now().getTime();
    const at = (days: number) => new Date(now - days * 86_400_000).toISOString();
    for (const [days, kind] of [
      [200, 'plenary'],
      [100, 'plenary'],
      [10, 'deliberation'],
    ] as const) {
      const res = await staff.post(`/api/v1/organisations/${committee}/meetings`, {
        kind,
        title: `会议 ${days}`,
        heldAt: at(days),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const overdue = (await s7()).violations[0]!;
    expect(overdue).toMatchObject({ code: 'S7_PLENARY_OVERDUE', params: { days: 100, max: 92 } });
    // A plenary planned for next week does not count yet.
    await staff.post(`/api/v1/organisations/${committee}/meetings`, {
      kind: 'plenary',
      title: '下周',
      heldAt: at(-7),
    });
    expect((await s7()).status).toBe('broken');
    await staff.post(`/api/v1/organisations/${committee}/meetings`, {
      kind: 'plenary',
      title: '本季度',
      heldAt: at(3),
    });
    expect((await s7()).status).toBe('holds');

    const page1 = (await staff.get(`/api/v1/organisations/${committee}/meetings?limit=2`)).json<{
      items: MeetingView[];
      nextCursor: string | null;
    }>();
    expect(page1.items.map((m) => m.title)).toEqual(['下周', '本季度']);
    const page2 = (
      await staff.get(`/api/v1/organisations/${committee}/meetings?limit=2&cursor=${page1.nextCursor}`)
    ).json<{ items: MeetingView[] }>();
    expect(page2.items.map((m) => m.title)).toEqual(['会议 10', '会议 100']);
    const plenaries = (
      await staff.get(`/api/v1/organisations/${committee}/meetings?kind=plenary&limit=50`)
    ).json<{
      items: MeetingView[];
    }>();
    expect(plenaries.items).toHaveLength(4);
    expect((await staff.get(`/api/v1/organisations/${committee}/meetings?cursor=zzz`)).statusCode).toBe(400);
  });

  it('keeps other communities out and refuses bad input', async () => {
    const body = { kind: 'plenary', title: 'x', heldAt: '2026-11-01T08:00:00Z' };
    expect((await outsider.post(`/api/v1/organisations/${committee}/meetings`, body)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/organisations/${committee}/meetings`)).statusCode).toBe(404);
    expect(
      (await staff.post('/api/v1/organisations/01NOSUCHORG000000000000000/meetings', body)).statusCode,
    ).toBe(404);
    for (const bad of [
      { ...body, kind: 'party' },
      { ...body, title: '' },
      { ...body, heldAt: 'yesterday' },
      { ...body, heldAt: '2026-11-01' },
    ]) {
      expect((await staff.post(`/api/v1/organisations/${committee}/meetings`, bad)).statusCode).toBe(400);
    }
    const gone = await buildOrganisation(t.db, 'big_committee', community);
    await dissolve(t.db, gone);
    const res = await staff.post(`/api/v1/organisations/${gone}/meetings`, body);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('CONFLICT');
  });
});
