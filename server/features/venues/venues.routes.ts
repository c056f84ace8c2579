import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Page, PlaceIdParams } from '../../../domain/contracts/common.js';
import {
  LivingRoom,
  LivingRoomCreateBody,
  LivingRoomListQuery,
  LivingRoomUpdateBody,
} from '../../../domain/contracts/standards.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, requireScope, scopeFromParam } from '../../lib/http.js';
import * as service from './venues.service.js';

const tags = ['venues'];
const errors = CLIENT_ERRORS;

/** Party-building living rooms (党建会客厅) of communities and compounds: the data standard S4 reads. */
export function venuesRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  const k = db.kysely;
  const byPlace = scopeFromParam('placeId');
  const byRoom = (req: { params: unknown }) =>
    service.scopeOfLivingRoom(k, (req.params as { id: string }).id);

  return async (app) => {
    app.get('/api/v1/places/:placeId/living-rooms', {
      config: { access: 'org.read', scope: byPlace },
      schema: {
        operationId: 'listLivingRooms',
        tags,
        summary: 'Living rooms of this place and the places under it',
        params: PlaceIdParams,
        querystring: LivingRoomListQuery,
        response: { 200: Page(LivingRoom), ...errors },
      },
      handler: async (req) => service.listLivingRooms(k, requireScope(req), req.query),
    });

    app.post('/api/v1/places/:placeId/living-rooms', {
      config: { access: 'org.manage', scope: byPlace },
      schema: {
        operationId: 'createLivingRoom',
        tags,
        summary: 'Add a living room to a community or a compound',
        params: PlaceIdParams,
        body: LivingRoomCreateBody,
        response: { 201: LivingRoom, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const place = requireScope(req);
        const room = await k
          .transaction()
          .execute((trx) => service.createLivingRoom(trx, actor, place, req.body));
        return reply.status(201).send(room);
      },
    });

    app.patch('/api/v1/living-rooms/:id', {
      config: { access: 'org.manage', scope: byRoom },
      schema: {
        operationId: 'updateLivingRoom',
        tags,
        params: IdParams,
        body: LivingRoomUpdateBody,
        response: { 200: LivingRoom, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return k
          .transaction()
          .execute((trx) => service.updateLivingRoom(trx, actor, req.params.id, req.body));
      },
    });

    for (const [action, archived] of [
      ['archive', true],
      ['restore', false],
    ] as const) {
      app.post(`/api/v1/living-rooms/:id/${action}`, {
        config: { access: 'org.manage', scope: byRoom },
        schema: {
          operationId: `${action}LivingRoom`,
          tags,
          params: IdParams,
          response: { 200: LivingRoom, ...errors },
        },
        handler: async (req) => {
          const actor = actorOf(req, clock);
          return k
            .transaction()
            .execute((trx) => service.setLivingRoomArchived(trx, actor, req.params.id, archived));
        },
      });
    }
  };
}
