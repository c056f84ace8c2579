import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Db } from '../db/index.js';
import { sendNotify } from '../db/insert-rows.js';
import type { Database } from '../db/schema.js';

/**
 * Live events (C9): "this user's inbox changed", published inside the writer's transaction and
 * delivered to the listeners of every instance only once that transaction has committed.
 *
 *  - PostgreSQL: `pg_notify` in the transaction (PostgreSQL delivers it on commit and drops it on
 *    rollback) and one dedicated connection per instance that LISTENs, opened when the first
 *    listener subscribes. So a user connected to another instance gets it too.
 *  - SQLite (one process, one connection): the event is emitted in-process once the connection is
 *    free again, i.e. after the writer's transaction ended. It cannot tell a commit from a rollback,
 *    so listeners load what the event names and skip a row that is not there.
 *
 * The payload is only ids (user, notification): the receiving instance loads the row itself, so
 * nothing personal travels through the channel and the 8000-byte NOTIFY limit never matters.
 */
export interface LiveEvent {
  userId: string;
  /** The new notification, or null when only the unread count changed (read, read all). */
  notificationId: string | null;
}

export type LiveListener = (event: LiveEvent) => void;

export interface Bus {
  /** Announce events; call it inside the transaction that wrote what they name. */
  publish(trx: Kysely<Database>, events: LiveEvent | readonly LiveEvent[]): Promise<void>;
  /**
   * PostgreSQL: the NOTIFY that announces `events`, for a writer that sends it inside a statement of
   * its own (db/insert-rows.ts) instead of calling publish. Undefined where events are not NOTIFYs
   * (SQLite): call publish.
   */
  asNotify(events: readonly LiveEvent[]): PgNotify | undefined;
  /** Listen to one user's events. Resolves once events are being received; call the result to stop. */
  subscribe(userId: string, listener: LiveListener): Promise<() => void>;
  /** Stop listening (the app is closing). */
  close(): Promise<void>;
}

export const BUS_CHANNEL = 'linli_events';

/** NOTIFY payloads on one channel. */
export interface PgNotify {
  channel: string;
  payloads: string[];
}

const payloadOf = (e: LiveEvent) => JSON.stringify({ u: e.userId, n: e.notificationId });

export function createBus(db: Db, log: FastifyBaseLogger): Bus {
  return db.dialect === 'postgres' && db.pgUrl ? postgresBus(db.pgUrl, log) : sqliteBus(db);
}

/** Listeners by user id; `size` counts users with at least one listener. */
class Listeners {
  private readonly emitter = new EventEmitter();
  private count = 0;
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  get size() {
    return this.count;
  }
  users(): string[] {
    return this.emitter.eventNames().map(String);
  }
  add(userId: string, listener: LiveListener): () => void {
    this.emitter.on(userId, listener);
    this.count++;
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.emitter.off(userId, listener);
      this.count--;
    };
  }
  emit(event: LiveEvent) {
    this.emitter.emit(event.userId, event);
  }
  clear() {
    this.emitter.removeAllListeners();
    this.count = 0;
  }
}

function asList(events: LiveEvent | readonly LiveEvent[]): readonly LiveEvent[] {
  return 'userId' in events ? [events] : events;
}

function parseEvent(payload: string | undefined): LiveEvent | null {
  try {
    const v = JSON.parse(payload ?? '') as { u?: unknown; n?: unknown };
    if (typeof v.u !== 'string') return null;
    return { userId: v.u, notificationId: typeof v.n === 'string' ? v.n : null };
  } catch {
    return null;
  }
}

function sqliteBus(db: Db): Bus {
  const listeners = new Listeners();
  return {
    publish(_trx, events) {
      if (listeners.size === 0) return Promise.resolve();
      const list = asList(events);
      setImmediate(() => {
        // An empty transaction on the one connection ends only once the writer's transaction has
        // ended and, with group commit (db/group-commit.ts), once its batch is durable.
        db.kysely
          .transaction()
          .execute(() => Promise.resolve())
          .then(() => {
            for (const e of list) listeners.emit(e);
          })
          .catch(() => undefined);
      });
      return Promise.resolve();
    },
    asNotify: () => undefined,
    subscribe: (userId, listener) => Promise.resolve(listeners.add(userId, listener)),
    close() {
      listeners.clear();
      return Promise.resolve();
    },
  };
}

function postgresBus(url: string, log: FastifyBaseLogger): Bus {
  const listeners = new Listeners();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = (): Promise<void> => {
    if (client) return Promise.resolve();
    if (connecting) return connecting;
    const c = new pg.Client({ connectionString: url });
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = null;
      void c.end().catch(() => undefined);
      if (closed) return;
      log.warn({ err }, 'live events: lost the LISTEN connection; reconnecting');
      retry = setTimeout(() => {
        retry = null;
        if (closed || listeners.size === 0) return;
        // Whatever was sent while disconnected is in the inbox: tell everyone to recount.
        connect()
          .then(() => {
            for (const userId of listeners.users()) listeners.emit({ userId, notificationId: null });
          })
          .catch(() => lost());
      }, 1000);
    };
    c.on('notification', (msg) => {
      const event = parseEvent(msg.payload);
      if (event) listeners.emit(event);
    });
    c.on('error', lost);
    c.on('end', () => lost());
    connecting = (async () => {
      try {
        await c.connect();
        await c.query(`LISTEN ${BUS_CHANNEL}`);
        if (closed) {
          await c.end();
          return;
        }
        client = c;
      } catch (err) {
        void c.end().catch(() => undefined);
        throw err;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  };

  return {
    async publish(trx, events) {
      // One statement for a whole building's (or community's) alert.
      await sendNotify(trx, { channel: BUS_CHANNEL, payloads: asList(events).map(payloadOf) });
    },
    asNotify: (events) => ({ channel: BUS_CHANNEL, payloads: events.map(payloadOf) }),
    async subscribe(userId, listener) {
      const stop = listeners.add(userId, listener);
      try {
        await connect();
      } catch (err) {
        stop();
        throw err;
      }
      return stop;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listeners.clear();
      await connecting?.catch(() => undefined);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
