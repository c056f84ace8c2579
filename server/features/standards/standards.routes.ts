import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, PlaceIdParams } from '../../../domain/contracts/common.js';
import { ExportQuery, StandardsReport, StandardsSummary } from '../../../domain/contracts/standards.js';
import type { Deps } from '../../deps.js';
import { requireScope, scopeFromParam } from '../../lib/http.js';
import { meetingsRoutes } from '../meetings/meetings.routes.js';
import { settingsRoutes } from '../settings/settings.routes.js';
import { venuesRoutes } from '../venues/venues.routes.js';
import * as service from './standards.service.js';
import { districtDay } from '../../../domain/district-time.js';

const tags = ['standards'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const byPlace = scopeFromParam('placeId');

/** Standards S1–S7 for any place: the rules, a per-child summary for drill-down, and an Excel export. */
export function standardsRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  const now = () => clock.now().toISOString();
  return async (app) => {
    app.get('/api/v1/places/:placeId/standards', {
      config: { access: 'standards.read', scope: byPlace },
      schema: {
        operationId: 'getStandards',
        tags,
        summary:
          'Which standards hold over this place and its subtree, every break and the action that fixes it',
        params: PlaceIdParams,
        response: { 200: StandardsReport, ...errors },
      },
      handler: async (req) => service.standardsOf(db.kysely, requireScope(req), now()),
    });

    app.get('/api/v1/places/:placeId/standards/summary', {
      config: { access: 'standards.read', scope: byPlace },
      schema: {
        operationId: 'getStandardsSummary',
        tags,
        summary: 'Breaks per standard under each child place, for drill-down from district to building',
        params: PlaceIdParams,
        response: { 200: StandardsSummary, ...errors },
      },
      handler: async (req) => service.standardsSummaryOf(db.kysely, requireScope(req), now()),
    });

    app.get('/api/v1/places/:placeId/standards/export.xlsx', {
      config: { access: 'standards.read', scope: byPlace },
      schema: {
        operationId: 'exportStandards',
        tags,
        summary: 'The breaks as an Excel workbook, one row per break, headers in the chosen language',
        params: PlaceIdParams,
        querystring: ExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.any(), ...errors },
      },
      handler: async (req, reply) => {
        const place = requireScope(req);
        const file = await service.exportStandards(db.kysely, place, now(), req.query.lang);
        const day = districtDay(now());
        const name = `standards-${day}.xlsx`;
        const utf8 = encodeURIComponent(
          `${place.name}-${req.query.lang === 'en' ? 'standards' : '规范达标'}-${day}.xlsx`,
        );
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${utf8}`)
          .send(file);
      },
    });
  };
}

/** The standards with the data they read and their settings: one registration for app.ts. */
export function standardsFeature(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(standardsRoutes(deps));
    await app.register(settingsRoutes(deps));
    await app.register(venuesRoutes(deps));
    await app.register(meetingsRoutes(deps));
  };
}
