import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { maskPhone } from '../../domain/privacy.js';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';

export const CHANNEL_NAMES = ['sms', 'wechat', 'email'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/**
 * One interface for every outbound channel (SMS, WeChat, e-mail). The recipient is the channel's
 * address: a phone number for SMS and WeChat (the account bound to that verified number), an e-mail
 * address for e-mail.
 */
export interface MessageChannel {
  readonly name: ChannelName;
  /**
   * Send one message. `via` is the transaction the caller runs in (a job's): an adapter that records
   * in the database records there, so the record and the job commit together; on SQLite a write
   * through another handle would wait for that very transaction.
   */
  send(recipient: string, body: string, via?: Kysely<Database>): Promise<void>;
}

export type Channels = Readonly<Record<ChannelName, MessageChannel>>;

/** Every channel with its configured adapter. Only the local adapters exist so far. */
export function createChannels(db: Db, clock: Clock, log: FastifyBaseLogger): Channels {
  return {
    sms: localChannel('sms', db, clock, log),
    wechat: localChannel('wechat', db, clock, log),
    email: localChannel('email', db, clock, log),
  };
}

/**
 * The default adapter: records each message in `channel_messages` and the operator log instead of
 * sending it. The log masks the recipient; the body is shown so an operator can read a code aloud.
 */
export function localChannel(
  name: ChannelName,
  db: Db,
  clock: Clock,
  log: FastifyBaseLogger,
): MessageChannel {
  return {
    name,
    async send(recipient, body, via) {
      await (via ?? db.kysely)
        .insertInto('channel_messages')
        .values({ id: newId(), channel: name, recipient, body, created_at: clock.now().toISOString() })
        .execute();
      const shown = name !== 'email' ? maskPhone(recipient) : recipient.replace(/^(.).*(@.*)$/, '$1***$2');
      log.info({ channel: name, to: shown }, `[${name} local adapter] ${body}`);
    },
  };
}
