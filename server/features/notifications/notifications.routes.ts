import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams } from '../../../domain/contracts/common.js';
import {
  Notification,
  NotificationList,
  NotificationQuery,
  UnreadCount,
} from '../../../domain/contracts/notifications.js';
import { AppError } from '../../../domain/errors.js';
import type { Deps } from '../../deps.js';
import type { LiveEvent } from '../../lib/bus.js';
import { CLIENT_ERRORS } from '../../lib/http.js';
import { requireCaller } from '../../plugins/access.js';
import * as service from './notifications.service.js';

const tags = ['notifications'];

/** A comment line every so often keeps proxies and browsers from dropping a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** Streams end after this long; EventSource reconnects, so the session is checked again. */
const STREAM_MAX_MS = 30 * 60_000;

export function notificationsRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { db, bus } = deps;
  return async (app) => {
    app.get('/api/v1/me/notifications', {
      config: { access: 'session' },
      schema: {
        operationId: 'listMyNotifications',
        tags,
        summary: 'The caller’s inbox, newest first (`unread=true` for the unread only)',
        querystring: NotificationQuery,
        response: { 200: NotificationList, 400: ErrorBody, 401: ErrorBody },
      },
      handler: async (req) => service.listMine(db.kysely, requireCaller(req).userId, req.query),
    });

    app.get('/api/v1/me/notifications/unread-count', {
      config: { access: 'session' },
      schema: {
        operationId: 'countMyUnreadNotifications',
        tags,
        summary: 'How many of the caller’s notifications are unread',
        response: { 200: UnreadCount, 401: ErrorBody },
      },
      handler: async (req) => service.unreadCount(db.kysely, requireCaller(req).userId),
    });

    app.post('/api/v1/me/notifications/:id/read', {
      config: { access: 'session' },
      schema: {
        operationId: 'readMyNotification',
        tags,
        summary: 'Mark one of the caller’s notifications read (anyone else’s: 404)',
        params: IdParams,
        response: { 200: Notification, ...CLIENT_ERRORS },
      },
      handler: async (req) => {
        const { userId } = requireCaller(req);
        return db.kysely.transaction().execute((trx) => service.markRead(trx, deps, userId, req.params.id));
      },
    });

    app.post('/api/v1/me/notifications/read-all', {
      config: { access: 'session' },
      schema: {
        operationId: 'readAllMyNotifications',
        tags,
        summary: 'Mark all of the caller’s notifications read',
        response: { 200: UnreadCount, 401: ErrorBody },
      },
      handler: async (req) => {
        const { userId } = requireCaller(req);
        return db.kysely.transaction().execute((trx) => service.markAllRead(trx, deps, userId));
      },
    });

    // Live updates ---------------------------------------------------------------------------------

    const openStreams = new Set<() => void>();
    // Open streams would keep the server from closing: end them first.
    app.addHook('preClose', (done) => {
      for (const end of [...openStreams]) end();
      done();
    });

    app.get('/api/v1/me/events', {
      config: { access: 'session' },
      schema: {
        operationId: 'streamMyEvents',
        tags,
        summary: 'Server-sent events for the open page: `notification` and `unread`',
        description:
          'A `text/event-stream` (open it with EventSource, which sends `Accept: text/event-stream`). ' +
          'Events: `unread` `{"unread":n}` at once and after every change; `notification` with a ' +
          'Notification when one arrives, from any instance. A comment line every 25 s keeps it open.',
        response: {
          200: z.string().describe('text/event-stream'),
          400: ErrorBody,
          401: ErrorBody,
          503: ErrorBody,
        },
      },
      handler: async (req, reply) => {
        const { userId } = requireCaller(req);
        if (!(req.headers.accept ?? '').includes('text/event-stream')) {
          throw new AppError('BAD_REQUEST', 'Open this with EventSource (Accept: text/event-stream).');
        }
        const stream = new PassThrough();
        const write = (text: string) => {
          if (!stream.writableEnded && !stream.destroyed) stream.write(text);
        };
        const send = (event: string, data: unknown) =>
          write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

        // Events are answered in order: each one reads the database, so they queue.
        let queue: Promise<void> = Promise.resolve();
        const onEvent = (event: LiveEvent) => {
          queue = queue
            .then(async () => {
              const update = await service.liveUpdate(db.kysely, event);
              if (update.notification) send('notification', update.notification);
              send('unread', { unread: update.unread });
            })
            .catch((err: unknown) => req.log.warn({ err }, 'live events: could not load an update'));
        };
        const unsubscribe = await bus.subscribe(userId, onEvent).catch((err: unknown) => {
          req.log.error({ err }, 'live events: cannot listen');
          throw new AppError('UNAVAILABLE', 'Live updates are not available right now. Try again shortly.');
        });

        const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
        const maxAge = setTimeout(() => end(), STREAM_MAX_MS);
        let ended = false;
        function end() {
          if (ended) return;
          ended = true;
          openStreams.delete(end);
          clearInterval(heartbeat);
          clearTimeout(maxAge);
          unsubscribe();
          stream.end();
        }
        openStreams.add(end);
        reply.raw.on('close', end);
        stream.on('close', end);

        write('retry: 5000\n\n');
        onEvent({ userId, notificationId: null }); // the unread count to start with
        return reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('x-accel-buffering', 'no')
          .send(stream as never); // a stream, past the JSON serializer
      },
    });
  };
}
