import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '../../domain/privacy.js';
import type { Db } from '../db/index.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';

export type ChannelName = 'sms' | 'wechat' | 'email';

/** One interface for every outbound channel (SMS, WeChat, e-mail). */
export interface MessageChannel {
  readonly name: ChannelName;
  send(recipient: string, body: string): Promise<void>;
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
    async send(recipient, body) {
      await db.kysely
        .insertInto('channel_messages')
        .values({ id: newId(), channel: name, recipient, body, created_at: clock.now().toISOString() })
        .execute();
      const shown = name === 'sms' ? maskPhone(recipient) : recipient.replace(/^(.).*(@.*)$/, '$1***$2');
      log.info({ channel: name, to: shown }, `[${name} local adapter] ${body}`);
    },
  };
}
