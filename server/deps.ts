import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import { type Bus, createBus } from './lib/bus.js';
import { type Channels, createChannels } from './lib/channels.js';
import type { Clock } from './lib/clock.js';

/** The app-wide singletons every feature receives. Passed explicitly; there is no container. */
export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  /** Outbound channels (SMS, WeChat, e-mail), each with its configured adapter. */
  channels: Channels;
  /** Live events to open pages (SSE), across instances on PostgreSQL. */
  bus: Bus;
}

/** Build the singletons of one app instance; `bus.close()` when the app closes. */
export function createDeps(config: Config, db: Db, clock: Clock, log: FastifyBaseLogger): Deps {
  return { config, db, clock, channels: createChannels(db, clock, log), bus: createBus(db, log) };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's singletons, for what runs beside the HTTP routes (main.ts's job worker, tests). */
    deps: Deps;
  }
}
