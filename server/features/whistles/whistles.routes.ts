import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PlaceIdParams } from '../../../domain/contracts/common.js';
import {
  AnswerWhistleBody,
  BlowWhistleBody,
  CloseWhistleBody,
  WhistleAudienceOptions,
  WhistleDetail,
  WhistleDoneBody,
  WhistleList,
  WhistleQuery,
} from '../../../domain/contracts/members.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, scopeFromParam } from '../../lib/http.js';
import { requireScopePlace } from '../../plugins/access.js';
import * as service from './whistles.service.js';

const tags = ['whistles'];
const errors = CLIENT_ERRORS;

/** The whistle (吹哨): staff call chosen audiences to a matter; each answers, checks in, reports done. */
export function whistlesRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { db, clock } = deps;
  const idOf = (req: { params: unknown }) => (req.params as { id: string }).id;

  return async (app) => {
    app.get('/api/v1/places/:placeId/whistle-audiences', {
      config: { access: 'whistles.manage', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'getWhistleAudiences',
        tags,
        summary:
          'Whom a whistle on the community can call: reported-in members, paired partner units, red butlers by compound',
        params: PlaceIdParams,
        response: { 200: WhistleAudienceOptions, ...errors },
      },
      handler: async (req) => service.audienceOptions(db.kysely, actorOf(req, clock), requireScopePlace(req)),
    });

    app.post('/api/v1/places/:placeId/whistles', {
      config: { access: 'whistles.manage', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'blowWhistle',
        tags,
        summary: 'Blow a whistle on a matter in the community to chosen audiences',
        params: PlaceIdParams,
        body: BlowWhistleBody,
        response: { 201: WhistleDetail, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const res = await db.kysely
          .transaction()
          .execute((trx) => service.blowWhistle(trx, deps, actor, requireScopePlace(req), req.body));
        return reply.status(201).send(res);
      },
    });

    app.get('/api/v1/places/:placeId/whistles', {
      config: { access: 'members.read', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'listWhistles',
        tags,
        summary: 'Whistles under a place, newest first, with their counts',
        params: PlaceIdParams,
        querystring: WhistleQuery,
        response: { 200: WhistleList, ...errors },
      },
      handler: async (req) =>
        service.listUnder(db.kysely, actorOf(req, clock), requireScopePlace(req), req.query),
    });

    app.get('/api/v1/me/whistles', {
      config: { access: 'session' },
      schema: {
        operationId: 'listMyWhistles',
        tags,
        summary: 'The whistles the caller was called to, newest first',
        querystring: WhistleQuery,
        response: { 200: WhistleList, ...errors },
      },
      handler: async (req) => service.listMine(db.kysely, actorOf(req, clock), req.query),
    });

    app.get('/api/v1/whistles/:id', {
      config: { access: 'session' },
      schema: {
        operationId: 'getWhistle',
        tags,
        summary: 'A whistle and its board (staff: everyone called; a called person: her own row)',
        params: IdParams,
        response: { 200: WhistleDetail, ...errors },
      },
      handler: async (req) => service.getWhistle(db.kysely, actorOf(req, clock), req.params.id),
    });

    app.post('/api/v1/whistles/:id/answer', {
      config: { access: 'session' },
      schema: {
        operationId: 'answerWhistle',
        tags,
        summary: 'Answer a whistle: coming or cannot (may change until arriving)',
        params: IdParams,
        body: AnswerWhistleBody,
        response: { 200: WhistleDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute((trx) => service.answer(trx, actor, req.params.id, req.body));
      },
    });

    app.post('/api/v1/whistles/:id/check-in', {
      config: { access: 'session' },
      schema: {
        operationId: 'checkInWhistle',
        tags,
        summary:
          'Check in on arrival (after answering coming); minutes to arrive are counted from the whistle',
        params: IdParams,
        response: { 200: WhistleDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute((trx) => service.checkIn(trx, actor, req.params.id));
      },
    });

    app.post('/api/v1/whistles/:id/done', {
      config: { access: 'session' },
      schema: {
        operationId: 'reportWhistleDone',
        tags,
        summary: 'Report one’s part done (after arriving)',
        params: IdParams,
        body: WhistleDoneBody,
        response: { 200: WhistleDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.reportDone(trx, actor, req.params.id, req.body.note ?? null));
      },
    });

    app.post('/api/v1/whistles/:id/close', {
      config: { access: 'whistles.manage', scope: (req) => service.scopeOfWhistle(db.kysely, idOf(req)) },
      schema: {
        operationId: 'closeWhistle',
        tags,
        summary: 'Close a whistle',
        params: IdParams,
        body: CloseWhistleBody,
        response: { 200: WhistleDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.close(trx, deps, actor, req.params.id, req.body.note ?? null));
      },
    });
  };
}
