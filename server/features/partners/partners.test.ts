import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../web/api/types.js';
import type {
  PairingView,
  PartnerContributionView,
  PartnerOfferView,
  PartnerUnitView,
} from '../../../domain/contracts/partners.js';
import type { PlaceRow } from '../../db/schema.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';

type UnitDetail = PartnerUnitView & { seats: { community: { name: string } }[] };

describe('partner units (C4)', () => {
  let t: TestApp;
  let staff: Client;
  let staffDongshan: Client;
  let staffXueyuan: Client;
  let district: Client;
  let partner: Client;
  let secretary: Client;
  let resident: Client;
  let jiaojiang: PlaceRow;
  let xinjing: PlaceRow;
  let dongshan: PlaceRow;
  let yijing: PlaceRow;
  let centre: PlaceRow;

  const units = async (c: Client, place: PlaceRow, query = '') => {
    const res = await c.get(`/api/v1/places/${place.id}/partner-units${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page<PartnerUnitView>>().items;
  };
  const unitNamed = async (name: string) => (await units(district, jiaojiang)).find((u) => u.name === name)!;
  const viewAudits = async () =>
    (
      await t.db.kysely
        .selectFrom('audit_log')
        .select('id')
        .where('entity_type', '=', 'partner_unit')
        .where('action', '=', 'view')
        .execute()
    ).length;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    const as = (login: string) => logIn(t.app, login);
    staff = await as('staff.xinjing');
    staffDongshan = await as('staff.dongshan');
    staffXueyuan = await as('staff.xueyuan');
    district = await as('district');
    partner = await as('partner');
    secretary = await as('secretary');
    resident = await as('resident');
    jiaojiang = await placeByNames(t.db, '椒江区');
    xinjing = await placeByNames(t.db, '新景社区');
    dongshan = await placeByNames(t.db, '东山社区');
    yijing = await placeByNames(t.db, '新景社区', '颐景名苑');
    centre = await placeByNames(t.db, '东山社区', '海门商务中心');
  });
  afterAll(() => t.close());

  it('the district admin sees every unit of the district; a community sees those paired with it', async () => {
    const all = await units(district, jiaojiang);
    expect(all.map((u) => u.name).sort()).toEqual(
      ['台州职业技术学院', '椒江区市场监督管理局', '椒江区社区卫生服务中心', '椒江区综合行政执法局'].sort(),
    );
    expect((await units(staff, xinjing)).map((u) => u.name).sort()).toEqual(
      ['台州职业技术学院', '椒江区社区卫生服务中心'].sort(),
    );
    expect((await units(staffDongshan, dongshan)).map((u) => u.name).sort()).toEqual(
      ['椒江区市场监督管理局', '椒江区社区卫生服务中心', '椒江区综合行政执法局'].sort(),
    );
    // A compound's branch secretary sees units paired with its community (above it).
    expect((await units(secretary, yijing)).map((u) => u.name)).toContain('台州职业技术学院');
    expect(await units(staffXueyuan, await placeByNames(t.db, '学院社区'))).toEqual([]);
    // Filters
    expect((await units(district, jiaojiang, '?kind=government')).length).toBe(2);
    expect((await units(district, jiaojiang, '?q=' + encodeURIComponent('职业'))).length).toBe(1);
  });

  it('isolates units: staff of 东山社区 get 404 for a unit paired only with 新景社区', async () => {
    const college = await unitNamed('台州职业技术学院');
    expect((await staffDongshan.get(`/api/v1/partner-units/${college.id}`)).statusCode).toBe(404);
    expect((await staffDongshan.get(`/api/v1/partner-units/${college.id}/contributions`)).statusCode).toBe(
      404,
    );
    expect(
      (
        await staffDongshan.post(`/api/v1/partner-units/${college.id}/offers`, {
          kind: 'venue',
          title: '礼堂',
        })
      ).statusCode,
    ).toBe(404);
    expect((await staffDongshan.get(`/api/v1/places/${xinjing.id}/partner-units`)).statusCode).toBe(404);
    expect((await resident.get(`/api/v1/partner-units/${college.id}`)).statusCode).toBe(404);
    // The health centre is paired with both; 东山 sees only its own pairing and contributions.
    const health = await unitNamed('椒江区社区卫生服务中心');
    const seen = (await staffDongshan.get(`/api/v1/partner-units/${health.id}`)).json<UnitDetail>();
    expect(seen.pairings.map((p) => p.place.name)).toEqual(['东山社区']);
    const fromXinjing = (await staff.get(`/api/v1/partner-units/${health.id}`)).json<UnitDetail>();
    expect(fromXinjing.pairings.map((p) => p.place.name)).toEqual(['新景社区']);
    expect(fromXinjing.contributionCount).toBe(0);
    expect(seen.contributionCount).toBe(1);
  });

  it('masks the contact phone unless community staff or admin, and audits every full view', async () => {
    const college = await unitNamed('台州职业技术学院');
    const before = await viewAudits();
    const bySecretary = (await secretary.get(`/api/v1/partner-units/${college.id}`)).json<UnitDetail>();
    expect(bySecretary.contactPhone).toBe('139****0101');
    expect(bySecretary.contactPhoneMasked).toBe(true);
    expect(await viewAudits()).toBe(before);

    const byStaff = (await staff.get(`/api/v1/partner-units/${college.id}`)).json<UnitDetail>();
    expect(byStaff.contactPhone).toBe('13957600101');
    expect(await viewAudits()).toBe(before + 1);
    const list = await units(staff, xinjing);
    expect(list.every((u) => !u.contactPhoneMasked)).toBe(true);
    expect(await viewAudits()).toBe(before + 2);
    // The unit's own contact sees its own number; another unit's is masked for them.
    const own = (await partner.get(`/api/v1/partner-units/${college.id}`)).json<UnitDetail>();
    expect(own.contactPhone).toBe('13957600101');
    const health = await unitNamed('椒江区社区卫生服务中心');
    expect((await partner.get(`/api/v1/partner-units/${health.id}`)).json<UnitDetail>().contactPhone).toBe(
      '139****0102',
    );
  });

  it('seats paired units on the big committee when the organisation is seeded', async () => {
    const health = await unitNamed('椒江区社区卫生服务中心');
    const detail = (await district.get(`/api/v1/partner-units/${health.id}`)).json<UnitDetail>();
    const committees = await t.db.kysely
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'big_committee')
      .execute();
    if (committees.length > 0) {
      expect(detail.seats.map((s) => s.community.name).sort()).toEqual(['东山社区', '新景社区']);
    }
  });

  it('lets a partner contact edit the own unit’s offers and log contributions, nothing more', async () => {
    const college = await unitNamed('台州职业技术学院');
    const health = await unitNamed('椒江区社区卫生服务中心');
    const offer = await partner.post(`/api/v1/partner-units/${college.id}/offers`, {
      kind: 'venue',
      title: '学院礼堂',
      capacity: '300人',
    });
    expect(offer.statusCode, offer.body).toBe(201);
    const o = offer.json<PartnerOfferView>();
    const changed = await partner.patch(`/api/v1/partner-offers/${o.id}`, { title: '学院报告厅' });
    expect(changed.json<PartnerOfferView>().title).toBe('学院报告厅');
    expect(
      (await partner.post(`/api/v1/partner-offers/${o.id}/archive`)).json<PartnerOfferView>().archived,
    ).toBe(true);
    // Not another unit's offers, not the registry entry, not pairings.
    expect(
      (await partner.post(`/api/v1/partner-units/${health.id}/offers`, { kind: 'venue', title: 'x' }))
        .statusCode,
    ).toBe(403);
    expect((await partner.patch(`/api/v1/partner-units/${college.id}`, { name: '改名' })).statusCode).toBe(
      403,
    );
    const building = await placeByNames(t.db, '新景社区', '颐景名苑', '2幢');
    expect(
      (
        await partner.post('/api/v1/pairings', {
          partnerUnitId: college.id,
          placeId: building.id,
          startedOn: '2026-11-01',
        })
      ).statusCode,
    ).toBe(403);

    const contribution = await partner.post(`/api/v1/partner-units/${college.id}/contributions`, {
      placeId: building.id,
      occurredOn: '2026-11-20',
      title: '楼道灯具检修',
      outcome: '更换灯具12盏',
      peopleCount: 4,
      hours: 6.5,
    });
    expect(contribution.statusCode, contribution.body).toBe(201);
    expect(contribution.json<PartnerContributionView>()).toMatchObject({ peopleCount: 4, hours: 6.5 });
    // Only where the unit is paired.
    const elsewhere = await partner.post(`/api/v1/partner-units/${college.id}/contributions`, {
      placeId: centre.id,
      occurredOn: '2026-11-20',
      title: 'x',
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('records pairings with dates, ends them, and refuses bad dates and duplicates', async () => {
    const college = await unitNamed('台州职业技术学院');
    const b3 = await placeByNames(t.db, '新景社区', '颐景名苑', '3幢');
    const res = await staff.post('/api/v1/pairings', {
      partnerUnitId: college.id,
      placeId: b3.id,
      startedOn: '2026-11-01',
      note: '楼栋结对',
      communityId: 'ignored',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json<PairingView>();
    expect(p).toMatchObject({ active: true, note: '楼栋结对', endedOn: null });
    expect(p.placePath.map((c) => c.name)).toEqual(['葭沚街道', '新景社区', '颐景名苑', '3幢']);
    const dup = await staff.post('/api/v1/pairings', {
      partnerUnitId: college.id,
      placeId: b3.id,
      startedOn: '2026-11-02',
    });
    expect(errorOf(dup).code).toBe('PAIRING_EXISTS');
    const bad = await staff.patch(`/api/v1/pairings/${p.id}`, { endedOn: '2026-10-01' });
    expect(errorOf(bad).code).toBe('PAIRING_DATES_INVALID');
    expect(
      (await staffDongshan.post(`/api/v1/pairings/${p.id}/end`, { endedOn: '2026-11-28' })).statusCode,
    ).toBe(404);
    const ended = await staff.post(`/api/v1/pairings/${p.id}/end`, { endedOn: '2026-11-28' });
    expect(ended.json<PairingView>()).toMatchObject({ active: false, endedOn: '2026-11-28' });
    expect(errorOf(await staff.post(`/api/v1/pairings/${p.id}/end`, { endedOn: '2026-11-28' })).code).toBe(
      'PAIRING_ENDED',
    );
    const active = (await staff.get(`/api/v1/places/${xinjing.id}/pairings`)).json<{
      items: PairingView[];
    }>();
    expect(active.items.map((x) => x.id)).not.toContain(p.id);
    const all = (await staff.get(`/api/v1/places/${xinjing.id}/pairings?includeEnded=true`)).json<{
      items: PairingView[];
    }>();
    expect(all.items.map((x) => x.id)).toContain(p.id);
    // A pairing with a household makes no sense; a date must be a real date.
    const flat = await placeByNames(t.db, '新景社区', '颐景名苑', '3幢', '101室');
    const onFlat = await staff.post('/api/v1/pairings', {
      partnerUnitId: college.id,
      placeId: flat.id,
      startedOn: '2026-11-01',
    });
    expect(errorOf(onFlat).code).toBe('PLACE_KIND_NOT_ALLOWED');
    const badDate = await staff.post('/api/v1/pairings', {
      partnerUnitId: college.id,
      placeId: b3.id,
      startedOn: '2026-02-30',
    });
    expect(badDate.statusCode).toBe(400);
  });

  it('registers a unit paired at once, audited; district admins may register at the district', async () => {
    const res = await staffDongshan.post('/api/v1/partner-units', {
      name: '东山物业公司',
      kind: 'enterprise',
      contactName: '周经理',
      contactPhone: '13911112222',
      placeId: centre.id,
      districtId: 'ignored',
    });
    expect(res.statusCode, res.body).toBe(201);
    const u = res.json<UnitDetail>();
    expect(u.pairings.map((p) => p.place.name)).toEqual(['海门商务中心']);
    expect(u.districtId).toBe(jiaojiang.id);
    expect((await staff.get(`/api/v1/partner-units/${u.id}`)).statusCode).toBe(404);
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('entity_id', '=', u.id)
      .execute();
    expect(audits).toContainEqual({ action: 'create', entity_type: 'partner_unit' });
    // Community staff cannot register at the district level.
    const atDistrict = await staff.post('/api/v1/partner-units', {
      name: 'x',
      kind: 'other',
      placeId: jiaojiang.id,
    });
    expect(atDistrict.statusCode).toBe(404);
    const byAdmin = await district.post('/api/v1/partner-units', {
      name: '椒江区图书馆',
      kind: 'government',
      placeId: jiaojiang.id,
    });
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json<UnitDetail>().pairings).toEqual([]);
    const badPhone = await staffDongshan.post('/api/v1/partner-units', {
      name: 'x',
      kind: 'other',
      placeId: centre.id,
      contactPhone: '12345',
    });
    expect(badPhone.statusCode).toBe(400);
    // Staff of the community may change and archive it.
    const renamed = await staffDongshan.patch(`/api/v1/partner-units/${u.id}`, {
      description: '负责商务中心物业',
    });
    expect(renamed.json<UnitDetail>().description).toBe('负责商务中心物业');
    expect(
      (await staffDongshan.post(`/api/v1/partner-units/${u.id}/archive`)).json<UnitDetail>().archived,
    ).toBe(true);
  });

  it('shows the contributions timeline of a scope, newest first, paged', async () => {
    const res = await staff.get(`/api/v1/places/${xinjing.id}/partner-contributions?limit=2`);
    expect(res.statusCode).toBe(200);
    const page = res.json<Page<PartnerContributionView>>();
    expect(page.items.length).toBe(2);
    expect(page.nextCursor).not.toBeNull();
    const rest = (
      await staff.get(`/api/v1/places/${xinjing.id}/partner-contributions?limit=50&cursor=${page.nextCursor}`)
    ).json<Page<PartnerContributionView>>();
    const all = [...page.items, ...rest.items];
    const dates = all.map((c) => c.occurredOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const repair = all.find((c) => c.outcome?.includes('43'))!;
    expect(repair).toMatchObject({ peopleCount: 11, partnerUnit: { name: '台州职业技术学院' } });
    expect(repair.place.name).toBe('颐景名苑');
    const dong = (await staffDongshan.get(`/api/v1/places/${dongshan.id}/partner-contributions`)).json<
      Page<PartnerContributionView>
    >();
    expect(dong.items.some((c) => c.outcome?.includes('20%'))).toBe(true);
    expect(dong.items.some((c) => c.outcome?.includes('43'))).toBe(false);
    expect((await staff.get(`/api/v1/places/${xinjing.id}/partner-contributions?cursor=!!`)).statusCode).toBe(
      400,
    );
  });

  it('lists the offers catalogue of a scope by kind', async () => {
    const res = await staff.get(`/api/v1/places/${xinjing.id}/partner-offers?kind=volunteers`);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: PartnerOfferView[] }>().items;
    expect(items.map((o) => o.title)).toContain('家电维修志愿服务队');
    expect(items.every((o) => o.kind === 'volunteers')).toBe(true);
    const dong = (await staffDongshan.get(`/api/v1/places/${dongshan.id}/partner-offers`)).json<{
      items: PartnerOfferView[];
    }>();
    expect(dong.items.some((o) => o.partnerUnit.name === '台州职业技术学院')).toBe(false);
  });
});
