import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, logIn, startApp, type TestApp } from '../test/harness.js';
import { DEMO_ACCOUNTS, demoAccounts, isEmpty } from './demo.js';
import { generateDistrict, RESIDENTS_PER_COMMUNITY } from './generate.js';

describe('demo district', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ demo: true });
  });
  afterAll(() => t.close());

  it('lets every demo account log in and shows its role on /me', async () => {
    for (const a of DEMO_ACCOUNTS) {
      const c = await logIn(t.app, a.login);
      const me = (await c.get('/api/v1/me')).json<{ roles: { role: string; placeId: string | null }[] }>();
      expect(
        me.roles.map((r) => r.role),
        a.login,
      ).toContain(a.role);
    }
  });

  it('lists the demo log-ins with their place ids, as demo-accounts --json prints them', async () => {
    const accounts = await demoAccounts(t.db);
    expect(accounts.map((a) => a.login)).toEqual(DEMO_ACCOUNTS.map((a) => a.login));
    const staff = accounts.find((a) => a.login === 'staff.xinjing')!;
    const place = await t.db.kysely
      .selectFrom('places')
      .select('name')
      .where('id', '=', staff.placeId!)
      .executeTakeFirst();
    expect(place?.name).toBe('新景社区');
    expect(accounts.find((a) => a.login === 'admin')?.placeId).toBeNull();
  });

  it('has community staff and residents in at least two communities', () => {
    const communities = (role: string) =>
      new Set(DEMO_ACCOUNTS.filter((a) => a.role === role).map((a) => a.place));
    expect(communities('community_staff').size).toBeGreaterThanOrEqual(2);
    expect(DEMO_ACCOUNTS.filter((a) => a.role === 'resident').length).toBeGreaterThanOrEqual(2);
  });
});

describe('synthetic district generator', () => {
  it('makes the asked number of residents, each bound to a household of one community', async () => {
    const db = await freshDb();
    try {
      expect(await isEmpty(db)).toBe(true);
      const residents = RESIDENTS_PER_COMMUNITY + 7;
      const r = await generateDistrict(db, { residents, password: 'abc12345' });
      expect(r.communities).toBe(2);
      const count = await db.kysely
        .selectFrom('grants')
        .innerJoin('places', 'places.id', 'grants.place_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('grants.role', '=', 'resident')
        .where('places.kind', '=', 'household')
        .whereRef('places.community_id', '=', 'grants.community_id')
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(residents);
      const staff = await db.kysely
        .selectFrom('grants')
        .select('id')
        .where('role', '=', 'community_staff')
        .execute();
      expect(staff).toHaveLength(2);
      if (db.dialect === 'sqlite') {
        // Planner figures per index, and no STAT4 samples (they make SQLite re-prepare statements).
        const stat = (table: string) =>
          sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
        expect((await stat('sqlite_stat1')).rows[0]!.n).toBeGreaterThan(0);
        expect((await stat('sqlite_stat4')).rows[0]!.n).toBe(0);
      }
    } finally {
      await db.close();
    }
  });
});
