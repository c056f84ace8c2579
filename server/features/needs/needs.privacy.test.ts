import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeedDetail, NeedSummary } from '../../../domain/contracts/needs.js';
import type { Notification } from '../../../domain/contracts/notifications.js';
import type { WhistleDetail } from '../../../domain/contracts/members.js';
import { maskName } from '../../../domain/privacy.js';
import type { PlaceRow } from '../../db/schema.js';
import { buildGrant, buildUser } from '../../test/factories.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';
import { runJobs, userIdOf } from '../notifications/notifications.fixtures.js';
import { blowWhistleForNeed } from '../whistles/whistles.service.js';
import { findNeed } from './needs.repository.js';
import { toFacts } from './needs.service.js';

// Privacy review of every output that carries a need (issue 4 item 7): the resident's flat, name and
// phone stay masked for everyone but the community's staff, the helpers with an active claim and the
// resident herself — in lists, "similar", the detail and its timeline, notifications, channel texts
// and the whistle the ladder blows. And a resident never claims her own need.

const FLAT = '201室';
const NAME = '林秀珍';
const PHONE = '13800000014';

describe('needs privacy: who sees the flat, the name and the phone', () => {
  let t: TestApp;
  let resident: Client;
  let member: Client;
  let leader: Client;
  let staff: Client;
  let building1: PlaceRow;
  let needId: string;
  let memberName: string;

  const detail = async (c: Client, id = needId) => {
    const res = await c.get(`/api/v1/needs/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<NeedDetail>();
  };
  const similar = async (c: Client) => {
    const res = await c.get(
      `/api/v1/needs/similar?placeId=${building1.id}&text=${encodeURIComponent('卫生间水管漏水')}&category=facilities`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: NeedSummary[] }>().items.find((n) => n.id === needId);
  };
  const around = async (c: Client) =>
    (await c.get('/api/v1/me/needs/around?reach=all'))
      .json<{ items: NeedSummary[] }>()
      .items.find((n) => n.id === needId);
  const inbox = async (c: Client) =>
    (await c.get('/api/v1/me/notifications?limit=100')).json<{ items: Notification[] }>().items;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    [resident, member, leader, staff] = await Promise.all([
      logIn(t.app, 'resident'),
      logIn(t.app, 'member'),
      logIn(t.app, 'leader'),
      logIn(t.app, 'staff.xinjing'),
    ]);
    building1 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    const flat = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', FLAT);
    memberName = (
      await t.db.kysely
        .selectFrom('users')
        .select('display_name')
        .where('username', '=', 'member')
        .executeTakeFirstOrThrow()
    ).display_name;
    const posted = await resident.post('/api/v1/needs', {
      placeId: flat.id,
      category: 'facilities',
      description: '卫生间水管漏水，楼下也渗水了',
      urgency: 'urgent',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    needId = posted.json<NeedDetail>().id;
  });
  afterAll(() => t?.close());

  it('masks the flat in "similar", around-me and the detail for a neighbour it reached, until she claims it', async () => {
    // The member (party member of 1幢, flat 301) is reached by a need of her building.
    for (const summary of [await similar(member), await around(member)]) {
      expect(summary).toBeDefined();
      expect(summary!.placeLabel).toBe('颐景名苑 1幢');
    }
    const masked = await detail(member);
    expect(masked.placeLabel).toBe('颐景名苑 1幢');
    expect(masked.place.map((p) => p.kind)).toEqual(['street', 'community', 'compound', 'building']);
    expect(masked.resident).toEqual({ userId: null, name: maskName(NAME) });
    expect(masked.phoneMasked).toBe(true);
    const json = JSON.stringify(masked);
    for (const secret of [FLAT, NAME, PHONE]) expect(json).not.toContain(secret);

    // An active claim shows it in full; withdrawing it masks it again.
    expect((await member.post(`/api/v1/needs/${needId}/claim`)).statusCode).toBe(200);
    expect((await similar(member))!.placeLabel).toBe(`颐景名苑 1幢 ${FLAT}`);
    expect((await around(member))!.placeLabel).toBe(`颐景名苑 1幢 ${FLAT}`);
    expect((await detail(member)).resident?.name).toBe(NAME);
    expect((await member.post(`/api/v1/needs/${needId}/unclaim`)).statusCode).toBe(200);
    expect((await similar(member))!.placeLabel).toBe('颐景名苑 1幢');
    expect((await around(member))!.placeLabel).toBe('颐景名苑 1幢');
    expect(JSON.stringify(await detail(member))).not.toContain(FLAT);

    // The resident herself and the community's staff see it in full.
    const own = await detail(resident);
    expect(own.placeLabel).toBe(`颐景名苑 1幢 ${FLAT}`);
    expect(own.resident).toEqual({ userId: await userIdOf(t.db, 'resident'), name: NAME });
    expect((await detail(staff)).placeLabel).toBe(`颐景名苑 1幢 ${FLAT}`);
  });

  it('never puts the flat or the resident’s name in a neighbour’s notifications or channel messages', async () => {
    const mine = (await inbox(leader)).filter((n) => n.needId === needId);
    expect(mine.map((n) => n.kind)).toContain('need_urgent');
    expect(mine.find((n) => n.kind === 'need_urgent')!.params).toMatchObject({ place: '颐景名苑 1幢' });
    for (const n of [...mine, ...(await inbox(member)).filter((x) => x.needId === needId)]) {
      for (const secret of [FLAT, NAME, PHONE]) expect(JSON.stringify(n)).not.toContain(secret);
    }
    expect((await runJobs(t.app)).failed).toBe(0);
    const sent = await t.db.kysely.selectFrom('channel_messages').select('body').execute();
    expect(sent.length).toBeGreaterThan(0);
    for (const m of sent) for (const secret of [FLAT, NAME, PHONE]) expect(m.body).not.toContain(secret);
  });

  it('keeps a household’s need out of Open311 (public) altogether', async () => {
    const one = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${needId}.json` });
    expect(one.statusCode).toBe(404);
    for (const url of ['/open311/v2/requests.json', '/open311/v2/servicerequestupdates.xml']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, res.body).toBe(200);
      for (const secret of [needId, FLAT, NAME, PHONE]) expect(res.body).not.toContain(secret);
    }
  });

  it('masks a "me too" neighbour’s name on the timeline like the resident’s', async () => {
    expect((await member.post(`/api/v1/needs/${needId}/support`)).statusCode).toBe(200);
    const supported = (d: NeedDetail) => d.timeline.find((e) => e.kind === 'supported')!;
    expect(supported(await detail(leader)).actorName).toBe(maskName(memberName));
    expect(supported(await detail(staff)).actorName).toBe(memberName);
  });

  it('masks the name of anyone of her household who acts on the need, for the others', async () => {
    const flat = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', FLAT);
    const spouse = await buildUser(t.db, {
      username: 'spouse.201',
      password: 'spouse2026',
      displayName: '周建华',
    });
    await buildGrant(t.db, { role: 'resident', user: spouse, place: flat });
    const asSpouse = await logIn(t.app, 'spouse.201', 'spouse2026');
    const posted = await resident.post('/api/v1/needs', {
      placeId: flat.id,
      category: 'other',
      description: '想找人帮忙换灯泡',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.json<NeedDetail>().id;
    expect((await asSpouse.post(`/api/v1/needs/${id}/cancel`, {})).statusCode).toBe(200);
    const cancelled = (d: NeedDetail) => d.timeline.find((e) => e.kind === 'cancelled')!;
    const asLeader = await detail(leader, id);
    expect(cancelled(asLeader).actorName).toBe(maskName('周建华'));
    expect(JSON.stringify(asLeader)).not.toContain('周建华');
    expect(cancelled(await detail(staff, id)).actorName).toBe('周建华');
  });

  it('keeps a follow-up’s note and assignee off the timeline for those who do not see follow-ups', async () => {
    const leaderId = await userIdOf(t.db, 'leader');
    const note = `明天问问${NAME}家楼下还渗不渗水`;
    const res = await staff.post(`/api/v1/needs/${needId}/follow-ups`, {
      assigneeId: leaderId,
      dueAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
      note,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);

    const asMember = await detail(member);
    expect(asMember.followUps).toEqual([]);
    const event = asMember.timeline.find((e) => e.kind === 'follow_up_scheduled')!;
    expect(event.params).not.toHaveProperty('note');
    expect(event.params).not.toHaveProperty('assignee');
    expect(event.params).toHaveProperty('dueAt');
    expect(JSON.stringify(asMember)).not.toContain(NAME);

    const asStaff = await detail(staff);
    expect(asStaff.followUps.map((f) => f.note)).toEqual([note]);
    expect(asStaff.timeline.find((e) => e.kind === 'follow_up_scheduled')!.params).toMatchObject({ note });
  });

  it('names the building, not the flat, on the whistle the ladder blows for a household’s need', async () => {
    const need = (await findNeed(t.db.kysely, needId))!;
    const whistleId = await t.db.kysely
      .transaction()
      .execute((trx) => blowWhistleForNeed(trx, t.app.deps, { ...toFacts(need), audience: 'whistle' }));
    const w = (await staff.get(`/api/v1/whistles/${whistleId}`)).json<WhistleDetail>();
    expect(w.needId).toBe(needId);
    expect(w.place).toMatchObject({ id: building1.id, kind: 'building' });
    expect(w.placeLabel).toBe('颐景名苑 1幢');
    expect(JSON.stringify(w)).not.toContain(FLAT);
    // The member reported in to 新景社区 is called; her call and her inbox carry no flat either.
    const called = (await member.get(`/api/v1/whistles/${whistleId}`)).json<WhistleDetail>();
    expect(JSON.stringify(called)).not.toContain(FLAT);
    const blown = (await inbox(member)).find((n) => n.kind === 'whistle_blown' && n.needId === needId);
    expect(blown).toBeDefined();
    expect(JSON.stringify(blown)).not.toContain(FLAT);
  });
});

describe('a resident does not claim her own need', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ demo: true });
  });
  afterAll(() => t?.close());

  it('offers no claim to her (even when her own need also reached her as a responder) and refuses one', async () => {
    // The member lives in 1幢301 and is a party member of the building: a need of 1幢 reaches her.
    const member = await logIn(t.app, 'member');
    const flat = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '301室');
    const posted = await member.post('/api/v1/needs', {
      placeId: flat.id,
      category: 'elderly_help',
      description: '想请人帮忙把旧沙发搬下楼',
      urgency: 'normal',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.json<NeedDetail>().id;
    const mine = (await member.get(`/api/v1/needs/${id}`)).json<NeedDetail>();
    expect(mine.actions).toContain('cancel');
    expect(mine.actions).not.toContain('claim');
    const claim = await member.post(`/api/v1/needs/${id}/claim`);
    expect(claim.statusCode).toBe(403);
    expect(errorOf(claim).code).toBe('FORBIDDEN');
    expect((await findNeed(t.db.kysely, id))!.helpersClaimed).toBe(0);
    // Her building's leader may.
    const leader = await logIn(t.app, 'leader');
    expect((await leader.get(`/api/v1/needs/${id}`)).json<NeedDetail>().actions).toContain('claim');
  });
});
