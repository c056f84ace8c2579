import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Binding,
  BindingCreateBody,
  BindingListQuery,
  BindingRejectBody,
} from '../../../domain/contracts/bindings.js';
import { ErrorBody, IdParams, Page, PlaceIdParams } from '../../../domain/contracts/common.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, requireScope } from '../../lib/http.js';
import * as service from './bindings.service.js';

const tags = ['bindings'];
const errors = CLIENT_ERRORS;

export function bindingsRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  const k = db.kysely;
  const scopeOfBinding = (req: { params: unknown }) =>
    service.scopeOfBinding(k, (req.params as { id: string }).id);

  return async (app) => {
    app.post('/api/v1/bindings', {
      config: { access: 'session' },
      schema: {
        operationId: 'requestBinding',
        tags,
        summary: 'Ask to be bound to a household; a building leader or community staff decide',
        body: BindingCreateBody,
        response: { 201: Binding, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const b = await k.transaction().execute((trx) => service.requestBinding(trx, actor, req.body));
        return reply.status(201).send(b);
      },
    });

    app.get('/api/v1/bindings/mine', {
      config: { access: 'session' },
      schema: { operationId: 'listMyBindings', tags, response: { 200: Page(Binding), 401: ErrorBody } },
      handler: async (req) => service.listMyBindings(k, actorOf(req, clock)),
    });

    app.post('/api/v1/bindings/:id/withdraw', {
      config: { access: 'session' },
      schema: {
        operationId: 'withdrawBinding',
        tags,
        params: IdParams,
        response: { 200: Binding, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return k.transaction().execute((trx) => service.decide(trx, actor, req.params.id, 'withdraw', null));
      },
    });

    app.get('/api/v1/places/:placeId/bindings', {
      config: { access: 'bindings.decide', scope: (req) => (req.params as { placeId: string }).placeId },
      schema: {
        operationId: 'listBindings',
        tags,
        summary: 'Binding requests for households in this place',
        params: PlaceIdParams,
        querystring: BindingListQuery,
        response: { 200: Page(Binding), ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return k
          .transaction()
          .execute((trx) => service.listBindings(trx, actor, requireScope(req), req.query));
      },
    });

    app.post('/api/v1/bindings/:id/approve', {
      config: { access: 'bindings.decide', scope: scopeOfBinding },
      schema: {
        operationId: 'approveBinding',
        tags,
        params: IdParams,
        response: { 200: Binding, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return k.transaction().execute((trx) => service.decide(trx, actor, req.params.id, 'approve', null));
      },
    });

    app.post('/api/v1/bindings/:id/reject', {
      config: { access: 'bindings.decide', scope: scopeOfBinding },
      schema: {
        operationId: 'rejectBinding',
        tags,
        params: IdParams,
        body: BindingRejectBody,
        response: { 200: Binding, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return k
          .transaction()
          .execute((trx) => service.decide(trx, actor, req.params.id, 'reject', req.body.reason));
      },
    });
  };
}
