import type { Config } from './config.js';
import type { Db } from './db/index.js';
import type { MessageChannel } from './lib/channels.js';
import type { Clock } from './lib/clock.js';

/** The app-wide singletons every feature receives. Passed explicitly; there is no container. */
export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  channels: { sms: MessageChannel };
}
