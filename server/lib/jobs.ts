import type { FastifyBaseLogger } from 'fastify';
import type { Insertable, Kysely } from 'kysely';
import { insertRows } from '../db/insert-rows.js';
import type { Database, JobsTable } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { newId } from './ids.js';

/**
 * Stored jobs (the `jobs` table): the ladder's rungs, auto-confirmation, follow-up reminders and
 * channel messages. They are rows, so they survive a restart, and each runs exactly once across
 * instances: a worker claims a due job, runs its handler and marks it done in ONE transaction.
 *  - PostgreSQL: the claim is `SELECT … FOR UPDATE SKIP LOCKED`, so a second instance skips a job
 *    another is running; if the runner dies, its transaction rolls back and the job is due again.
 *  - SQLite: the claim is a conditional `UPDATE … WHERE status = 'pending'` as the transaction's
 *    first statement, which takes the single write lock for the whole job.
 * A failing handler is rolled back to a savepoint; the job is retried with backoff and marked
 * `failed` after MAX_ATTEMPTS.
 */

type Q = Kysely<Database>;

export const MAX_ATTEMPTS = 5;

export interface Job {
  id: string;
  kind: string;
  refId: string;
  payload: Record<string, unknown>;
  runAt: string;
  /** Including this run. */
  attempts: number;
}

export type JobHandler = (trx: Q, job: Job, deps: Deps) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface JobSpec {
  kind: string;
  refId: string;
  runAt: string;
  payload?: Record<string, unknown> | null;
  /** When it was scheduled (defaults to the wall clock). */
  now?: string;
}

/** Store a job to run at `runAt` (or as soon as a worker polls, if that has passed). */
export async function scheduleJob(trx: Q, job: JobSpec): Promise<string> {
  return (await scheduleJobs(trx, [job]))[0]!;
}

/** A job as scheduleJobs inserts it (the other columns take their defaults). */
export type JobRow = Required<
  Pick<Insertable<JobsTable>, 'id' | 'kind' | 'ref_id' | 'payload' | 'run_at' | 'status' | 'created_at'>
>;

/** Store several jobs in one statement; returns their ids in order. */
export async function scheduleJobs(trx: Q, jobs: readonly JobSpec[]): Promise<string[]> {
  const rows = jobRows(jobs);
  await insertRows(trx, 'jobs', rows);
  return rows.map((r) => r.id);
}

/** The rows scheduleJobs stores, for a caller that inserts them with other rows (needs posted together). */
export function jobRows(jobs: readonly JobSpec[]): JobRow[] {
  return jobs.map((job) => ({
    id: newId(),
    kind: job.kind,
    ref_id: job.refId,
    payload: job.payload ? JSON.stringify(job.payload) : null,
    run_at: new Date(job.runAt).toISOString(),
    status: 'pending',
    created_at: job.now ?? new Date().toISOString(),
  }));
}

/** Cancel the pending jobs about `refId` (of one kind, or all). Returns how many. */
export async function cancelJobs(trx: Q, which: { kind?: string; refId: string }): Promise<number> {
  let q = trx
    .updateTable('jobs')
    .set({ status: 'cancelled' })
    .where('ref_id', '=', which.refId)
    .where('status', '=', 'pending');
  if (which.kind) q = q.where('kind', '=', which.kind);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The pending jobs about `refId`, soonest first (for tests and the operator). */
export function pendingJobsOf(db: Q, refId: string, kind?: string) {
  let q = db
    .selectFrom('jobs')
    .select(['id', 'kind', 'run_at', 'payload'])
    .where('ref_id', '=', refId)
    .where('status', '=', 'pending');
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('run_at').orderBy('id').execute();
}

/** Seconds to wait before the next attempt: 30 s, 1 min, 2 min, … at most an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

/** Claim the next due job of a kind we handle, in `trx`. */
async function claimNext(trx: Q, dialect: 'sqlite' | 'postgres', kinds: string[], now: string) {
  let due = trx
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'pending')
    .where('run_at', '<=', now)
    .where('kind', 'in', kinds)
    .orderBy('run_at')
    .orderBy('id')
    .limit(1);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return trx
    .updateTable('jobs')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', due)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Run the jobs that are due now, one transaction each, until none is left or `limit` ran.
 * Safe to call from several instances at once.
 */
export async function runDueJobs(
  deps: Deps,
  instanceId: string,
  handlers: JobHandlers,
  { limit = 100 }: { limit?: number } = {},
): Promise<{ done: number; failed: number }> {
  const kinds = Object.keys(handlers);
  const result = { done: 0, failed: 0 };
  if (kinds.length === 0) return result;
  for (let i = 0; i < limit; i++) {
    const now = deps.clock.now().toISOString();
    const trx = await deps.db.kysely.startTransaction().execute();
    try {
      const row = await claimNext(trx, deps.db.dialect, kinds, now);
      if (!row) {
        await trx.commit().execute();
        break;
      }
      const job: Job = {
        id: row.id,
        kind: row.kind,
        refId: row.ref_id,
        payload: row.payload ? (JSON.parse(row.payload) as Record<string, unknown>) : {},
        runAt: row.run_at,
        attempts: row.attempts,
      };
      const inner = await trx.savepoint('job').execute();
      try {
        await handlers[job.kind]!(inner, job, deps);
        await inner.releaseSavepoint('job').execute();
        await trx
          .updateTable('jobs')
          .set({ status: 'done', done_at: now, done_by: instanceId, last_error: null })
          .where('id', '=', job.id)
          .execute();
        result.done++;
      } catch (err) {
        await inner.rollbackToSavepoint('job').execute();
        const gaveUp = job.attempts >= MAX_ATTEMPTS;
        await trx
          .updateTable('jobs')
          .set({
            status: gaveUp ? 'failed' : 'pending',
            last_error: (err instanceof Error ? err.message : String(err)).slice(0, 500),
            run_at: new Date(Date.parse(now) + backoffSeconds(job.attempts) * 1000).toISOString(),
            ...(gaveUp ? { done_at: now, done_by: instanceId } : {}),
          })
          .where('id', '=', job.id)
          .execute();
        result.failed++;
      }
      await trx.commit().execute();
    } catch (err) {
      await trx.rollback().execute();
      throw err;
    }
  }
  return result;
}

export interface JobWorker {
  /** Poll now instead of waiting for the next tick. */
  wake(): void;
  /** Stop polling and wait for the running batch. */
  stop(): Promise<void>;
}

const workers = new Set<JobWorker>();

/**
 * Ask this process's workers to poll now rather than at their next tick: for jobs that should run at
 * once (alerts through the channels). Call it in the transaction that scheduled them; on SQLite the
 * poll waits for that transaction, on PostgreSQL a poll that comes too early leaves it to the next tick.
 */
export function wakeJobWorkers(): void {
  for (const w of workers) w.wake();
}

/** Poll for due jobs every `pollMs` until stopped (main.ts starts it; tests call runDueJobs). */
export function startJobWorker(
  deps: Deps,
  handlers: JobHandlers,
  opts: { pollMs: number; instanceId: string; log: FastifyBaseLogger; batch?: number },
): JobWorker {
  const batch = opts.batch ?? 100;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const later = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
  };
  function tick() {
    timer = null;
    if (running || stopped) return;
    running = runDueJobs(deps, opts.instanceId, handlers, { limit: batch })
      .then((r) => {
        if (r.failed > 0) opts.log.warn({ jobs: r }, 'jobs: some failed and will be retried');
        // A full batch: there may be more due at once.
        later(r.done + r.failed >= batch ? 0 : opts.pollMs);
      })
      .catch((err: unknown) => {
        opts.log.error({ err }, 'jobs: the worker could not run');
        later(opts.pollMs);
      })
      .finally(() => {
        running = null;
      });
  }
  later(0);
  const worker: JobWorker = {
    wake: () => {
      if (!running) later(20);
    },
    async stop() {
      stopped = true;
      workers.delete(worker);
      if (timer) clearTimeout(timer);
      await running;
    },
  };
  workers.add(worker);
  return worker;
}
