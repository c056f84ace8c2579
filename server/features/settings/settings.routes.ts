import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, PlaceIdParams } from '../../../domain/contracts/common.js';
import { StandardsSettings, StandardsThresholdsBody } from '../../../domain/contracts/standards.js';
import type { Deps } from '../../deps.js';
import { actorOf, requireScope, scopeFromParam } from '../../lib/http.js';
import * as service from './settings.service.js';

const tags = ['settings'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };
const byPlace = scopeFromParam('placeId');

/** Per-district configuration: the standards thresholds for now. */
export function settingsRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/places/:placeId/settings/standards', {
      config: { access: 'standards.read', scope: byPlace },
      schema: {
        operationId: 'getStandardsSettings',
        tags,
        summary: "A district's standards thresholds (its settings over the defaults)",
        params: PlaceIdParams,
        response: { 200: StandardsSettings, ...errors },
      },
      handler: async (req) => service.getStandardsSettings(db.kysely, requireScope(req)),
    });

    app.put('/api/v1/places/:placeId/settings/standards', {
      config: { access: 'settings.manage', scope: byPlace },
      schema: {
        operationId: 'putStandardsSettings',
        tags,
        summary: "Set a district's standards thresholds; they apply at once",
        params: PlaceIdParams,
        body: StandardsThresholdsBody,
        response: { 200: StandardsSettings, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        const district = requireScope(req);
        return db.kysely
          .transaction()
          .execute((trx) => service.putStandardsSettings(trx, actor, district, req.body));
      },
    });
  };
}
