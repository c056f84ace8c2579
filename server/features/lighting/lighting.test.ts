import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CentralHouseholdView,
  LIGHT_UP_CONSENT_VERSION,
  type PublicCardView,
} from '../../../domain/contracts/lighting.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { buildGrant, buildUser } from '../../test/factories.js';
import {
  type Client,
  client,
  errorOf,
  logIn,
  placeByNames,
  sessionCookieOf,
  startApp,
  type TestApp,
} from '../../test/harness.js';
import { wrapText } from './door-sign.js';
import { parseServices } from './lighting.service.js';

// jsqr is CommonJS typed as an ES module: under NodeNext its default import is the module itself.
const jsQR = jsQRModule.default;

const AT = '2026-11-29T08:00:00.000Z';

const choices = {
  title: '吴军家 · 党员中心户',
  services: ['家电小修', '代收快递', '政策咨询'],
  motto: '有事您找我',
  showName: true,
  showFlat: false,
};
const consent = { agreed: true, textVersion: LIGHT_UP_CONSENT_VERSION };

describe('lighting up (C3)', () => {
  let t: TestApp;
  let member: Client;
  let staff: Client;
  let staffDongshan: Client;
  let resident: Client;
  let residentYunjian: Client;
  let anon: Client;
  let flat301: PlaceRow;
  let building1: PlaceRow;
  let chId: string;

  /**
   * The central household led by `userId`'s person at a flat: the one demo-organisation.ts made, or
   * one made here when the organisation is not seeded.
   */
  async function ensureCentralHousehold(household: PlaceRow, userId: string | null, name: string) {
    const existing = await t.db.kysely
      .selectFrom('central_households')
      .select('id')
      .where('household_id', '=', household.id)
      .executeTakeFirst();
    if (existing) return existing.id;
    const personId = newId();
    await t.db.kysely
      .insertInto('people')
      .values({
        id: personId,
        community_id: household.community_id!,
        name,
        phone: null,
        gender: null,
        birth_year: null,
        household_id: household.id,
        user_id: userId,
        note: null,
        created_at: AT,
        updated_at: AT,
        archived_at: null,
      })
      .execute();
    const id = newId();
    await t.db.kysely
      .insertInto('central_households')
      .values({
        id,
        community_id: household.community_id!,
        household_id: household.id,
        leader_person_id: personId,
        organisation_id: null,
        title: `${name}家`,
        services: '家电小修,代收快递',
        motto: null,
        lit_at: null,
        consent_id: null,
        card_token: null,
        created_at: AT,
        updated_at: AT,
        ended_at: null,
      })
      .execute();
    return id;
  }

  async function state(c: Client = staff) {
    const res = await c.get(`/api/v1/central-households/${chId}/lighting`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CentralHouseholdView>();
  }

  /** Start each scenario unlit. */
  async function unlit() {
    if ((await state()).lit)
      expect((await member.post(`/api/v1/central-households/${chId}/revoke`)).statusCode).toBe(200);
  }

  beforeAll(async () => {
    t = await startApp({ demo: true });
    [member, staff, staffDongshan, resident, residentYunjian] = await Promise.all([
      logIn(t.app, 'member'),
      logIn(t.app, 'staff.xinjing'),
      logIn(t.app, 'staff.dongshan'),
      logIn(t.app, 'resident'),
      logIn(t.app, 'resident.yunjian'),
    ]);
    anon = client(t.app);
    flat301 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '301室');
    building1 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    const memberId = (
      await t.db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'member')
        .executeTakeFirstOrThrow()
    ).id;
    chId = await ensureCentralHousehold(flat301, memberId, '吴军');
  });
  afterAll(() => t.close());

  it('stores services comma-separated and reads other separators too', () => {
    expect(parseServices('家电小修,代收快递、政策咨询;\n')).toEqual(['家电小修', '代收快递', '政策咨询']);
    expect(wrapText('一二三四五六七八', 3, 2)).toEqual(['一二三', '四五…']);
  });

  it('lists the member’s own central household, and only to him', async () => {
    const mine = (await member.get('/api/v1/me/central-households')).json<{
      items: CentralHouseholdView[];
    }>();
    expect(mine.items.map((i) => i.id)).toContain(chId);
    expect(mine.items.find((i) => i.id === chId)!.isMine).toBe(true);
    const others = (await resident.get('/api/v1/me/central-households')).json<{
      items: CentralHouseholdView[];
    }>();
    expect(others.items).toEqual([]);
    expect((await resident.get(`/api/v1/central-households/${chId}/lighting`)).statusCode).toBe(404);
    expect((await staffDongshan.get(`/api/v1/central-households/${chId}/lighting`)).statusCode).toBe(404);
    expect((await anon.get(`/api/v1/central-households/${chId}/lighting`)).statusCode).toBe(401);
  });

  it('refuses to light up without separate consent to the current text', async () => {
    await unlit();
    const none = await member.post(`/api/v1/central-households/${chId}/light-up`, { choices });
    expect(none.statusCode).toBe(422);
    expect(errorOf(none).code).toBe('LIGHT_UP_CONSENT_REQUIRED');
    const declined = await member.post(`/api/v1/central-households/${chId}/light-up`, {
      consent: { agreed: false, textVersion: LIGHT_UP_CONSENT_VERSION },
      choices,
    });
    expect(errorOf(declined).code).toBe('LIGHT_UP_CONSENT_REQUIRED');
    const old = await member.post(`/api/v1/central-households/${chId}/light-up`, {
      consent: { agreed: true, textVersion: 'light-up/2020-01' },
      choices,
    });
    expect(errorOf(old).code).toBe('LIGHT_UP_CONSENT_OUTDATED');
    expect((await state()).lit).toBe(false);
    // Nobody else may light up someone's household: other residents do not even see it.
    const other = await resident.post(`/api/v1/central-households/${chId}/light-up`, { consent, choices });
    expect(other.statusCode).toBe(404);
  });

  it('lights up with consent recorded; the card shows only what was chosen and never a phone', async () => {
    await unlit();
    const res = await member.post(`/api/v1/central-households/${chId}/light-up`, { consent, choices });
    expect(res.statusCode, res.body).toBe(200);
    const lit = res.json<CentralHouseholdView>();
    expect(lit.lit).toBe(true);
    expect(lit.cardToken).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(lit.consent).toMatchObject({ textVersion: LIGHT_UP_CONSENT_VERSION, withdrawnAt: null });
    expect(lit.consent!.recordedBy!.self).toBe(true);

    const consentRow = await t.db.kysely
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', lit.consent!.id)
      .executeTakeFirstOrThrow();
    expect(consentRow).toMatchObject({ purpose: 'light_up', withdrawn_at: null });

    const again = await member.post(`/api/v1/central-households/${chId}/light-up`, { consent, choices });
    expect(errorOf(again).code).toBe('HOUSEHOLD_ALREADY_LIT');

    const cardRes = await anon.get(`/api/v1/cards/${lit.cardToken}`);
    expect(cardRes.statusCode).toBe(200);
    const card = cardRes.json<PublicCardView>();
    expect(card).toMatchObject({
      title: choices.title,
      services: choices.services,
      motto: choices.motto,
      name: '吴军',
      contactable: true,
    });
    // The flat was not chosen: community and compound only.
    expect(card.place).toEqual(['新景社区', '颐景名苑']);
    expect(cardRes.body).not.toMatch(/1[3-9]\d{9}/);
    expect(cardRes.body).not.toContain('301');
    expect(cardRes.headers['cache-control']).toBe('no-store');

    // Choosing to hide the name and show the flat changes the card at once.
    const changed = await member.patch(`/api/v1/central-households/${chId}/card`, {
      ...choices,
      showName: false,
      showFlat: true,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const card2 = (await anon.get(`/api/v1/cards/${lit.cardToken}`)).json<PublicCardView>();
    expect(card2.name).toBeNull();
    expect(card2.place).toEqual(['新景社区', '颐景名苑', '1幢', '301室']);
    await member.patch(`/api/v1/central-households/${chId}/card`, choices);
  });

  it('lets staff see who consented and when, with an audit entry', async () => {
    const xinjing = await placeByNames(t.db, '新景社区');
    const res = await staff.get(`/api/v1/places/${xinjing.id}/lighting`);
    expect(res.statusCode).toBe(200);
    const row = res.json<{ items: CentralHouseholdView[] }>().items.find((i) => i.id === chId)!;
    expect(row.lit).toBe(true);
    expect(row.consent?.grantedAt).toBeTruthy();
    expect(row.consent?.recordedBy?.displayName).toBe('吴军');
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_type', '=', 'central_household')
      .where('action', '=', 'view')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    // Another community's staff: 404; a resident has no lighting.manage.
    expect((await staffDongshan.get(`/api/v1/places/${xinjing.id}/lighting`)).statusCode).toBe(404);
    const flat201 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '201室');
    expect((await resident.get(`/api/v1/places/${flat201.id}/lighting`)).statusCode).toBe(403);
    expect((await resident.get(`/api/v1/places/${building1.id}/lighting`)).statusCode).toBe(404);
  });

  it('draws a door sign PNG whose QR code opens the card, and a PDF', async () => {
    const token = (await state(member)).cardToken!;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/central-households/${chId}/door-sign.png`,
      headers: { cookie: member.cookie, host: 'linli.example.org:8443' },
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(res.rawPayload);
    expect(png.width).toBeGreaterThan(800);
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr?.data).toBe(`http://linli.example.org:8443/card/${token}`);

    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/central-households/${chId}/door-sign.pdf?lang=en`,
      headers: { cookie: staff.cookie },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Nobody else gets the sign.
    expect((await resident.get(`/api/v1/central-households/${chId}/door-sign.png`)).statusCode).toBe(404);
    const bad = await member.get(`/api/v1/central-households/${chId}/door-sign.png?lang=fr`);
    expect(bad.statusCode).toBe(400);
  });

  it('takes the card origin from the proxy only when TRUST_PROXY is set', async () => {
    const proxied = await startApp({ demo: true, env: { TRUST_PROXY: 'true' } });
    try {
      const m = await logIn(proxied.app, 'member');
      const mine = (await m.get('/api/v1/me/central-households')).json<{ items: CentralHouseholdView[] }>();
      const lit = mine.items.find((i) => i.lit);
      if (!lit) return; // organisation not seeded in this build: covered by the test above
      const res = await proxied.app.inject({
        method: 'GET',
        url: `/api/v1/central-households/${lit.id}/door-sign.png`,
        headers: {
          cookie: m.cookie,
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'linli.jiaojiang.gov.cn',
        },
      });
      const png = PNG.sync.read(res.rawPayload);
      const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(qr?.data).toBe(`https://linli.jiaojiang.gov.cn/card/${lit.cardToken}`);
    } finally {
      await proxied.close();
    }
  });

  it('passes messages through the platform: signed-in visitors only, a few a day, read by the member alone', async () => {
    const token = (await state(member)).cardToken!;
    expect((await anon.post(`/api/v1/cards/${token}/messages`, { body: '你好' })).statusCode).toBe(401);
    for (let i = 0; i < 3; i++) {
      const res = await residentYunjian.post(`/api/v1/cards/${token}/messages`, {
        body: `请问能帮忙修空调吗？${i}`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const fourth = await residentYunjian.post(`/api/v1/cards/${token}/messages`, { body: '再问一次' });
    expect(fourth.statusCode).toBe(429);
    expect((await residentYunjian.post(`/api/v1/cards/${token}/messages`, { body: '' })).statusCode).toBe(
      400,
    );

    expect((await state(member)).unreadMessages).toBe(3);
    const list = await member.get(`/api/v1/central-households/${chId}/messages`);
    expect(
      list.json<{ items: { body: string; from: { displayName: string } }[] }>().items[0]!.from.displayName,
    ).toBe('郑大爷');
    expect((await staff.get(`/api/v1/central-households/${chId}/messages`)).statusCode).toBe(404);
    await member.post(`/api/v1/central-households/${chId}/messages/read`);
    expect((await state(member)).unreadMessages).toBe(0);
  });

  it('shows a building’s lit households to its residents and staff, not to other buildings', async () => {
    const res = await resident.get(`/api/v1/places/${building1.id}/lit-households`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      items: { id: string; flat: string | null; name: string | null }[];
      litHouseholds: number;
    }>();
    const mine = body.items.find((i) => i.id === chId)!;
    expect(mine.name).toBe('吴军');
    expect(mine.flat).toBeNull();
    expect(res.body).not.toMatch(/1[3-9]\d{9}/);
    expect((await staff.get(`/api/v1/places/${building1.id}/lit-households`)).statusCode).toBe(200);
    expect((await residentYunjian.get(`/api/v1/places/${building1.id}/lit-households`)).statusCode).toBe(404);
    expect((await staffDongshan.get(`/api/v1/places/${building1.id}/lit-households`)).statusCode).toBe(404);
    const building2 = await placeByNames(t.db, '新景社区', '颐景名苑', '2幢');
    expect((await resident.get(`/api/v1/places/${building2.id}/lit-households`)).statusCode).toBe(404);
  });

  it('rolls lit counts up the tree: the district is the sum of its communities', async () => {
    const admin = await logIn(t.app, 'district');
    const count = async (c: Client, id: string) => {
      const res = await c.get(`/api/v1/places/${id}/lit-count`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ litHouseholds: number }>().litHouseholds;
    };
    // A second lit household in another community, recorded by its staff.
    const yunjianFlat = await placeByNames(t.db, '东山社区', '云间小区', '1幢', '501室');
    const otherId = await ensureCentralHousehold(yunjianFlat, null, '钱多');
    const other = (
      await staffDongshan.get(`/api/v1/central-households/${otherId}/lighting`)
    ).json<CentralHouseholdView>();
    if (!other.lit) {
      const res = await staffDongshan.post(`/api/v1/central-households/${otherId}/light-up`, {
        consent,
        choices: { ...other.choices, showName: false, showFlat: false },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<CentralHouseholdView>().consent!.recordedBy!.self).toBe(false);
    }
    const district = await placeByNames(t.db, '椒江区');
    const communities = await Promise.all(
      ['新景社区', '东山社区', '学院社区'].map(async (n) => count(admin, (await placeByNames(t.db, n)).id)),
    );
    expect(communities[0]).toBeGreaterThanOrEqual(1);
    expect(communities[1]).toBeGreaterThanOrEqual(1);
    expect(await count(admin, district.id)).toBe(communities.reduce((a, b) => a + b, 0));
    const rows = await t.db.kysely
      .selectFrom('central_households')
      .select('id')
      .where('lit_at', 'is not', null)
      .where('ended_at', 'is', null)
      .execute();
    expect(await count(admin, district.id)).toBe(rows.length);
    // A resident sees the public count of her building and of the whole district; not of another community's building.
    expect(await count(resident, building1.id)).toBeGreaterThanOrEqual(1);
    expect(await count(resident, district.id)).toBe(rows.length);
    const yunjianB1 = await placeByNames(t.db, '东山社区', '云间小区', '1幢');
    expect((await resident.get(`/api/v1/places/${yunjianB1.id}/lit-count`)).statusCode).toBe(404);
  });

  it('revoking empties the card at once and puts the light out', async () => {
    const before = await state(member);
    const token = before.cardToken!;
    expect((await anon.get(`/api/v1/cards/${token}`)).statusCode).toBe(200);
    const res = await member.post(`/api/v1/central-households/${chId}/revoke`);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<CentralHouseholdView>();
    expect(after).toMatchObject({ lit: false, litAt: null, cardToken: null });
    expect(after.consent?.withdrawnAt).toBeTruthy();

    const gone = await anon.get(`/api/v1/cards/${token}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).not.toContain('吴军');
    expect(gone.body).not.toContain(choices.title);
    expect(errorOf(gone).code).toBe('NOT_FOUND');
    // Messages and door signs stop too; the building page no longer lists it.
    expect((await resident.post(`/api/v1/cards/${token}/messages`, { body: '你好' })).statusCode).toBe(404);
    const sign = await member.get(`/api/v1/central-households/${chId}/door-sign.png`);
    expect(errorOf(sign).code).toBe('HOUSEHOLD_NOT_LIT');
    const building = (await resident.get(`/api/v1/places/${building1.id}/lit-households`)).json<{
      items: { id: string }[];
    }>();
    expect(building.items.map((i) => i.id)).not.toContain(chId);
    const row = await t.db.kysely
      .selectFrom('central_households')
      .selectAll()
      .where('id', '=', chId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ lit_at: null, card_token: null });
    const consents = await t.db.kysely
      .selectFrom('consents')
      .select(['withdrawn_at'])
      .where('person_id', '=', row.leader_person_id)
      .where('purpose', '=', 'light_up')
      .execute();
    expect(consents.every((c) => c.withdrawn_at !== null)).toBe(true);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'withdraw')
      .where('entity_type', '=', 'consent')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(errorOf(await member.post(`/api/v1/central-households/${chId}/revoke`)).code).toBe(
      'HOUSEHOLD_NOT_LIT',
    );
  });

  it('lighting up again issues a new card; the old token stays dead', async () => {
    const old = (await t.db.kysely.selectFrom('consents').select('id').execute()).length;
    const res = await staff.post(`/api/v1/central-households/${chId}/light-up`, { consent, choices });
    expect(res.statusCode).toBe(200);
    const lit = res.json<CentralHouseholdView>();
    expect(lit.consent!.recordedBy).toMatchObject({ displayName: '陈晓燕', self: false });
    expect((await t.db.kysely.selectFrom('consents').select('id').execute()).length).toBe(old + 1);
    expect((await anon.get(`/api/v1/cards/${lit.cardToken}`)).statusCode).toBe(200);
    expect((await anon.get('/api/v1/cards/not-a-card-token-at-all')).statusCode).toBe(404);
    expect((await anon.get('/api/v1/cards/short')).statusCode).toBe(400);
  });

  it('answers 404 for households of other communities and refuses bad input with codes', async () => {
    const u = await buildUser(t.db);
    const flat = await placeByNames(t.db, '东山社区', '云间小区', '2幢', '101室');
    await buildGrant(t.db, { user: u, role: 'resident', place: flat });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: u.username, password: u.password },
    });
    const stranger = client(t.app, sessionCookieOf(res));
    expect((await stranger.get(`/api/v1/central-households/${chId}/lighting`)).statusCode).toBe(404);
    expect((await stranger.patch(`/api/v1/central-households/${chId}/card`, choices)).statusCode).toBe(404);
    const bad = await member.patch(`/api/v1/central-households/${chId}/card`, {
      ...choices,
      services: ['a,b'],
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('VALIDATION_FAILED');
  });
});
