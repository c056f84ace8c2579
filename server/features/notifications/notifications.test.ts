import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import type { Db } from '../../db/index.js';
import { seedDemo } from '../../seed/demo.js';
import {
  type Client,
  dialect,
  errorOf,
  freshDb,
  logIn,
  startApp,
  type TestApp,
  TestClock,
  testConfig,
} from '../../test/harness.js';
import {
  homeOf,
  listen,
  notificationsOf,
  openEvents,
  postNeedAs,
  runJobs,
  userIdOf,
} from './notifications.fixtures.js';
import { channelText, notify } from './notifications.service.js';
import { buildGrant, buildUser } from '../../test/factories.js';
import { findPlacesByIds } from '../places/places.repository.js';
import { pathIds } from '../../../domain/places.js';

interface NotificationJson {
  id: string;
  kind: string;
  needId: string | null;
  link: string | null;
  params: Record<string, unknown>;
  readAt: string | null;
}

describe('notifications', () => {
  let t: TestApp;
  let leader: Client;
  let groupleader: Client;
  let resident: Client;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    [leader, groupleader, resident] = await Promise.all([
      logIn(t.app, 'leader'),
      logIn(t.app, 'groupleader'),
      logIn(t.app, 'resident'),
    ]);
  });
  afterAll(() => t.close());

  const inbox = async (c: Client, q = '') => {
    const res = await c.get(`/api/v1/me/notifications${q}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ items: NotificationJson[]; nextCursor: string | null }>();
  };
  const unread = async (c: Client) =>
    (await c.get('/api/v1/me/notifications/unread-count')).json<{ unread: number }>().unread;

  describe('the inbox', () => {
    it('tells the building’s responders of a new need, not the resident who posted it', async () => {
      const before = await unread(leader);
      const need = await postNeedAs(t.app, 'resident');
      const page = await inbox(leader);
      expect(page.items[0]).toMatchObject({
        kind: 'need_posted',
        needId: need.id,
        link: `/needs/${need.id}`,
        params: { category: 'health', urgency: 'normal', place: '颐景名苑 1幢' },
        readAt: null,
      });
      expect(await unread(leader)).toBe(before + 1);
      expect(await notificationsOf(t.db, await userIdOf(t.db, 'resident'))).toEqual([]);
      // The place never names the flat.
      expect(JSON.stringify(page.items[0]!.params)).not.toContain('201');
    });

    it('tells a volunteer granted on the building after the last post, and not once the grant is gone', async () => {
      const home = await homeOf(t.db, 'resident');
      const building = (await findPlacesByIds(t.db.kysely, pathIds(home.path))).find(
        (p) => p.kind === 'building',
      )!;
      const post = async () => {
        const res = await resident.post('/api/v1/needs', {
          placeId: home.id,
          category: 'health',
          description: '孩子发烧，需要退烧药',
          urgency: 'normal',
        });
        expect(res.statusCode).toBe(201);
        return res.json<{ id: string }>().id;
      };
      // The first post reads the building's responders (and keeps a copy of them).
      await post();
      const volunteer = await buildUser(t.db);
      const grant = await buildGrant(t.db, { role: 'volunteer', user: volunteer, place: building });
      const second = await post();
      expect((await notificationsOf(t.db, volunteer.id, 'need_posted')).map((n) => n.need_id)).toEqual([
        second,
      ]);
      await t.db.kysely.deleteFrom('grants').where('id', '=', grant.id).execute();
      await post();
      expect(await notificationsOf(t.db, volunteer.id, 'need_posted')).toHaveLength(1);
    });

    it('pages newest first and filters the unread', async () => {
      await postNeedAs(t.app, 'resident');
      await postNeedAs(t.app, 'resident');
      const first = await inbox(leader, '?limit=1');
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).not.toBeNull();
      const second = await inbox(leader, `?limit=1&cursor=${first.nextCursor!}`);
      expect(second.items[0]!.id < first.items[0]!.id).toBe(true);
      const all = await inbox(leader);
      expect(all.items.map((n) => n.id)).toEqual([...all.items.map((n) => n.id)].sort().reverse());

      const read = await leader.post(`/api/v1/me/notifications/${first.items[0]!.id}/read`);
      expect(read.statusCode).toBe(200);
      expect(read.json<NotificationJson>().readAt).toEqual(expect.any(String));
      const onlyUnread = await inbox(leader, '?unread=true');
      expect(onlyUnread.items.map((n) => n.id)).not.toContain(first.items[0]!.id);
      expect(onlyUnread.items).toHaveLength(all.items.length - 1);
      expect(await unread(leader)).toBe(all.items.length - 1);
      expect(errorOf(await leader.get('/api/v1/me/notifications?cursor=%25%25')).code).toBe(
        'VALIDATION_FAILED',
      );
    });

    it('marks read only the caller’s own: anyone else’s is 404', async () => {
      const theirs = (await inbox(groupleader)).items[0]!;
      const res = await leader.post(`/api/v1/me/notifications/${theirs.id}/read`);
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
      expect((await inbox(groupleader)).items[0]!.readAt).toBeNull();
      expect((await resident.post('/api/v1/me/notifications/nope/read')).statusCode).toBe(404);

      const all = await groupleader.post('/api/v1/me/notifications/read-all');
      expect(all.json()).toEqual({ unread: 0 });
      expect(await unread(groupleader)).toBe(0);
      expect(await unread(leader)).toBeGreaterThan(0);
      // Marking a read one again changes nothing.
      const again = await groupleader.post(`/api/v1/me/notifications/${theirs.id}/read`);
      expect(again.statusCode).toBe(200);
    });

    it('asks for a session', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/me/notifications'],
        ['GET', '/api/v1/me/notifications/unread-count'],
        ['POST', '/api/v1/me/notifications/read-all'],
        ['GET', '/api/v1/me/events'],
      ] as const) {
        expect((await t.app.inject({ method, url })).statusCode, url).toBe(401);
      }
    });

    it('notify() drops duplicates, the actor and unknown users', async () => {
      const [a, b] = [await userIdOf(t.db, 'volunteer'), await userIdOf(t.db, 'instructor')];
      const told = await t.db.kysely
        .transaction()
        .execute((trx) =>
          notify(trx, t.app.deps, { userIds: [a, a, b, null, 'ghost'], kind: 'need_supported', actorId: b }),
        );
      expect(told).toEqual([a]);
      expect(await notificationsOf(t.db, a, 'need_supported')).toHaveLength(1);
      expect(await notificationsOf(t.db, b, 'need_supported')).toHaveLength(0);
    });
  });

  describe('urgent alerts through the channels', () => {
    it('sends an urgent need to the building leader by SMS and WeChat at once (by a stored job)', async () => {
      const leaderId = await userIdOf(t.db, 'leader');
      const phone = (
        await t.db.kysely
          .selectFrom('users')
          .select('phone')
          .where('id', '=', leaderId)
          .executeTakeFirstOrThrow()
      ).phone!;
      const need = await postNeedAs(t.app, 'resident', { urgency: 'urgent' });
      expect((await inbox(leader)).items[0]).toMatchObject({ kind: 'need_urgent', needId: need.id });
      const ran = await runJobs(t.app);
      expect(ran.failed).toBe(0);
      const messages = await t.db.kysely
        .selectFrom('channel_messages')
        .select(['channel', 'body'])
        .where('recipient', '=', phone)
        .execute();
      expect(messages.map((m) => m.channel).sort()).toEqual(['sms', 'wechat']);
      expect(messages[0]!.body).toBe(
        channelText('need_urgent', { category: 'health', place: '颐景名苑 1幢' }),
      );
      expect(messages[0]!.body).toContain('颐景名苑 1幢');
      // Sent once: running again sends nothing more.
      await runJobs(t.app);
      const again = await t.db.kysely
        .selectFrom('channel_messages')
        .select('id')
        .where('recipient', '=', phone)
        .execute();
      expect(again).toHaveLength(2);
    });
  });

  describe('live updates (server-sent events)', () => {
    let base: string;
    beforeAll(async () => {
      base = await listen(t.app);
    });

    it('streams the unread count, then each new notification as it arrives', async () => {
      const events = await openEvents(base, leader.cookie);
      try {
        expect(events.status).toBe(200);
        expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
        expect(events.headers['cache-control']).toBe('no-store');
        const first = (await events.next('unread')).data as { unread: number };
        const need = await postNeedAs(t.app, 'resident', { urgency: 'urgent' });
        const live = (await events.next('notification')).data as NotificationJson;
        expect(live).toMatchObject({ kind: 'need_urgent', needId: need.id, readAt: null });
        expect((await events.next('unread')).data).toEqual({ unread: first.unread + 1 });

        // Reading elsewhere (another tab) updates the count too.
        await leader.post('/api/v1/me/notifications/read-all');
        expect((await events.next('unread')).data).toEqual({ unread: 0 });
      } finally {
        events.close();
      }
    });

    it('sends nothing of a rolled-back change', async () => {
      const events = await openEvents(base, leader.cookie);
      try {
        await events.next('unread');
        const leaderId = await userIdOf(t.db, 'leader');
        await t.db.kysely
          .transaction()
          .execute(async (trx) => {
            await notify(trx, t.app.deps, { userIds: [leaderId], kind: 'need_supported' });
            throw new Error('roll back');
          })
          .catch(() => undefined);
        await notify(t.db.kysely, t.app.deps, { userIds: [leaderId], kind: 'need_claimed' });
        const live = (await events.next('notification')).data as NotificationJson;
        expect(live.kind).toBe('need_claimed');
        expect(events.pending().filter((e) => e.event === 'notification')).toEqual([]);
      } finally {
        events.close();
      }
    });

    it('answers a request that does not accept an event stream with 400', async () => {
      const res = await leader.get('/api/v1/me/events');
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('BAD_REQUEST');
    });
  });
});

describe('configuration', () => {
  it('reads NOTIFY_CHANNELS as a list of known channels, and JOBS_POLL_MS', () => {
    expect(testConfig().notifyChannels).toEqual(['sms', 'wechat']);
    expect(testConfig({ NOTIFY_CHANNELS: ' email, sms,sms ' }).notifyChannels).toEqual(['email', 'sms']);
    expect(() => testConfig({ NOTIFY_CHANNELS: 'sms,fax' })).toThrow(/^Invalid NOTIFY_CHANNELS="sms,fax"/);
    expect(testConfig({ JOBS_POLL_MS: '500' }).jobsPollMs).toBe(500);
    expect(() => testConfig({ JOBS_POLL_MS: '0' })).toThrow(/^Invalid JOBS_POLL_MS/);
  });
});

describe.skipIf(dialect !== 'postgres')('live updates across two instances on one PostgreSQL', () => {
  let db: Db;
  let a: FastifyInstance;
  let b: FastifyInstance;

  beforeAll(async () => {
    db = await freshDb();
    const clock = new TestClock();
    await seedDemo(db, clock.now());
    const build = () => buildApp(testConfig(), { db, clock, logger: false, webDist: '/nonexistent' });
    [a, b] = await Promise.all([build(), build()]);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.close();
  });

  it('reaches a user connected to instance B with a notification caused on instance A', async () => {
    const base = await listen(b);
    const leaderOnB = await logIn(b, 'leader');
    const events = await openEvents(base, leaderOnB.cookie);
    try {
      const start = (await events.next('unread')).data as { unread: number };
      // Instance B's LISTEN connection is up once the first event arrived; now act on A.
      const residentOnA = await logIn(a, 'resident');
      const posted = await residentOnA.post('/api/v1/needs', {
        placeId: (await homeOf(db, 'resident')).id,
        category: 'health',
        description: '孩子发烧，需要退烧药',
        urgency: 'urgent',
      });
      expect(posted.statusCode, posted.body).toBe(201);
      const need = posted.json<{ id: string }>();
      const live = (await events.next('notification')).data as NotificationJson;
      expect(live).toMatchObject({ kind: 'need_urgent', needId: need.id });
      expect((await events.next('unread')).data).toEqual({ unread: start.unread + 1 });
      // A request to A (read all) reaches B too.
      const leaderOnA = await logIn(a, 'leader');
      expect((await leaderOnA.post('/api/v1/me/notifications/read-all')).statusCode).toBe(200);
      expect((await events.next('unread')).data).toEqual({ unread: 0 });
    } finally {
      events.close();
    }
  });
});
