import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  MemberReport,
  PlaceStats,
  Post,
  PostClaim,
  ServiceRecord,
  SmallMatter,
  WhistleDetail,
} from '../../../domain/contracts/members.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { runDueJobs } from '../../lib/jobs.js';
import { buildUser } from '../../test/factories.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';
import { JOB_HANDLERS } from '../notifications/notifications.jobs.js';
import { CONFIRM_DUE_JOB, memberJobHandlers } from './members.service.js';

// Whistle and report (C2) end to end through the API, on the demo district: a member reports in, is
// approved, claims a post, answers a whistle, checks in, records a small matter that staff verify —
// and the headline counts move; isolation; files; and every refused request changes nothing.

const COUNTED = [
  'litHouseholds',
  'smallMattersSolved',
  'needsSolved',
  'membersReportedIn',
  'postsFilled',
  'whistlesAnswered',
] as const;

describe('whistle and report (C2)', () => {
  let t: TestApp;
  let staff: Client;
  let staffDongshan: Client;
  let district: Client;
  let resident: Client;
  let residentYunjian: Client;
  let newbie: Client;
  let newbieId: string;
  let newbieLogin: [string, string];
  let xinjing: PlaceRow;
  let dongshan: PlaceRow;
  let xueyuan: PlaceRow;
  let jiaojiang: PlaceRow;
  let yijing: PlaceRow;
  let reportId: string;
  let claimId: string;
  let whistleId: string;
  let matterId: string;
  /** Whether she won the race for the last place on a post (she held it, then left). */
  let wonRace: boolean;

  const stats = async (c: Client, place: PlaceRow) => {
    const res = await c.get(`/api/v1/places/${place.id}/stats`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PlaceStats>();
  };

  /** Rows of every table this feature writes: a refused request must leave them as they were. */
  const snapshot = async () => {
    const tables = [
      'member_reports',
      'posts',
      'post_claims',
      'post_service_logs',
      'whistles',
      'whistle_calls',
      'small_matters',
      'small_matter_photos',
      'grants',
      'people',
      'party_members',
      'notifications',
      'audit_log',
    ] as const;
    const out: Record<string, unknown> = {};
    for (const table of tables) out[table] = await t.db.kysely.selectFrom(table).selectAll().execute();
    return JSON.stringify(out, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.length : v));
  };

  const uploadPhoto = async (userId: string) => {
    const id = newId();
    const data = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
    await t.db.kysely
      .insertInto('need_photos')
      .values({
        id,
        need_id: null,
        log_id: null,
        community_id: null,
        uploaded_by: userId,
        content_type: 'image/png',
        size: data.length,
        data,
        created_at: t.clock.now().toISOString(),
      })
      .execute();
    return id;
  };

  beforeAll(async () => {
    t = await startApp({ demo: true });
    staff = await logIn(t.app, 'staff.xinjing');
    staffDongshan = await logIn(t.app, 'staff.dongshan');
    district = await logIn(t.app, 'district');
    resident = await logIn(t.app, 'resident');
    residentYunjian = await logIn(t.app, 'resident.yunjian');
    const u = await buildUser(t.db, { displayName: '郑在职' });
    newbieId = u.id;
    newbieLogin = [u.username!, u.password];
    newbie = await logIn(t.app, ...newbieLogin);
    xinjing = await placeByNames(t.db, '新景社区');
    dongshan = await placeByNames(t.db, '东山社区');
    xueyuan = await placeByNames(t.db, '学院社区');
    jiaojiang = await placeByNames(t.db, '椒江区');
    yijing = await placeByNames(t.db, '新景社区', '颐景名苑');
  }, 60_000);
  afterAll(async () => t?.close());

  it('the demo has reported-in members, posts with holders, a whistle with arrivals and the Xuecheng green strip on the wall', async () => {
    const s = await stats(staff, xinjing);
    expect(s.membersReportedIn).toBeGreaterThanOrEqual(2);
    expect(s.postsFilled).toBeGreaterThanOrEqual(2);
    expect(s.whistlesAnswered).toBe(2);
    expect(s.medianMinutesToArrive).toBe(24.5);
    const pending = await staff.get(`/api/v1/places/${xinjing.id}/member-reports?status=pending`);
    expect(pending.json<{ items: MemberReport[] }>().items.length).toBeGreaterThanOrEqual(1);
    const xy = await logIn(t.app, 'resident.xueyuan');
    const wall = await xy.get(`/api/v1/places/${xueyuan.id}/small-matters/wall`);
    expect(wall.statusCode).toBe(200);
    const strip = wall.json<{ items: { title: string; placeLabel: string; photos: { url: string }[] }[] }>()
      .items[0]!;
    expect(strip.title).toContain('绿化带');
    expect(strip.placeLabel).toBe('学成小区 3幢');
    const photo = await xy.get(strip.photos[0]!.url);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
  });

  it('a member reports in and staff approve: she becomes a party member of the community', async () => {
    const before = await stats(staff, xinjing);
    const res = await newbie.post('/api/v1/member-reports', {
      communityId: xinjing.id,
      workUnit: '椒江区财政局',
      workUnitPartyOrg: '椒江区财政局机关党委',
      skills: ['会计', '政策宣讲'],
      availability: '周末',
    });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json<MemberReport>();
    reportId = report.id;
    expect(report).toMatchObject({
      status: 'pending',
      actions: ['edit', 'withdraw'],
      workUnit: '椒江区财政局',
    });

    const again = await newbie.post('/api/v1/member-reports', { communityId: xinjing.id, workUnit: 'x' });
    expect(errorOf(again).code).toBe('MEMBER_REPORT_EXISTS');
    // Another community's staff do not see it; she cannot approve her own.
    expect((await staffDongshan.post(`/api/v1/member-reports/${reportId}/approve`)).statusCode).toBe(404);
    expect((await staffDongshan.get(`/api/v1/member-reports/${reportId}`)).statusCode).toBe(404);
    expect((await newbie.post(`/api/v1/member-reports/${reportId}/approve`)).statusCode).toBe(404);

    const approved = await staff.post(`/api/v1/member-reports/${reportId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<MemberReport>()).toMatchObject({ status: 'approved', confirmDue: false });
    expect(approved.json<MemberReport>().confirmDueAt!.slice(0, 7)).toBe('2027-05');
    const me = (await newbie.get('/api/v1/me')).json<{ roles: { role: string; placeId: string }[] }>();
    expect(me.roles).toContainEqual(expect.objectContaining({ role: 'party_member', placeId: xinjing.id }));
    const person = await t.db.kysely
      .selectFrom('people')
      .innerJoin('party_members', 'party_members.person_id', 'people.id')
      .select(['party_members.kind', 'party_members.work_unit'])
      .where('people.user_id', '=', newbieId)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ kind: 'in_service', work_unit: '椒江区财政局' });
    expect((await stats(staff, xinjing)).membersReportedIn).toBe(before.membersReportedIn + 1);
    // Approving twice is a conflict, not a second membership.
    expect(errorOf(await staff.post(`/api/v1/member-reports/${reportId}/approve`)).code).toBe(
      'MEMBER_REPORT_WRONG_STATE',
    );
  });

  it('she claims a post, staff approve, she logs hours; capacity holds under a race', async () => {
    const before = await stats(staff, xinjing);
    const posts = (await newbie.get(`/api/v1/places/${xinjing.id}/posts`)).json<{ items: Post[] }>().items;
    expect(posts).toHaveLength(10);
    const patrol = posts.find((p) => p.code === 'safety_patrol')!;
    const claim = await newbie.post(`/api/v1/posts/${patrol.id}/claims`, { note: '晚上可以巡逻' });
    expect(claim.statusCode, claim.body).toBe(201);
    claimId = claim.json<PostClaim>().id;
    expect(errorOf(await newbie.post(`/api/v1/posts/${patrol.id}/claims`, {})).code).toBe(
      'POST_ALREADY_CLAIMED',
    );
    // A resident who is not a party member cannot claim.
    expect(errorOf(await resident.post(`/api/v1/posts/${patrol.id}/claims`, {})).code).toBe(
      'MEMBER_NOT_IN_COMMUNITY',
    );
    const ok = await staff.post(`/api/v1/post-claims/${claimId}/approve`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await stats(staff, xinjing)).postsFilled).toBe(before.postsFilled + 1);
    const log = await newbie.post(`/api/v1/post-claims/${claimId}/logs`, { hours: 2.5, note: '夜间巡逻' });
    expect(log.statusCode, log.body).toBe(201);

    // A post with one place left and two claims approved at once: exactly one gets it.
    const culture = posts.find((p) => p.code === 'culture_sport')!;
    const member = await logIn(t.app, 'member');
    const c1 = (await newbie.post(`/api/v1/posts/${culture.id}/claims`, {})).json<PostClaim>();
    const c2 = (await member.post(`/api/v1/posts/${culture.id}/claims`, {})).json<PostClaim>();
    expect((await staff.patch(`/api/v1/posts/${culture.id}`, { capacity: 1 })).statusCode).toBe(200);
    const results = await Promise.all([
      staff.post(`/api/v1/post-claims/${c1.id}/approve`),
      staff.post(`/api/v1/post-claims/${c2.id}/approve`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(errorOf(results.find((r) => r.statusCode === 409)!).code).toBe('POST_FULL');
    const after = (await staff.get(`/api/v1/places/${xinjing.id}/posts`)).json<{ items: Post[] }>().items;
    expect(after.find((p) => p.id === culture.id)).toMatchObject({
      holders: 1,
      capacity: 1,
      pendingClaims: 1,
    });
    expect(errorOf(await staff.patch(`/api/v1/posts/${culture.id}`, { capacity: 0 })).code).toBe(
      'VALIDATION_FAILED',
    );
    // Leaving frees the place.
    const winner = results.findIndex((r) => r.statusCode === 200) === 0 ? c1 : c2;
    wonRace = winner === c1;
    const left = await (winner === c1 ? newbie : member).post(`/api/v1/post-claims/${winner.id}/leave`);
    expect(left.json<PostClaim>().status).toBe('left');
    expect(
      (await staff.get(`/api/v1/places/${xinjing.id}/posts`))
        .json<{ items: Post[] }>()
        .items.find((p) => p.id === culture.id)!.holders,
    ).toBe(0);
  });

  it('staff blow a whistle; she answers, checks in and reports done; the board shows it', async () => {
    const before = await stats(staff, xinjing);
    const options = (await staff.get(`/api/v1/places/${xinjing.id}/whistle-audiences`)).json<{
      reportedMembers: number;
      partnerUnits: { id: string }[];
    }>();
    expect(options.reportedMembers).toBeGreaterThanOrEqual(3);
    expect(options.partnerUnits.length).toBeGreaterThanOrEqual(1);
    const now = t.clock.now().getTime();
    const blown = await staff.post(`/api/v1/places/${xinjing.id}/whistles`, {
      title: '颐景名苑积水清理',
      placeId: yijing.id,
      happensAt: new Date(now).toISOString(),
      peopleNeeded: 4,
      skills: ['搬运'],
      arriveBy: new Date(now + 30 * 60_000).toISOString(),
      audience: { reportedMembers: true, partnerUnitIds: [options.partnerUnits[0]!.id] },
    });
    expect(blown.statusCode, blown.body).toBe(201);
    const w = blown.json<WhistleDetail>();
    whistleId = w.id;
    expect(w.calls.some((c) => c.person.id === newbieId && c.via === 'reported_member')).toBe(true);
    expect(w.calls.some((c) => c.via === 'partner_unit')).toBe(true);
    const inbox = await t.db.kysely
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', newbieId)
      .where('kind', '=', 'whistle_blown')
      .execute();
    expect(inbox).toHaveLength(1);

    // Outside the audience: 404. Checking in before answering: a conflict.
    expect((await resident.get(`/api/v1/whistles/${whistleId}`)).statusCode).toBe(404);
    expect(errorOf(await newbie.post(`/api/v1/whistles/${whistleId}/check-in`)).code).toBe(
      'WHISTLE_WRONG_STATE',
    );
    const answered = await newbie.post(`/api/v1/whistles/${whistleId}/answer`, { answer: 'coming' });
    expect(answered.statusCode, answered.body).toBe(200);
    // A called person sees only her own row; staff see the board.
    expect(answered.json<WhistleDetail>().calls).toHaveLength(1);
    t.clock.advance(12 * 60);
    const arrived = (await newbie.post(`/api/v1/whistles/${whistleId}/check-in`)).json<WhistleDetail>();
    expect(arrived.calls[0]).toMatchObject({ minutesToArrive: 12, late: false });
    expect(arrived.actions).toEqual(['done']);
    expect((await newbie.post(`/api/v1/whistles/${whistleId}/done`, { note: '已清理' })).statusCode).toBe(
      200,
    );
    const board = (await staff.get(`/api/v1/whistles/${whistleId}`)).json<WhistleDetail>();
    expect(board.counts).toMatchObject({ coming: 1, arrived: 1, done: 1 });
    expect(board.medianMinutesToArrive).toBe(12);
    expect(board.calls.length).toBe(board.counts.called);
    const after = await stats(staff, xinjing);
    expect(after.whistlesAnswered).toBe(before.whistlesAnswered + 1);
    // Arrivals were 18 and 31 minutes in the demo, now 12: the median is 18.
    expect(after.medianMinutesToArrive).toBe(18);
    const mine = (await newbie.get('/api/v1/me/whistles')).json<{
      items: { id: string; myCall: unknown }[];
    }>();
    expect(mine.items[0]).toMatchObject({ id: whistleId, myCall: { answer: 'coming' } });

    expect((await staff.post(`/api/v1/whistles/${whistleId}/close`, { note: '完成' })).statusCode).toBe(200);
    expect(
      errorOf(await newbie.post(`/api/v1/whistles/${whistleId}/answer`, { answer: 'cannot' })).code,
    ).toBe('WHISTLE_CLOSED');
  });

  it('she records a small matter with photos; staff verify; she shows it on the wall', async () => {
    const before = await stats(staff, xinjing);
    const b = await uploadPhoto(newbieId);
    const a = await uploadPhoto(newbieId);
    const res = await newbie.post('/api/v1/small-matters', {
      placeId: yijing.id,
      title: '修好了健身器材',
      description: '小区健身区的单杠松动，买了螺丝加固。',
      occurredOn: t.clock.now().toISOString().slice(0, 10),
      beforePhotoIds: [b],
      afterPhotoIds: [a],
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json<SmallMatter>();
    matterId = m.id;
    expect(m).toMatchObject({ status: 'pending', placeLabel: '颐景名苑', actions: ['edit', 'withdraw'] });
    expect(m.photos.map((p) => p.stage)).toEqual(['before', 'after']);
    // A photo is used once.
    const reuse = await newbie.post('/api/v1/small-matters', {
      placeId: yijing.id,
      title: 'x',
      occurredOn: '2026-11-01',
      beforePhotoIds: [b],
    });
    expect(errorOf(reuse).code).toBe('NEED_PHOTO_UNKNOWN');
    // Not on the wall yet: the community's residents cannot open its photos.
    expect((await resident.get(m.photos[0]!.url)).statusCode).toBe(404);
    expect(errorOf(await newbie.post(`/api/v1/small-matters/${matterId}/wall`, { show: true })).code).toBe(
      'SMALL_MATTER_WRONG_STATE',
    );
    expect((await staffDongshan.post(`/api/v1/small-matters/${matterId}/verify`)).statusCode).toBe(404);
    const verified = await staff.post(`/api/v1/small-matters/${matterId}/verify`);
    expect(verified.statusCode, verified.body).toBe(200);
    expect((await stats(staff, xinjing)).smallMattersSolved).toBe(before.smallMattersSolved + 1);
    expect(
      (await newbie.post(`/api/v1/small-matters/${matterId}/wall`, { show: true })).json<SmallMatter>()
        .onWall,
    ).toBe(true);
    const wall = (await resident.get(`/api/v1/places/${yijing.id}/small-matters/wall`)).json<{
      items: { id: string }[];
    }>();
    expect(wall.items.map((i) => i.id)).toContain(matterId);
    expect((await resident.get(m.photos[1]!.url)).statusCode).toBe(200);
    // Another community's resident: 404.
    expect((await residentYunjian.get(`/api/v1/places/${xinjing.id}/small-matters/wall`)).statusCode).toBe(
      404,
    );
    expect((await residentYunjian.get(m.photos[1]!.url)).statusCode).toBe(404);
  });

  it('a district’s counts are the sum of its communities’; residents read their community’s only', async () => {
    const d = await stats(district, jiaojiang);
    const parts = await Promise.all([xinjing, dongshan, xueyuan].map((c) => stats(district, c)));
    for (const k of COUNTED) expect(d[k], k).toBe(parts.reduce((s, p) => s + p[k], 0));
    expect(d.smallMattersSolved).toBeGreaterThanOrEqual(3);
    const own = await resident.get(`/api/v1/places/${xinjing.id}/stats`);
    expect(own.statusCode).toBe(200);
    expect(own.json<PlaceStats>()).toEqual(await stats(staff, xinjing));
    expect((await resident.get(`/api/v1/places/${dongshan.id}/stats`)).statusCode).toBe(404);
    expect((await resident.get(`/api/v1/places/${jiaojiang.id}/stats`)).statusCode).toBe(404);
    expect((await staffDongshan.get(`/api/v1/places/${xinjing.id}/stats`)).statusCode).toBe(404);
  });

  it('her service record, as JSON, Excel and PDF; staff see it; the work-unit summary', async () => {
    const rec = (await newbie.get('/api/v1/me/service-record')).json<ServiceRecord>();
    expect(rec.totals).toMatchObject({
      hours: 2.5,
      postHours: 2.5,
      postsHeld: wonRace ? 2 : 1,
      whistlesAnswered: 1,
      whistlesArrived: 1,
      smallMatters: 1,
      smallMattersVerified: 1,
    });
    expect(rec.report).toMatchObject({ workUnit: '椒江区财政局', status: 'approved' });
    const staffView = await staff.get(`/api/v1/places/${xinjing.id}/members/${newbieId}/service-record`);
    expect(staffView.json<ServiceRecord>().totals).toEqual(rec.totals);
    expect(
      (await staffDongshan.get(`/api/v1/places/${xinjing.id}/members/${newbieId}/service-record`)).statusCode,
    ).toBe(404);
    expect(
      (await staffDongshan.get(`/api/v1/places/${dongshan.id}/members/${newbieId}/service-record`))
        .statusCode,
    ).toBe(404);

    const xlsx = await newbie.get('/api/v1/me/service-record.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '党员服务记录',
      '认领需求',
      '岗位',
      '吹哨响应',
      '身边小事',
    ]);
    expect(wb.worksheets[0]!.getCell('B1').value).toBe('郑在职');
    const pdf = await staff.get(
      `/api/v1/places/${xinjing.id}/members/${newbieId}/service-record.pdf?lang=en`,
    );
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/\/Type \/Page\b/);

    const summary = (await staff.get(`/api/v1/places/${xinjing.id}/work-unit-summary`)).json<{
      items: { workUnit: string; members: number; hours: number }[];
    }>();
    expect(summary.items).toContainEqual(
      expect.objectContaining({ workUnit: '椒江区财政局', members: 1, hours: 2.5 }),
    );
    const sx = await staff.get(
      `/api/v1/places/${xinjing.id}/work-unit-summary.xlsx?workUnit=${encodeURIComponent('椒江区财政局')}`,
    );
    const swb = new ExcelJS.Workbook();
    await swb.xlsx.load(sx.rawPayload as unknown as ArrayBuffer);
    expect(swb.worksheets[0]!.getRow(5).getCell(1).value).toBe('椒江区财政局');
  });

  it('every refused request changes nothing', async () => {
    const before = await snapshot();
    const bad = await Promise.all([
      staff.post(`/api/v1/member-reports/${reportId}/approve`),
      staff.post(`/api/v1/member-reports/${reportId}/return`, { reason: '' }),
      staffDongshan.post(`/api/v1/member-reports/${reportId}/return`, { reason: 'x' }),
      newbie.post('/api/v1/member-reports', { communityId: yijing.id, workUnit: 'x' }),
      newbie.post('/api/v1/member-reports', { communityId: xinjing.id, workUnit: 'x' }),
      staff.post(`/api/v1/post-claims/${claimId}/approve`),
      resident.post(`/api/v1/post-claims/${claimId}/leave`),
      newbie.post(`/api/v1/post-claims/${claimId}/logs`, { hours: 30 }),
      newbie.post(`/api/v1/whistles/${whistleId}/check-in`),
      staff.post(`/api/v1/whistles/${whistleId}/close`, {}),
      staff.post(`/api/v1/places/${xinjing.id}/whistles`, {
        title: 'x',
        placeId: yijing.id,
        happensAt: t.clock.now().toISOString(),
        peopleNeeded: 1,
        arriveBy: '2020-01-01T00:00:00Z',
        audience: { reportedMembers: true },
      }),
      staff.post(`/api/v1/places/${xinjing.id}/whistles`, {
        title: 'x',
        placeId: (await placeByNames(t.db, '东山社区', '云间小区')).id,
        happensAt: t.clock.now().toISOString(),
        peopleNeeded: 1,
        arriveBy: '2030-01-01T00:00:00Z',
        audience: { reportedMembers: true },
      }),
      staff.post(`/api/v1/places/${xinjing.id}/whistles`, {
        title: 'x',
        placeId: yijing.id,
        happensAt: t.clock.now().toISOString(),
        peopleNeeded: 1,
        arriveBy: '2030-01-01T00:00:00Z',
        audience: { reportedMembers: false },
      }),
      staff.post(`/api/v1/small-matters/${matterId}/verify`),
      resident.post('/api/v1/small-matters', { placeId: yijing.id, title: 'x', occurredOn: '2026-11-01' }),
      newbie.post('/api/v1/small-matters', { placeId: yijing.id, title: 'x', occurredOn: '2099-01-01' }),
      newbie.post('/api/v1/small-matters', { placeId: dongshan.id, title: 'x', occurredOn: '2026-11-01' }),
      newbie.patch(`/api/v1/small-matters/${matterId}`, { title: 'y' }),
      resident.get(`/api/v1/places/${xinjing.id}/member-reports`),
      staff.patch(`/api/v1/posts/${claimId}`, { capacity: 3 }),
    ]);
    for (const r of bad) expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
    for (const r of bad) expect(r.statusCode, r.body).toBeLessThan(500);
    expect(await snapshot()).toBe(before);
  });

  it('she is asked to confirm again after six months; withdrawing ends the membership', async () => {
    t.clock.advance(200 * 86_400);
    // The worker every instance runs knows this job.
    expect(JOB_HANDLERS[CONFIRM_DUE_JOB]).toBe(memberJobHandlers[CONFIRM_DUE_JOB]);
    await runDueJobs(t.app.deps, 'test', memberJobHandlers);
    // Sessions end after 30 days: log in again.
    staff = await logIn(t.app, 'staff.xinjing');
    staffDongshan = await logIn(t.app, 'staff.dongshan');
    newbie = await logIn(t.app, ...newbieLogin);
    const asked = await t.db.kysely
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', newbieId)
      .where('kind', '=', 'member_confirm_due')
      .execute();
    expect(asked).toHaveLength(1);
    const due = await staff.get(`/api/v1/places/${xinjing.id}/member-reports?due=true`);
    expect(due.json<{ items: MemberReport[] }>().items.map((r) => r.id)).toContain(reportId);
    const confirmed = (await newbie.post(`/api/v1/member-reports/${reportId}/confirm`)).json<MemberReport>();
    expect(confirmed.confirmDue).toBe(false);

    const before = await stats(staff, xinjing);
    const w = await newbie.post(`/api/v1/member-reports/${reportId}/withdraw`);
    expect(w.json<MemberReport>().status).toBe('withdrawn');
    const after = await stats(staff, xinjing);
    expect(after.membersReportedIn).toBe(before.membersReportedIn - 1);
    // Her post ends with her report-in.
    expect(after.postsFilled).toBe(before.postsFilled - 1);
    expect(
      (await newbie.get('/api/v1/me/post-claims'))
        .json<{ items: PostClaim[] }>()
        .items.every((c) => c.status !== 'approved' && c.status !== 'pending'),
    ).toBe(true);
    const me = (await newbie.get('/api/v1/me')).json<{ roles: { role: string }[] }>();
    expect(me.roles.some((r) => r.role === 'party_member')).toBe(false);
  });

  it('moving to another community: the old report ends when the new one is approved', async () => {
    const member = await logIn(t.app, 'member');
    const mine = (await member.get('/api/v1/me/member-reports')).json<{ items: MemberReport[] }>().items;
    const current = mine.find((r) => r.status === 'approved')!;
    const moved = await member.post(`/api/v1/member-reports/${current.id}/move`, {
      communityId: dongshan.id,
      workUnit: '椒江区人民医院',
    });
    expect(moved.statusCode, moved.body).toBe(201);
    const next = moved.json<MemberReport>();
    expect(next).toMatchObject({ status: 'pending', previousReportId: current.id });
    expect((await staffDongshan.post(`/api/v1/member-reports/${next.id}/approve`)).statusCode).toBe(200);
    expect((await member.get(`/api/v1/member-reports/${current.id}`)).json<MemberReport>().status).toBe(
      'ended',
    );
    const grants = await t.db.kysely
      .selectFrom('grants')
      .select('place_id')
      .where('user_id', '=', current.member.id)
      .where('role', '=', 'party_member')
      .execute();
    expect(grants.map((g) => g.place_id)).toContain(dongshan.id);
    expect(grants.map((g) => g.place_id)).not.toContain(xinjing.id);
  });
});
