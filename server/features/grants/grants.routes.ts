import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Page, PageQuery, PlaceIdParams } from '../../../domain/contracts/common.js';
import { Phone } from '../../../domain/contracts/auth.js';
import { Grant, GrantCreateBody } from '../../../domain/contracts/grants.js';
import { maskPhone } from '../../../domain/privacy.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, requireScope, scopeFromParam } from '../../lib/http.js';
import { findUserByPhone } from '../auth/auth.repository.js';
import { findGrant } from './grants.repository.js';
import * as service from './grants.service.js';

const tags = ['roles'];
const errors = CLIENT_ERRORS;

export function grantsRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  const k = db.kysely;
  const byPlace = scopeFromParam('placeId');

  return async (app) => {
    app.get('/api/v1/places/:placeId/grants', {
      config: { access: 'grants.read', scope: byPlace },
      schema: {
        operationId: 'listGrants',
        tags,
        summary: 'Roles held on this place and below',
        params: PlaceIdParams,
        querystring: PageQuery,
        response: { 200: Page(Grant), ...errors },
      },
      handler: async (req) => service.listGrants(k, actorOf(req, clock), requireScope(req), req.query),
    });

    app.get('/api/v1/places/:placeId/accounts', {
      config: { access: 'grants.manage', scope: byPlace },
      schema: {
        operationId: 'findAccountByPhone',
        tags,
        summary: 'Find an account by its exact phone number, to grant it a role here',
        params: PlaceIdParams,
        querystring: z.object({ phone: Phone }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), displayName: z.string(), phone: z.string().nullable() }),
            ),
          }),
          ...errors,
        },
      },
      handler: async (req) => {
        const user = await findUserByPhone(k, req.query.phone);
        return {
          items: user ? [{ id: user.id, displayName: user.display_name, phone: maskPhone(user.phone) }] : [],
        };
      },
    });

    app.post('/api/v1/grants', {
      config: { access: 'grants.manage', scope: (req) => (req.body as { placeId: string }).placeId },
      schema: { operationId: 'grantRole', tags, body: GrantCreateBody, response: { 201: Grant, ...errors } },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const g = await k.transaction().execute((trx) =>
          service.grantRole(trx, actor, requireScope(req), {
            userId: req.body.userId,
            role: req.body.role,
          }),
        );
        return reply.status(201).send(g);
      },
    });

    app.delete('/api/v1/grants/:id', {
      config: {
        access: 'grants.manage',
        scope: async (req) => {
          const g = await findGrant(k, (req.params as { id: string }).id);
          return g ? g.place_id : undefined;
        },
      },
      schema: { operationId: 'revokeRole', tags, params: IdParams, response: { 204: z.null(), ...errors } },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        await k
          .transaction()
          .execute((trx) => service.revokeGrant(trx, actor, req.params.id, req.scopePlace));
        return reply.status(204).send(null);
      },
    });
  };
}
