import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams, Page } from '../../../domain/contracts/common.js';
import {
  DirectoryEntry,
  DirectoryQuery,
  Place,
  PlaceChildrenQuery,
  PlaceCreateBody,
  PlaceDetail,
  PlaceMoveBody,
  PlaceRenameBody,
} from '../../../domain/contracts/places.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, scopeFromParam } from '../../lib/http.js';
import { requireCaller, requireScopePlace } from '../../plugins/access.js';
import * as service from './places.service.js';

const tags = ['places'];
const errors = CLIENT_ERRORS;

export function placesRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const byId = scopeFromParam('id');

    app.get('/api/v1/places', {
      config: { access: 'session' },
      schema: {
        operationId: 'listMyPlaces',
        tags,
        summary: 'The places the caller holds roles on (top of each scope)',
        response: { 200: z.object({ items: z.array(Place) }), 401: ErrorBody },
      },
      handler: async (req) => ({ items: await service.listMyRoots(db.kysely, requireCaller(req)) }),
    });

    app.get('/api/v1/places/:id', {
      config: { access: 'places.read', scope: byId },
      schema: { operationId: 'getPlace', tags, params: IdParams, response: { 200: PlaceDetail, ...errors } },
      handler: async (req) => service.getPlaceDetail(db.kysely, req.params.id),
    });

    app.get('/api/v1/places/:id/children', {
      config: { access: 'places.read', scope: byId },
      schema: {
        operationId: 'listPlaceChildren',
        tags,
        params: IdParams,
        querystring: PlaceChildrenQuery,
        response: { 200: Page(Place), ...errors },
      },
      handler: async (req) => service.listChildren(db.kysely, req.params.id, req.query),
    });

    app.post('/api/v1/places', {
      config: { access: 'places.manage', scope: (req) => (req.body as { parentId: string | null }).parentId },
      schema: {
        operationId: 'createPlace',
        tags,
        summary: 'Create a place under a parent (a district has no parent: system admins only)',
        body: PlaceCreateBody,
        response: { 201: Place, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const place = await db.kysely
          .transaction()
          .execute((trx) => service.createPlace(trx, actor, req.scopePlace, req.body));
        return reply.status(201).send(place);
      },
    });

    app.patch('/api/v1/places/:id', {
      config: { access: 'places.manage', scope: byId },
      schema: {
        operationId: 'renamePlace',
        tags,
        params: IdParams,
        body: PlaceRenameBody,
        response: { 200: Place, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        const place = requireScopePlace(req);
        return db.kysely
          .transaction()
          .execute((trx) => service.renamePlace(trx, actor, place, req.body.name));
      },
    });

    app.post('/api/v1/places/:id/move', {
      config: { access: 'places.manage', scope: byId },
      schema: {
        operationId: 'movePlace',
        tags,
        params: IdParams,
        body: PlaceMoveBody,
        response: { 200: Place, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        const place = requireScopePlace(req);
        return db.kysely
          .transaction()
          .execute((trx) => service.movePlace(trx, actor, place, req.body.parentId));
      },
    });

    for (const [action, archived] of [
      ['archive', true],
      ['restore', false],
    ] as const) {
      app.post(`/api/v1/places/:id/${action}`, {
        config: { access: 'places.manage', scope: byId },
        schema: {
          operationId: `${action}Place`,
          tags,
          params: IdParams,
          response: { 200: Place, ...errors },
        },
        handler: async (req) => {
          const actor = actorOf(req, clock);
          const place = requireScopePlace(req);
          return db.kysely
            .transaction()
            .execute((trx) => service.setPlaceArchived(trx, actor, place, archived));
        },
      });
    }

    app.get('/api/v1/directory', {
      config: { access: 'session' },
      schema: {
        operationId: 'listDirectory',
        tags,
        summary: "Names of live places under a parent (districts at the top), for finding one's household",
        querystring: DirectoryQuery.extend({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: Page(DirectoryEntry), 400: ErrorBody, 401: ErrorBody },
      },
      handler: async (req) =>
        service.listDirectory(db.kysely, req.query.parentId ?? null, req.query.cursor, req.query.limit),
    });
  };
}
