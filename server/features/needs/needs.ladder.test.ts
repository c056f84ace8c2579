import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import type { Db } from '../../db/index.js';
import { pendingJobsOf } from '../../lib/jobs.js';
import { seedDemo } from '../../seed/demo.js';
import {
  type Client,
  dialect,
  freshDb,
  logIn,
  startApp,
  type TestApp,
  TestClock,
  testConfig,
} from '../../test/harness.js';
import { homeOf, notificationsOf, runJobs, userIdOf } from '../notifications/notifications.fixtures.js';
import { AUTO_CONFIRM_JOB, ESCALATE_JOB, FOLLOW_UP_JOB } from './needs.ladder.js';

const MIN = 60;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

async function post(db: Db, resident: Client, urgency: 'normal' | 'urgent'): Promise<string> {
  const home = await homeOf(db, 'resident');
  const res = await resident.post('/api/v1/needs', {
    placeId: home.id,
    category: 'health',
    description: urgency === 'urgent' ? '孩子高烧39度，家里没有退烧药' : '楼道灯坏了',
    urgency,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function needRow(db: Db, id: string) {
  return db.kysely
    .selectFrom('needs')
    .select(['status', 'audience', 'escalation_level', 'escalated_at', 'confirmed_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function eventsOf(db: Db, id: string, kind: string) {
  const rows = await db.kysely
    .selectFrom('need_events')
    .select(['kind', 'params', 'at', 'actor_id'])
    .where('need_id', '=', id)
    .where('kind', '=', kind)
    .execute();
  return rows.map((r) => ({ ...r, params: r.params ? (JSON.parse(r.params) as unknown) : null }));
}

async function escalatedTo(db: Db, username: string, needId: string) {
  const rows = await notificationsOf(db, await userIdOf(db, username), 'need_escalated');
  return rows.filter((r) => r.need_id === needId).length;
}

describe('the ladder, auto-confirmation and follow-up reminders', () => {
  let t: TestApp;
  // The clock runs days ahead and sessions end after a day idle: log in again when it moved far.
  const sessions = new Map<string, { client: Client; at: number }>();
  const as = async (login: string): Promise<Client> => {
    const s = sessions.get(login);
    if (s && t.clock.now().getTime() - s.at < 12 * HOUR * 1000) return s.client;
    const client = await logIn(t.app, login);
    sessions.set(login, { client, at: t.clock.now().getTime() });
    return client;
  };
  const client = (login: string): Client => ({
    cookie: '',
    get: async (url) => (await as(login)).get(url),
    post: async (url, body) => (await as(login)).post(url, body),
    patch: async (url, body) => (await as(login)).patch(url, body),
    delete: async (url) => (await as(login)).delete(url),
  });
  const resident = client('resident');
  const leader = client('leader');
  const staff = client('staff.xinjing');

  beforeAll(async () => {
    t = await startApp({ demo: true });
  });
  afterAll(() => t.close());

  it('schedules one stored job per rung when a need is posted', async () => {
    const id = await post(t.db, resident, 'urgent');
    const jobs = await pendingJobsOf(t.db.kysely, id, ESCALATE_JOB);
    const posted = t.clock.now().getTime();
    expect(
      jobs.map((j) => [new Date(j.run_at).getTime() - posted, JSON.parse(j.payload!) as unknown]),
    ).toEqual([
      [10 * MIN * 1000, { reach: 'compound', afterMinutes: 10 }],
      [30 * MIN * 1000, { reach: 'community', afterMinutes: 30 }],
    ]);
    expect(await pendingJobsOf(t.db.kysely, await post(t.db, resident, 'normal'), ESCALATE_JOB)).toHaveLength(
      2,
    );
  });

  it('climbs an unclaimed urgent need on time — not a second before — and tells only the newly reached', async () => {
    const id = await post(t.db, resident, 'urgent');
    t.clock.advance(10 * MIN - 1);
    await runJobs(t.app);
    expect(await needRow(t.db, id)).toMatchObject({ audience: 'building', escalation_level: 0 });
    expect(await escalatedTo(t.db, 'volunteer', id)).toBe(0);

    t.clock.advance(1);
    await runJobs(t.app);
    expect(await needRow(t.db, id)).toMatchObject({
      audience: 'compound',
      escalation_level: 1,
      escalated_at: t.clock.now().toISOString(),
    });
    expect(await eventsOf(t.db, id, 'escalated')).toEqual([
      {
        kind: 'escalated',
        params: { reach: 'compound', afterMinutes: 10 },
        at: t.clock.now().toISOString(),
        actor_id: null,
      },
    ]);
    // The compound's volunteer is reached now; the building leader was reached at posting.
    expect(await escalatedTo(t.db, 'volunteer', id)).toBe(1);
    expect(await escalatedTo(t.db, 'leader', id)).toBe(0);
    expect(await escalatedTo(t.db, 'staff.xinjing', id)).toBe(0);
    // Urgent: the volunteer is alerted by SMS too.
    const volunteerPhone = (
      await t.db.kysely
        .selectFrom('users')
        .select('phone')
        .where('username', '=', 'volunteer')
        .executeTakeFirstOrThrow()
    ).phone!;
    const sms = await t.db.kysely
      .selectFrom('channel_messages')
      .select('body')
      .where('recipient', '=', volunteerPhone)
      .where('channel', '=', 'sms')
      .execute();
    expect(sms.some((m) => m.body.includes('尚无人认领'))).toBe(true);

    t.clock.advance(20 * MIN);
    await runJobs(t.app);
    expect(await needRow(t.db, id)).toMatchObject({ audience: 'community', escalation_level: 2 });
    expect(await escalatedTo(t.db, 'staff.xinjing', id)).toBe(1);
    expect(await escalatedTo(t.db, 'volunteer', id)).toBe(1);
    expect(await pendingJobsOf(t.db.kysely, id, ESCALATE_JOB)).toEqual([]);
  });

  it('blows the whistle on a normal need after 72 hours: partner units and reported-in members', async () => {
    const id = await post(t.db, resident, 'normal');
    t.clock.advance(24 * HOUR);
    await runJobs(t.app);
    expect(await needRow(t.db, id)).toMatchObject({ audience: 'compound', escalation_level: 1 });
    t.clock.advance(48 * HOUR);
    await runJobs(t.app);
    expect(await needRow(t.db, id)).toMatchObject({ audience: 'whistle', escalation_level: 2 });
    // The whistle (C2) calls the paired partner unit's contact, once, and links it to the need.
    const partnerId = await userIdOf(t.db, 'partner');
    const called = (await notificationsOf(t.db, partnerId, 'whistle_blown')).filter((n) => n.need_id === id);
    expect(called).toHaveLength(1);
    expect(await escalatedTo(t.db, 'partner', id)).toBe(0);
    expect(await escalatedTo(t.db, 'staff.xinjing', id)).toBe(1);
    expect(await escalatedTo(t.db, 'volunteer', id)).toBe(1);
    expect(await eventsOf(t.db, id, 'escalated')).toHaveLength(2);
  });

  it('leaves a claimed need where it is and takes it off the ladder', async () => {
    const id = await post(t.db, resident, 'urgent');
    expect((await leader.post(`/api/v1/needs/${id}/claim`)).statusCode).toBe(200);
    expect(await pendingJobsOf(t.db.kysely, id, ESCALATE_JOB)).toEqual([]);
    t.clock.advance(2 * HOUR);
    await runJobs(t.app);
    expect(await needRow(t.db, id)).toMatchObject({
      status: 'claimed',
      audience: 'building',
      escalation_level: 0,
    });
    expect(await eventsOf(t.db, id, 'escalated')).toEqual([]);
    // The resident hears of the claim; the leader does not hear of her own step.
    const residentId = await userIdOf(t.db, 'resident');
    expect(
      (await notificationsOf(t.db, residentId, 'need_claimed')).filter((n) => n.need_id === id),
    ).toHaveLength(1);
    const leaderId = await userIdOf(t.db, 'leader');
    expect((await notificationsOf(t.db, leaderId, 'need_claimed')).filter((n) => n.need_id === id)).toEqual(
      [],
    );
  });

  it('climbs again from where it stopped when its only helper gives it back', async () => {
    const id = await post(t.db, resident, 'urgent');
    expect((await leader.post(`/api/v1/needs/${id}/claim`)).statusCode).toBe(200);
    t.clock.advance(15 * MIN);
    expect((await leader.post(`/api/v1/needs/${id}/unclaim`)).statusCode).toBe(200);
    const jobs = await pendingJobsOf(t.db.kysely, id, ESCALATE_JOB);
    // The 10-minute rung is overdue: it fires at once; the 30-minute one on time.
    expect(jobs.map((j) => j.run_at)).toEqual([
      t.clock.now().toISOString(),
      new Date(t.clock.now().getTime() + 15 * MIN * 1000).toISOString(),
    ]);
    await runJobs(t.app);
    expect(await needRow(t.db, id)).toMatchObject({ status: 'posted', audience: 'compound' });
  });

  it('confirms a done need by itself after the district’s autoConfirmDays, and not before', async () => {
    const id = await post(t.db, resident, 'normal');
    expect((await leader.post(`/api/v1/needs/${id}/claim`)).statusCode).toBe(200);
    expect((await leader.post(`/api/v1/needs/${id}/done`, {})).statusCode).toBe(200);
    expect(await pendingJobsOf(t.db.kysely, id, AUTO_CONFIRM_JOB)).toHaveLength(1);
    t.clock.advance(7 * DAY - 1);
    await runJobs(t.app);
    expect((await needRow(t.db, id)).status).toBe('done');
    t.clock.advance(1);
    await runJobs(t.app);
    expect(await needRow(t.db, id)).toMatchObject({
      status: 'confirmed',
      confirmed_at: t.clock.now().toISOString(),
    });
    expect(await eventsOf(t.db, id, 'auto_confirmed')).toHaveLength(1);
    const leaderId = await userIdOf(t.db, 'leader');
    expect(
      (await notificationsOf(t.db, leaderId, 'need_confirmed')).filter((n) => n.need_id === id),
    ).toHaveLength(1);
  });

  it('does not auto-confirm a need the resident reopened', async () => {
    const id = await post(t.db, resident, 'normal');
    await leader.post(`/api/v1/needs/${id}/claim`);
    await leader.post(`/api/v1/needs/${id}/done`, {});
    const reopen = await resident.post(`/api/v1/needs/${id}/reopen`, { reason: '还是不行' });
    expect(reopen.statusCode, reopen.body).toBe(200);
    expect(await pendingJobsOf(t.db.kysely, id, AUTO_CONFIRM_JOB)).toEqual([]);
    t.clock.advance(8 * DAY);
    await runJobs(t.app);
    expect((await needRow(t.db, id)).status).toBe('in_service');
  });

  it('reminds the assignee of a follow-up when it is due (inbox and SMS), unless it was done', async () => {
    const id = await post(t.db, resident, 'urgent');
    const leaderId = await userIdOf(t.db, 'leader');
    const due = new Date(t.clock.now().getTime() + DAY * 1000).toISOString();
    const res = await staff.post(`/api/v1/needs/${id}/follow-ups`, {
      assigneeId: leaderId,
      dueAt: due,
      note: '明天问问宝宝退烧没有',
    });
    expect(res.statusCode, res.body).toBe(200);
    const scheduled = (await notificationsOf(t.db, leaderId, 'follow_up_scheduled')).filter(
      (n) => n.need_id === id,
    );
    expect(scheduled).toHaveLength(1);
    expect(JSON.parse(scheduled[0]!.params!)).toMatchObject({ dueAt: due, note: '明天问问宝宝退烧没有' });
    const fuId = (
      await t.db.kysely
        .selectFrom('need_follow_ups')
        .select('id')
        .where('need_id', '=', id)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await pendingJobsOf(t.db.kysely, fuId, FOLLOW_UP_JOB)).map((j) => j.run_at)).toEqual([due]);

    const dueOf = async () =>
      (await notificationsOf(t.db, leaderId, 'follow_up_due')).filter((n) => n.need_id === id);
    t.clock.advance(DAY - 1);
    await leader.post(`/api/v1/needs/${id}/claim`); // the urgent ladder is out of the way
    await runJobs(t.app);
    expect(await dueOf()).toEqual([]);
    t.clock.advance(1);
    await runJobs(t.app);
    expect(await dueOf()).toHaveLength(1);
    const fu = await t.db.kysely
      .selectFrom('need_follow_ups')
      .select(['id', 'reminded_at'])
      .where('need_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(fu.reminded_at).toBe(t.clock.now().toISOString());
    const phone = (
      await t.db.kysely
        .selectFrom('users')
        .select('phone')
        .where('id', '=', leaderId)
        .executeTakeFirstOrThrow()
    ).phone!;
    const sms = await t.db.kysely
      .selectFrom('channel_messages')
      .select('body')
      .where('recipient', '=', phone)
      .where('channel', '=', 'sms')
      .execute();
    expect(sms.filter((m) => m.body.startsWith('【邻里】回访提醒'))).toHaveLength(1);

    // A follow-up done before it is due reminds nobody.
    const later = new Date(t.clock.now().getTime() + HOUR * 1000).toISOString();
    await staff.post(`/api/v1/needs/${id}/follow-ups`, {
      assigneeId: leaderId,
      dueAt: later,
      note: '再问一次',
    });
    const second = await t.db.kysely
      .selectFrom('need_follow_ups')
      .select('id')
      .where('need_id', '=', id)
      .where('reminded_at', 'is', null)
      .executeTakeFirstOrThrow();
    const done = await leader.post(`/api/v1/follow-ups/${second.id}/done`, { outcome: '已退烧' });
    expect(done.statusCode, done.body).toBe(200);
    t.clock.advance(2 * HOUR);
    await runJobs(t.app);
    expect(await dueOf()).toHaveLength(1);
  });
});

describe('stored jobs across restarts and instances', () => {
  let db: Db;
  const clock = new TestClock();
  const build = async () => {
    const app = await buildApp(testConfig(), { db, clock, logger: false, webDist: '/nonexistent' });
    await app.ready();
    return app;
  };

  beforeAll(async () => {
    db = await freshDb();
    await seedDemo(db, clock.now());
  });
  afterAll(() => db.close());

  it('survives a restart: scheduled before, fired once by the new instance', async () => {
    const first = await build();
    const id = await post(db, await logIn(first, 'resident'), 'urgent');
    await first.close();

    const second = await build();
    try {
      clock.advance(10 * MIN);
      await runJobs(second, 'second');
      await runJobs(second, 'second');
      expect(await needRow(db, id)).toMatchObject({ audience: 'compound', escalation_level: 1 });
      expect(await eventsOf(db, id, 'escalated')).toHaveLength(1);
      expect(await escalatedTo(db, 'volunteer', id)).toBe(1);
      const ran = await db.kysely
        .selectFrom('jobs')
        .select(['status', 'done_by'])
        .where('ref_id', '=', id)
        .where('kind', '=', ESCALATE_JOB)
        .orderBy('run_at')
        .execute();
      expect(ran).toEqual([
        { status: 'done', done_by: 'second' },
        { status: 'pending', done_by: null },
      ]);
    } finally {
      await second.close();
    }
  });

  describe.skipIf(dialect !== 'postgres')('two instances on one PostgreSQL', () => {
    let a: FastifyInstance;
    let b: FastifyInstance;
    beforeAll(async () => {
      [a, b] = await Promise.all([build(), build()]);
    });
    afterAll(async () => {
      await a.close();
      await b.close();
    });

    it('fires every rung exactly once when both run their workers at the same time', async () => {
      const resident = await logIn(a, 'resident');
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await post(db, resident, 'urgent'));
      clock.advance(10 * MIN);
      const runs = await Promise.all([runJobs(a, 'A'), runJobs(b, 'B'), runJobs(a, 'A2'), runJobs(b, 'B2')]);
      expect(runs.every((r) => r.failed === 0)).toBe(true);
      for (const id of ids) {
        expect(await needRow(db, id)).toMatchObject({ audience: 'compound', escalation_level: 1 });
        expect(await eventsOf(db, id, 'escalated')).toHaveLength(1);
        expect(await escalatedTo(db, 'volunteer', id)).toBe(1);
        expect(await escalatedTo(db, 'leader', id)).toBe(0);
      }
      const done = await db.kysely
        .selectFrom('jobs')
        .select(['done_by'])
        .where('ref_id', 'in', ids)
        .where('kind', '=', ESCALATE_JOB)
        .where('status', '=', 'done')
        .execute();
      expect(done).toHaveLength(ids.length);
      // Each urgent alert went out once per channel and recipient.
      const volunteerPhone = (
        await db.kysely
          .selectFrom('users')
          .select('phone')
          .where('username', '=', 'volunteer')
          .executeTakeFirstOrThrow()
      ).phone!;
      const sms = await db.kysely
        .selectFrom('channel_messages')
        .select('id')
        .where('recipient', '=', volunteerPhone)
        .where('channel', '=', 'sms')
        .execute();
      expect(sms.length).toBe(ids.length + 1); // + the one from the restart test
    });
  });
});
