import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { FollowUpList, NeedDetail, NeedHelperCandidates } from '../../../domain/contracts/needs.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { buildGrant } from '../../test/factories.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';
import { confirmNeed } from './serving.service.js';

type Detail = z.infer<typeof NeedDetail>;

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('serving a need: convene, assign, claim, log, done, confirm, reopen, cancel, follow-ups', () => {
  let t: TestApp;
  let staff: Client;
  let staffDongshan: Client;
  let resident: Client;
  let residentYunjian: Client;
  let leader: Client;
  let groupleader: Client;
  let volunteer: Client;
  let member: Client;
  let partner: Client;
  let street: Client;
  let flat201: PlaceRow;
  let yijing: PlaceRow;
  let collegeId: string;
  let unpairedUnitId: string;
  const userIds = new Map<string, string>();
  const uid = (login: string) => userIds.get(login)!;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    const as = (login: string) => logIn(t.app, login);
    staff = await as('staff.xinjing');
    staffDongshan = await as('staff.dongshan');
    resident = await as('resident');
    residentYunjian = await as('resident.yunjian');
    leader = await as('leader');
    groupleader = await as('groupleader');
    volunteer = await as('volunteer');
    member = await as('member');
    partner = await as('partner');
    street = await as('street');
    flat201 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '201室');
    yijing = await placeByNames(t.db, '新景社区', '颐景名苑');
    const units = await t.db.kysely.selectFrom('partner_units').select(['id', 'name']).execute();
    collegeId = units.find((u) => u.name === '台州职业技术学院')!.id;
    unpairedUnitId = units.find((u) => u.name === '椒江区综合行政执法局')!.id;
    for (const u of await t.db.kysely.selectFrom('users').select(['id', 'username']).execute()) {
      if (u.username) userIds.set(u.username, u.id);
    }
  });
  afterAll(() => t.close());

  const post = async (body: Record<string, unknown> = {}) => {
    const res = await resident.post('/api/v1/needs', {
      placeId: flat201.id,
      category: 'appliance_repair',
      description: '洗衣机不转了',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Detail>();
  };
  const ok = async (c: Client, url: string, body?: unknown) => {
    // A second between steps, so the timeline's order is the order of the steps.
    t.clock.advance(1);
    const res = await c.post(url, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Detail>();
  };
  const row = (id: string) =>
    t.db.kysely.selectFrom('needs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = async (id: string) =>
    (
      await t.db.kysely
        .selectFrom('need_events')
        .select(['kind', 'params', 'actor_id'])
        .where('need_id', '=', id)
        .orderBy('at')
        .orderBy('id')
        .execute()
    ).map((e) => e.kind);
  /** Everything a step could change about a need. */
  const snapshot = async (id: string) => ({
    need: await row(id),
    events: await t.db.kysely.selectFrom('need_events').selectAll().where('need_id', '=', id).execute(),
    claims: await t.db.kysely
      .selectFrom('need_claims')
      .selectAll()
      .where('need_id', '=', id)
      .orderBy('id')
      .execute(),
    logs: await t.db.kysely.selectFrom('need_service_logs').selectAll().where('need_id', '=', id).execute(),
    photos: await t.db.kysely
      .selectFrom('need_photos')
      .select(['id', 'need_id', 'log_id'])
      .where('need_id', '=', id)
      .execute(),
    followUps: await t.db.kysely
      .selectFrom('need_follow_ups')
      .selectAll()
      .where('need_id', '=', id)
      .execute(),
    notifications: (
      await t.db.kysely
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('need_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  });
  /** A refused request: its status and code, and nothing about the need changed. */
  const refused = async (
    c: Client,
    url: string,
    body: unknown,
    needId: string,
    status: number,
    code: string,
  ) => {
    const before = await snapshot(needId);
    const res = await c.post(url, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(errorOf(res).code).toBe(code);
    expect(await snapshot(needId)).toEqual(before);
  };
  const activeClaims = async (id: string) =>
    Number(
      (
        await t.db.kysely
          .selectFrom('need_claims')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('need_id', '=', id)
          .where('withdrawn_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('the demo holds needs in every state, with the appliance repair convened with the college and in service', async () => {
    const rows = await t.db.kysely.selectFrom('needs').select(['id', 'status', 'description']).execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['posted', 'in_service', 'done', 'confirmed', 'cancelled']),
    );
    const story = rows.find((r) => r.description === '冰箱不制冷，家里还有几台电器也坏了')!;
    const d = (await resident.get(`/api/v1/needs/${story.id}`)).json<Detail>();
    expect(d).toMatchObject({
      status: 'in_service',
      audience: 'community',
      quantity: 43,
      quantityUnit: '台',
      helpersClaimed: 3,
      partnerUnit: { name: '台州职业技术学院' },
      totals: { outsideHelpers: 11, itemsHandled: 25, hours: 7 },
    });
    expect(d.actions).toEqual(expect.arrayContaining(['cancel']));
    expect(d.timeline.map((e) => e.kind)).toEqual([
      'posted',
      'convened',
      'claimed',
      'claimed',
      'claimed',
      'logged',
      'logged',
    ]);
    // The browser story can finish it: a helper marks it done, the resident confirms.
    expect((await volunteer.get(`/api/v1/needs/${story.id}`)).json<Detail>().actions).toContain('done');
    const confirmed = rows.find((r) => r.status === 'confirmed')!;
    expect((await resident.get(`/api/v1/needs/${confirmed.id}`)).json<Detail>()).toMatchObject({
      rating: 5,
      thanks: expect.stringContaining('谢谢') as unknown,
    });
    const urgent = await t.db.kysely
      .selectFrom('needs')
      .innerJoin('need_follow_ups', 'need_follow_ups.need_id', 'needs.id')
      .select(['needs.status', 'needs.urgency'])
      .executeTakeFirstOrThrow();
    expect(urgent).toEqual({ status: 'done', urgency: 'urgent' });
  });

  it('staff convene: helpers needed, a paired partner unit, published to the community', async () => {
    const need = await post();
    const url = `/api/v1/needs/${need.id}/convene`;
    const body = { helpersNeeded: 3, partnerUnitId: collegeId, publish: true, note: '请学院支援' };
    await refused(resident, url, body, need.id, 403, 'FORBIDDEN');
    await refused(leader, url, body, need.id, 403, 'FORBIDDEN');
    await refused(staffDongshan, url, body, need.id, 404, 'NOT_FOUND');
    await refused(residentYunjian, url, body, need.id, 404, 'NOT_FOUND');
    await refused(
      staff,
      url,
      { ...body, partnerUnitId: unpairedUnitId },
      need.id,
      422,
      'PARTNER_PLACE_NOT_PAIRED',
    );
    const d = await ok(staff, url, body);
    expect(d).toMatchObject({
      status: 'convened',
      audience: 'community',
      helpersNeeded: 3,
      partnerUnit: { id: collegeId, name: '台州职业技术学院' },
    });
    const r = await row(need.id);
    expect(r.convened_at).toBe(t.clock.now().toISOString());
    expect(Date.parse(r.updated_at)).toBe(t.clock.now().getTime());
    const ev = d.timeline.find((e) => e.kind === 'convened')!;
    expect(ev.params).toMatchObject({
      helpersNeeded: 3,
      partnerUnit: '台州职业技术学院',
      audience: 'community',
    });
    // The college's contact is now a responder: she sees it and may claim it.
    expect((await partner.get(`/api/v1/needs/${need.id}`)).json<Detail>().actions).toContain('claim');
    // Two helpers claim; it cannot then need fewer than two.
    await ok(volunteer, `/api/v1/needs/${need.id}/claim`);
    await ok(partner, `/api/v1/needs/${need.id}/claim`);
    await refused(staff, url, { helpersNeeded: 1 }, need.id, 422, 'NEED_HELPERS_TOO_FEW');
    const again = await ok(staff, url, { helpersNeeded: 2, publish: false });
    expect(again).toMatchObject({ status: 'claimed', helpersNeeded: 2, partnerUnit: { id: collegeId } });
    await refused(member, `/api/v1/needs/${need.id}/claim`, undefined, need.id, 409, 'NEED_FULL');
  });

  it('claim and unclaim: the first claim sets claimed_at; a withdrawn claim is made active again', async () => {
    const need = await post({ description: '水龙头漏水' });
    const claimUrl = `/api/v1/needs/${need.id}/claim`;
    // The resident herself and a community that does not see it may not claim.
    await refused(resident, claimUrl, undefined, need.id, 403, 'FORBIDDEN');
    await refused(staffDongshan, claimUrl, undefined, need.id, 404, 'NOT_FOUND');
    await refused(partner, claimUrl, undefined, need.id, 404, 'NOT_FOUND');
    // The street admin reads it (needs.read) but it has not reached her: 403.
    await refused(street, claimUrl, undefined, need.id, 403, 'FORBIDDEN');

    const claimed = await ok(leader, claimUrl);
    expect(claimed).toMatchObject({ status: 'claimed', helpersClaimed: 1 });
    expect(claimed.claims.map((c) => c.userId)).toEqual([uid('leader')]);
    const first = (await row(need.id)).claimed_at;
    expect(first).toBe(t.clock.now().toISOString());
    await refused(leader, claimUrl, undefined, need.id, 409, 'NEED_ALREADY_CLAIMED');
    await refused(groupleader, claimUrl, undefined, need.id, 409, 'NEED_FULL');
    await refused(groupleader, `/api/v1/needs/${need.id}/unclaim`, undefined, need.id, 403, 'FORBIDDEN');

    t.clock.advance(60);
    const back = await ok(leader, `/api/v1/needs/${need.id}/unclaim`);
    expect(back).toMatchObject({ status: 'posted', helpersClaimed: 0, claims: [] });
    expect(back.actions).toContain('claim');
    await refused(leader, `/api/v1/needs/${need.id}/unclaim`, undefined, need.id, 403, 'FORBIDDEN');

    t.clock.advance(60);
    const again = await ok(leader, claimUrl);
    expect(again.helpersClaimed).toBe(1);
    const rows = await t.db.kysely
      .selectFrom('need_claims')
      .selectAll()
      .where('need_id', '=', need.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: uid('leader'),
      withdrawn_at: null,
      claimed_at: t.clock.now().toISOString(),
    });
    expect((await row(need.id)).claimed_at).toBe(first);
    expect(await events(need.id)).toEqual(['posted', 'claimed', 'unclaimed', 'claimed']);
  });

  it('staff assign someone the need has reached; not someone it has not', async () => {
    const need = await post({ description: '电饭煲坏了' });
    const url = `/api/v1/needs/${need.id}/assign`;
    await refused(leader, url, { userId: uid('groupleader') }, need.id, 403, 'FORBIDDEN');
    await refused(staff, url, { userId: uid('resident.yunjian') }, need.id, 422, 'NEED_HELPER_INVALID');
    await refused(staff, url, { userId: uid('resident') }, need.id, 422, 'NEED_HELPER_INVALID');
    await refused(staff, url, { userId: newId() }, need.id, 422, 'NEED_HELPER_INVALID');
    const d = await ok(staff, url, { userId: uid('groupleader') });
    expect(d).toMatchObject({ status: 'claimed', helpersClaimed: 1 });
    expect(d.claims[0]).toMatchObject({ userId: uid('groupleader'), assigned: true });
    const claim = await t.db.kysely
      .selectFrom('need_claims')
      .selectAll()
      .where('need_id', '=', need.id)
      .executeTakeFirstOrThrow();
    expect(claim.assigned_by).toBe(uid('staff.xinjing'));
    expect(d.timeline.at(-1)).toMatchObject({ kind: 'assigned', params: { helper: '刘芳' } });
    await refused(staff, url, { userId: uid('groupleader') }, need.id, 409, 'NEED_ALREADY_CLAIMED');
    await refused(staff, url, { userId: uid('leader') }, need.id, 409, 'NEED_FULL');
    // The assigned helper was told.
    const told = await t.db.kysely
      .selectFrom('notifications')
      .select('kind')
      .where('need_id', '=', need.id)
      .where('user_id', '=', uid('groupleader'))
      .execute();
    expect(told.map((n) => n.kind)).toContain('need_assigned');
  });

  it('helpers log the service with their own photos; done; the resident confirms with a rating', async () => {
    const need = await post({ description: '冰箱、洗衣机都坏了', quantity: 5, quantityUnit: '台' });
    await ok(staff, `/api/v1/needs/${need.id}/convene`, { helpersNeeded: 2, publish: true });
    await ok(volunteer, `/api/v1/needs/${need.id}/claim`);
    await ok(member, `/api/v1/needs/${need.id}/claim`);
    const logUrl = `/api/v1/needs/${need.id}/logs`;
    const upload = async (c: Client) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/need-photos',
        headers: { cookie: c.cookie, 'content-type': 'image/png' },
        payload: PNG,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const mine = await upload(volunteer);
    const theirs = await upload(member);
    const log = { note: '修好冰箱', hours: 2, outsideHelpers: 3, itemsHandled: 2, photoIds: [mine] };
    await refused(leader, logUrl, log, need.id, 403, 'FORBIDDEN');
    await refused(resident, logUrl, log, need.id, 403, 'FORBIDDEN');
    await refused(
      volunteer,
      logUrl,
      { ...log, photoIds: [mine, theirs] },
      need.id,
      422,
      'NEED_PHOTO_UNKNOWN',
    );
    await refused(volunteer, logUrl, { ...log, hours: 25 }, need.id, 400, 'VALIDATION_FAILED');

    const d = await ok(volunteer, logUrl, log);
    expect(d.status).toBe('in_service');
    expect(d.logs).toHaveLength(1);
    expect(d.logs[0]).toMatchObject({
      userId: uid('volunteer'),
      hours: 2,
      outsideHelpers: 3,
      itemsHandled: 2,
    });
    expect(d.logs[0]!.photos.map((p) => p.id)).toEqual([mine]);
    // An attached photo cannot be attached again.
    await refused(volunteer, logUrl, { photoIds: [mine] }, need.id, 422, 'NEED_PHOTO_UNKNOWN');
    t.clock.advance(60);
    await ok(member, logUrl, { hours: 1.5, itemsHandled: 3, photoIds: [theirs] });
    await ok(staff, logUrl, { note: '社区回访' });
    const after = (await staff.get(`/api/v1/needs/${need.id}`)).json<Detail>();
    expect(after.totals).toEqual({ hours: 3.5, outsideHelpers: 3, itemsHandled: 5 });
    expect(after.claims.map((c) => [c.userId, c.hours])).toEqual([
      [uid('volunteer'), 2],
      [uid('member'), 1.5],
    ]);

    const doneUrl = `/api/v1/needs/${need.id}/done`;
    await refused(leader, doneUrl, {}, need.id, 403, 'FORBIDDEN');
    await refused(resident, doneUrl, {}, need.id, 403, 'FORBIDDEN');
    const done = await ok(member, doneUrl, { note: '全部修好' });
    expect(done.status).toBe('done');
    expect((await row(need.id)).done_at).toBe(t.clock.now().toISOString());
    await refused(member, doneUrl, {}, need.id, 409, 'NEED_WRONG_STATE');
    await refused(volunteer, logUrl, { note: '补充' }, need.id, 409, 'NEED_WRONG_STATE');
    await refused(volunteer, `/api/v1/needs/${need.id}/unclaim`, undefined, need.id, 409, 'NEED_WRONG_STATE');

    const confirmUrl = `/api/v1/needs/${need.id}/confirm`;
    const thanks = { rating: 5, thanks: '谢谢你们！' };
    await refused(volunteer, confirmUrl, thanks, need.id, 403, 'FORBIDDEN');
    await refused(residentYunjian, confirmUrl, thanks, need.id, 404, 'NOT_FOUND');
    await refused(resident, confirmUrl, { rating: 6 }, need.id, 400, 'VALIDATION_FAILED');
    const confirmed = await ok(resident, confirmUrl, thanks);
    expect(confirmed).toMatchObject({ status: 'confirmed', rating: 5, thanks: '谢谢你们！' });
    expect(confirmed.timeline.at(-1)).toMatchObject({ kind: 'confirmed', params: { rating: 5 } });
    await refused(resident, confirmUrl, thanks, need.id, 409, 'NEED_WRONG_STATE');
    await refused(
      resident,
      `/api/v1/needs/${need.id}/reopen`,
      { reason: '又坏了' },
      need.id,
      409,
      'NEED_WRONG_STATE',
    );
    await refused(resident, `/api/v1/needs/${need.id}/cancel`, {}, need.id, 409, 'NEED_WRONG_STATE');
    expect(await events(need.id)).toEqual([
      'posted',
      'convened',
      'claimed',
      'claimed',
      'logged',
      'logged',
      'logged',
      'done',
      'confirmed',
    ]);
  });

  it('the resident reopens a done need: back in service with the same helpers; staff may confirm on her word', async () => {
    const need = await post({ description: '热水器不出热水' });
    await ok(leader, `/api/v1/needs/${need.id}/claim`);
    await ok(leader, `/api/v1/needs/${need.id}/done`, {});
    const reopenUrl = `/api/v1/needs/${need.id}/reopen`;
    await refused(leader, reopenUrl, { reason: '没修好' }, need.id, 403, 'FORBIDDEN');
    await refused(resident, reopenUrl, {}, need.id, 400, 'VALIDATION_FAILED');
    const d = await ok(resident, reopenUrl, { reason: '用了一天又不热了' });
    expect(d).toMatchObject({ status: 'in_service', helpersClaimed: 1 });
    expect(d.claims.map((c) => c.userId)).toEqual([uid('leader')]);
    const r = await row(need.id);
    expect(r.reopen_count).toBe(1);
    expect(r.done_at).toBeNull();
    expect(d.timeline.at(-1)).toMatchObject({ kind: 'reopened', params: { reason: '用了一天又不热了' } });
    // The helper was told.
    const told = await t.db.kysely
      .selectFrom('notifications')
      .select('kind')
      .where('need_id', '=', need.id)
      .where('user_id', '=', uid('leader'))
      .execute();
    expect(told.map((n) => n.kind)).toContain('need_reopened');
    await ok(leader, `/api/v1/needs/${need.id}/done`, {});
    const confirmed = await ok(staff, `/api/v1/needs/${need.id}/confirm`, { rating: 4 });
    expect(confirmed).toMatchObject({ status: 'confirmed', rating: 4, thanks: null });
  });

  it('the system confirms a done need by itself (auto_confirmed), and leaves one that moved on alone', async () => {
    const need = await post({ description: '门锁坏了' });
    await ok(leader, `/api/v1/needs/${need.id}/claim`);
    await ok(leader, `/api/v1/needs/${need.id}/done`, {});
    const deps = t.app.deps;
    t.clock.advance(1);
    const changed = await t.db.kysely
      .transaction()
      .execute((trx) => confirmNeed(trx, deps, need.id, { by: 'system' }));
    expect(changed).toMatchObject({ status: 'confirmed', rating: null });
    const before = await snapshot(need.id);
    const again = await t.db.kysely
      .transaction()
      .execute((trx) => confirmNeed(trx, deps, need.id, { by: 'system' }));
    expect(again).toBeNull();
    expect(await snapshot(need.id)).toEqual(before);
    const last = await t.db.kysely
      .selectFrom('need_events')
      .select(['kind', 'actor_id'])
      .where('need_id', '=', need.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ kind: 'auto_confirmed', actor_id: null });
  });

  it('cancelling releases every claim; a cancelled need takes no more steps', async () => {
    const need = await post({ description: '空调不制冷' });
    await ok(staff, `/api/v1/needs/${need.id}/convene`, { helpersNeeded: 2 });
    await ok(volunteer, `/api/v1/needs/${need.id}/claim`);
    await ok(member, `/api/v1/needs/${need.id}/claim`);
    const url = `/api/v1/needs/${need.id}/cancel`;
    await refused(volunteer, url, {}, need.id, 403, 'FORBIDDEN');
    await refused(staffDongshan, url, {}, need.id, 404, 'NOT_FOUND');
    const d = await ok(resident, url, { reason: '已经自己买了新的' });
    expect(d).toMatchObject({ status: 'cancelled', helpersClaimed: 0, claims: [] });
    expect(await activeClaims(need.id)).toBe(0);
    expect((await row(need.id)).cancelled_at).toBe(t.clock.now().toISOString());
    await refused(leader, `/api/v1/needs/${need.id}/claim`, undefined, need.id, 409, 'NEED_WRONG_STATE');
    await refused(resident, url, {}, need.id, 409, 'NEED_WRONG_STATE');
    await refused(
      staff,
      `/api/v1/needs/${need.id}/convene`,
      { helpersNeeded: 3 },
      need.id,
      409,
      'NEED_WRONG_STATE',
    );
    const told = await t.db.kysely
      .selectFrom('notifications')
      .select('user_id')
      .where('need_id', '=', need.id)
      .where('kind', '=', 'need_cancelled')
      .execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([uid('volunteer'), uid('member')].sort());
  });

  it('follow-ups: a leader names someone the need reached; she sees it in her list and marks it done', async () => {
    const need = await post({
      category: 'health',
      description: '孩子发烧39度，家里没有退烧药',
      urgency: 'urgent',
    });
    await ok(groupleader, `/api/v1/needs/${need.id}/claim`);
    const url = `/api/v1/needs/${need.id}/follow-ups`;
    const due = new Date(t.clock.now().getTime() + 20 * 3600_000).toISOString();
    const body = { assigneeId: uid('groupleader'), dueAt: due, note: '明天问问孩子退烧了没有' };
    await refused(resident, url, body, need.id, 403, 'FORBIDDEN');
    await refused(member, url, { ...body, assigneeId: uid('leader') }, need.id, 403, 'FORBIDDEN');
    await refused(staffDongshan, url, body, need.id, 404, 'NOT_FOUND');
    await refused(
      leader,
      url,
      { ...body, assigneeId: uid('resident.yunjian') },
      need.id,
      422,
      'NEED_HELPER_INVALID',
    );
    await refused(leader, url, { ...body, dueAt: 'tomorrow' }, need.id, 400, 'VALIDATION_FAILED');

    const d = await ok(leader, url, body);
    expect(d.followUps).toHaveLength(1);
    expect(d.followUps[0]).toMatchObject({
      assignee: { id: uid('groupleader'), name: '刘芳' },
      dueAt: due,
      doneAt: null,
    });
    expect(d.timeline.at(-1)).toMatchObject({
      kind: 'follow_up_scheduled',
      params: { assignee: '刘芳', dueAt: due },
    });
    const earlier = new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString();
    await ok(staff, url, { assigneeId: uid('groupleader'), dueAt: earlier, note: '今晚再量一次体温' });

    const list = (await groupleader.get('/api/v1/me/follow-ups')).json<z.infer<typeof FollowUpList>>();
    const mineHere = list.items.filter((f) => f.needId === need.id);
    expect(mineHere.map((f) => f.dueAt)).toEqual([earlier, due]);
    expect(mineHere[0]!.need).toMatchObject({ id: need.id, category: 'health', urgency: 'urgent' });
    expect((await leader.get('/api/v1/me/follow-ups')).json<z.infer<typeof FollowUpList>>().items).toEqual(
      [],
    );
    // The assignee was told at once.
    const told = await t.db.kysely
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', uid('groupleader'))
      .where('need_id', '=', need.id)
      .execute();
    expect(told.map((n) => n.kind)).toContain('follow_up_scheduled');

    const followUpId = mineHere[0]!.id;
    const doneUrl = `/api/v1/follow-ups/${followUpId}/done`;
    await refused(leader, doneUrl, { outcome: 'x' }, need.id, 403, 'FORBIDDEN');
    await refused(staffDongshan, doneUrl, { outcome: 'x' }, need.id, 404, 'NOT_FOUND');
    expect((await groupleader.post(`/api/v1/follow-ups/${newId()}/done`, {})).statusCode).toBe(404);
    t.clock.advance(3600);
    const after = await ok(groupleader, doneUrl, { outcome: '体温37.5度，精神好多了' });
    const f = after.followUps.find((x) => x.id === followUpId)!;
    expect(f).toMatchObject({ doneAt: t.clock.now().toISOString(), outcome: '体温37.5度，精神好多了' });
    expect(after.timeline.at(-1)).toMatchObject({ kind: 'follow_up_done' });
    expect(Date.parse((await row(need.id)).updated_at)).toBe(t.clock.now().getTime());
    await refused(groupleader, doneUrl, {}, need.id, 409, 'NEED_WRONG_STATE');
    const left = (await groupleader.get('/api/v1/me/follow-ups')).json<z.infer<typeof FollowUpList>>();
    expect(left.items.filter((x) => x.needId === need.id).map((x) => x.dueAt)).toEqual([due]);
  });

  it('staff see who could be assigned: the people the need reached, not its helpers or its resident', async () => {
    const need = await post({ description: '电视机没有信号' });
    const url = `/api/v1/needs/${need.id}/helper-candidates`;
    expect((await leader.get(url)).statusCode).toBe(403);
    expect((await staffDongshan.get(url)).statusCode).toBe(404);
    const people = async () =>
      (await staff.get(url)).json<z.infer<typeof NeedHelperCandidates>>().items.map((p) => p.userId);
    const atBuilding = await people();
    expect(atBuilding).toEqual(expect.arrayContaining([uid('leader'), uid('groupleader'), uid('member')]));
    expect(atBuilding).not.toContain(uid('resident'));
    expect(atBuilding).not.toContain(uid('partner'));
    await ok(leader, `/api/v1/needs/${need.id}/claim`);
    await ok(staff, `/api/v1/needs/${need.id}/convene`, { helpersNeeded: 3, partnerUnitId: collegeId });
    const wider = await people();
    expect(wider).toEqual(expect.arrayContaining([uid('groupleader'), uid('volunteer'), uid('partner')]));
    expect(wider).not.toContain(uid('leader'));
    const items = (await staff.get(url)).json<z.infer<typeof NeedHelperCandidates>>().items;
    expect(items.find((p) => p.userId === uid('volunteer'))).toMatchObject({
      name: '赵磊',
      roles: ['volunteer'],
    });
  });

  it('claims racing for the last place: exactly one wins, and the counter equals the active claims', async () => {
    const need = await post({ description: '帮忙修理自行车' });
    await ok(staff, `/api/v1/needs/${need.id}/convene`, { helpersNeeded: 2, partnerUnitId: collegeId });
    await ok(leader, `/api/v1/needs/${need.id}/claim`);
    const extra = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const g = await buildGrant(t.db, { role: 'volunteer', place: yijing });
        return logIn(t.app, g.user.username!, g.user.password);
      }),
    );
    const racers = [groupleader, volunteer, member, partner, staff, ...extra];
    const results = await Promise.all(racers.map((c) => c.post(`/api/v1/needs/${need.id}/claim`)));
    const codes = results.map((r) => (r.statusCode === 200 ? 'ok' : errorOf(r).code));
    expect(codes.length, codes.join()).toBe(racers.length);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'ok')).toEqual(racers.slice(1).map(() => 'NEED_FULL'));
    const r = await row(need.id);
    expect(r.helpers_claimed).toBe(2);
    expect(await activeClaims(need.id)).toBe(2);
    expect((await events(need.id)).filter((k) => k === 'claimed')).toHaveLength(2);
  });

  it('two claims racing for the last place of a fresh need, many times over, never both win', async () => {
    for (let round = 0; round < 5; round++) {
      const need = await post({ description: `第${round + 1}次试` });
      const results = await Promise.all(
        [leader, groupleader, member].map((c) => c.post(`/api/v1/needs/${need.id}/claim`)),
      );
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
      const r = await row(need.id);
      expect([r.status, r.helpers_claimed]).toEqual(['claimed', 1]);
      expect(await activeClaims(need.id)).toBe(1);
    }
  });
});
