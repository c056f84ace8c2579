import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { createDeps, type Deps } from '../deps.js';
import { freshDb, TestClock, testConfig } from '../test/harness.js';
import { newId } from './ids.js';
import {
  backoffSeconds,
  cancelJobs,
  type JobHandlers,
  MAX_ATTEMPTS,
  pendingJobsOf,
  runDueJobs,
  scheduleJob,
} from './jobs.js';

describe('stored jobs', () => {
  let db: Db;
  let deps: Deps;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await freshDb();
    deps = createDeps(testConfig(), db, clock, Fastify({ logger: false }).log);
  });
  afterAll(async () => {
    await deps.bus.close();
    await db.close();
  });

  /** A handler whose effect is a row in channel_messages, so we can count how often it ran. */
  const record: JobHandlers = {
    'test.record': async (trx, job) => {
      await trx
        .insertInto('channel_messages')
        .values({
          id: newId(),
          channel: 'sms',
          recipient: job.refId,
          body: 'ran',
          created_at: clock.now().toISOString(),
        })
        .execute();
    },
  };
  const effects = async (refId: string) =>
    (await db.kysely.selectFrom('channel_messages').select('id').where('recipient', '=', refId).execute())
      .length;
  const jobOf = (refId: string) =>
    db.kysely.selectFrom('jobs').selectAll().where('ref_id', '=', refId).executeTakeFirstOrThrow();

  it('runs a job when it is due, once, and records who ran it', async () => {
    const ref = newId();
    const runAt = new Date(clock.now().getTime() + 60_000).toISOString();
    await scheduleJob(db.kysely, { kind: 'test.record', refId: ref, runAt });
    expect(await runDueJobs(deps, 'one', record)).toEqual({ done: 0, failed: 0 });
    clock.advance(60);
    expect(await runDueJobs(deps, 'one', record)).toEqual({ done: 1, failed: 0 });
    expect(await runDueJobs(deps, 'one', record)).toEqual({ done: 0, failed: 0 });
    expect(await effects(ref)).toBe(1);
    expect(await jobOf(ref)).toMatchObject({
      status: 'done',
      done_by: 'one',
      attempts: 1,
      done_at: clock.now().toISOString(),
    });
  });

  it('leaves kinds it has no handler for to whoever has one', async () => {
    const ref = newId();
    await scheduleJob(db.kysely, { kind: 'test.other', refId: ref, runAt: clock.now().toISOString() });
    await runDueJobs(deps, 'one', record);
    expect((await jobOf(ref)).status).toBe('pending');
    await cancelJobs(db.kysely, { refId: ref });
    expect((await jobOf(ref)).status).toBe('cancelled');
  });

  it('cancels pending jobs of one kind or all kinds about a ref', async () => {
    const ref = newId();
    const at = clock.now().toISOString();
    await scheduleJob(db.kysely, { kind: 'test.record', refId: ref, runAt: at });
    await scheduleJob(db.kysely, { kind: 'test.other', refId: ref, runAt: at });
    expect(await cancelJobs(db.kysely, { kind: 'test.other', refId: ref })).toBe(1);
    expect((await pendingJobsOf(db.kysely, ref)).map((j) => j.kind)).toEqual(['test.record']);
    expect(await cancelJobs(db.kysely, { refId: ref })).toBe(1);
    await runDueJobs(deps, 'one', record);
    expect(await effects(ref)).toBe(0);
  });

  it('rolls a failing handler back, retries it with backoff and gives up after MAX_ATTEMPTS', async () => {
    const ref = newId();
    let calls = 0;
    const failing: JobHandlers = {
      'test.fail': async (trx, job) => {
        calls++;
        await record['test.record']!(trx, job, deps); // an effect that must not stay
        throw new Error(`gateway down (${calls})`);
      },
    };
    await scheduleJob(db.kysely, { kind: 'test.fail', refId: ref, runAt: clock.now().toISOString() });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await runDueJobs(deps, 'one', failing)).toEqual({ done: 0, failed: 1 });
      const job = await jobOf(ref);
      expect(job).toMatchObject({ attempts: attempt, last_error: `gateway down (${attempt})` });
      if (attempt < MAX_ATTEMPTS) {
        expect(job.status).toBe('pending');
        expect(job.run_at).toBe(
          new Date(clock.now().getTime() + backoffSeconds(attempt) * 1000).toISOString(),
        );
        // Not before the backoff has passed.
        clock.advance(backoffSeconds(attempt) - 1);
        expect(await runDueJobs(deps, 'one', failing)).toEqual({ done: 0, failed: 0 });
        clock.advance(1);
      } else {
        expect(job.status).toBe('failed');
      }
    }
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(await effects(ref)).toBe(0);
    clock.advance(7200);
    expect(await runDueJobs(deps, 'one', failing)).toEqual({ done: 0, failed: 0 });
  });

  it('runs each job exactly once when several workers poll at the same time', async () => {
    const refs = Array.from({ length: 30 }, () => newId());
    for (const ref of refs) {
      await scheduleJob(db.kysely, { kind: 'test.record', refId: ref, runAt: clock.now().toISOString() });
    }
    const slow: JobHandlers = {
      'test.record': async (trx, job, d) => {
        await new Promise((r) => setTimeout(r, 2));
        await record['test.record']!(trx, job, d);
      },
    };
    const runs = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => runDueJobs(deps, w, slow)));
    expect(runs.reduce((n, r) => n + r.done, 0)).toBe(refs.length);
    for (const ref of refs) expect(await effects(ref)).toBe(1);
    const by = await db.kysely
      .selectFrom('jobs')
      .select('done_by')
      .where('ref_id', 'in', refs)
      .where('status', '=', 'done')
      .execute();
    expect(by).toHaveLength(refs.length);
    // On PostgreSQL the workers really run side by side (SKIP LOCKED); SQLite takes them in turn.
    if (db.dialect === 'postgres') expect(new Set(by.map((r) => r.done_by)).size).toBeGreaterThan(1);
  });
});
