import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PlaceIdParams } from '../../../domain/contracts/common.js';
import { PlaceStats } from '../../../domain/contracts/members.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS } from '../../lib/http.js';
import * as service from './stats.service.js';

/** Headline counts of any place (C7): lit households, small matters, needs, members, posts, whistles. */
export function statsRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/places/:placeId/stats', {
      config: { access: 'session' },
      schema: {
        operationId: 'getPlaceStats',
        tags: ['stats'],
        summary:
          'Headline counts over the place’s whole subtree, live (residents: their community and below)',
        params: PlaceIdParams,
        response: { 200: PlaceStats, ...CLIENT_ERRORS },
      },
      handler: async (req) => service.statsOf(db.kysely, actorOf(req, clock), req.params.placeId),
    });
  };
}
