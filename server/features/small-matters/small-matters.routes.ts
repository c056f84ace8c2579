import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery, PlaceIdParams } from '../../../domain/contracts/common.js';
import {
  ReturnBody,
  SmallMatter,
  SmallMatterBody,
  SmallMatterList,
  SmallMatterPatchBody,
  SmallMatterPhotoParams,
  SmallMatterQuery,
  Wall,
  WallBody,
} from '../../../domain/contracts/members.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, scopeFromParam } from '../../lib/http.js';
import { requireScopePlace } from '../../plugins/access.js';
import * as service from './small-matters.service.js';

const tags = ['small-matters'];
const errors = CLIENT_ERRORS;

/** Small matters (身边小事): what a member fixed herself, with photos; staff verify; the community wall. */
export function smallMattersRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { db, clock } = deps;
  const byMatter = (req: { params: unknown }) =>
    service.scopeOfMatter(db.kysely, (req.params as { id: string }).id);

  return async (app) => {
    app.post('/api/v1/small-matters', {
      config: { access: 'session' },
      schema: {
        operationId: 'recordSmallMatter',
        tags,
        summary:
          'Record a small matter one fixed oneself (a party member of the community), with before/after photos',
        body: SmallMatterBody,
        response: { 201: SmallMatter, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const res = await db.kysely
          .transaction()
          .execute((trx) => service.record(trx, deps, actor, req.body));
        return reply.status(201).send(res);
      },
    });

    app.get('/api/v1/me/small-matters', {
      config: { access: 'session' },
      schema: {
        operationId: 'listMySmallMatters',
        tags,
        summary: 'The caller’s own small matters, newest first',
        querystring: SmallMatterQuery,
        response: { 200: SmallMatterList, ...errors },
      },
      handler: async (req) => service.listMine(db.kysely, actorOf(req, clock), req.query),
    });

    app.get('/api/v1/places/:placeId/small-matters', {
      config: { access: 'members.read', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'listSmallMatters',
        tags,
        summary: 'Small matters under a place (staff), newest first',
        params: PlaceIdParams,
        querystring: SmallMatterQuery,
        response: { 200: SmallMatterList, ...errors },
      },
      handler: async (req) =>
        service.listUnder(db.kysely, actorOf(req, clock), requireScopePlace(req), req.query),
    });

    app.get('/api/v1/places/:placeId/small-matters/wall', {
      config: { access: 'session' },
      schema: {
        operationId: 'getSmallMattersWall',
        tags,
        summary:
          'The community wall: verified small matters their members chose to show (anyone of the community)',
        params: PlaceIdParams,
        querystring: PageQuery,
        response: { 200: Wall, ...errors },
      },
      handler: async (req) => service.wall(db.kysely, actorOf(req, clock), req.params.placeId, req.query),
    });

    app.get('/api/v1/small-matters/:id', {
      config: { access: 'session' },
      schema: {
        operationId: 'getSmallMatter',
        tags,
        summary: 'One small matter: for its member and the community’s staff',
        params: IdParams,
        response: { 200: SmallMatter, ...errors },
      },
      handler: async (req) => service.get(db.kysely, actorOf(req, clock), req.params.id),
    });

    app.patch('/api/v1/small-matters/:id', {
      config: { access: 'session' },
      schema: {
        operationId: 'changeSmallMatter',
        tags,
        summary: 'Change a pending or queried small matter (a queried one is submitted again)',
        params: IdParams,
        body: SmallMatterPatchBody,
        response: { 200: SmallMatter, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute((trx) => service.change(trx, actor, req.params.id, req.body));
      },
    });

    app.post('/api/v1/small-matters/:id/withdraw', {
      config: { access: 'session' },
      schema: {
        operationId: 'withdrawSmallMatter',
        tags,
        summary: 'Withdraw a pending or queried small matter',
        params: IdParams,
        response: { 200: SmallMatter, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute((trx) => service.withdraw(trx, actor, req.params.id));
      },
    });

    app.post('/api/v1/small-matters/:id/verify', {
      config: { access: 'members.manage', scope: byMatter },
      schema: {
        operationId: 'verifySmallMatter',
        tags,
        summary: 'Verify a small matter: it counts from now on',
        params: IdParams,
        response: { 200: SmallMatter, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.decide(trx, deps, actor, req.params.id, 'verified', null));
      },
    });

    app.post('/api/v1/small-matters/:id/query', {
      config: { access: 'members.manage', scope: byMatter },
      schema: {
        operationId: 'querySmallMatter',
        tags,
        summary: 'Query a small matter with a reason; the member may change it and submit again',
        params: IdParams,
        body: ReturnBody,
        response: { 200: SmallMatter, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.decide(trx, deps, actor, req.params.id, 'queried', req.body.reason));
      },
    });

    app.post('/api/v1/small-matters/:id/wall', {
      config: { access: 'session' },
      schema: {
        operationId: 'showSmallMatterOnWall',
        tags,
        summary: 'Show a verified small matter on the community wall, or take it down (its member)',
        params: IdParams,
        body: WallBody,
        response: { 200: SmallMatter, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.setOnWall(trx, actor, req.params.id, req.body.show));
      },
    });

    app.get('/api/v1/small-matters/:id/photos/:photoId', {
      config: { access: 'session' },
      schema: {
        operationId: 'getSmallMatterPhoto',
        tags,
        summary: 'A photo of a small matter (its member, staff; the community once it is on the wall)',
        params: SmallMatterPhotoParams,
        response: { ...errors },
      },
      handler: async (req, reply) => {
        const p = await service.photo(db.kysely, actorOf(req, clock), req.params.id, req.params.photoId);
        return reply
          .header('content-type', p.contentType)
          .header('content-disposition', 'inline')
          .header('x-content-type-options', 'nosniff')
          .send(p.data as never);
      },
    });
  };
}
