import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEntry, AuditQuery } from '../../../domain/contracts/audit.js';
import { ErrorBody, Page, PlaceIdParams } from '../../../domain/contracts/common.js';
import type { Deps } from '../../deps.js';
import { requireScope } from '../../lib/http.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { pathIds } from '../../../domain/places.js';
import { findPlacesByIds } from '../places/places.repository.js';
import { listAudit } from './audit.repository.js';

export function auditRoutes({ db }: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/places/:placeId/audit', {
      config: { access: 'audit.read', scope: (req) => (req.params as { placeId: string }).placeId },
      schema: {
        operationId: 'listAuditLog',
        tags: ['audit'],
        summary: 'Who created, changed or viewed data in this place and below, newest first',
        params: PlaceIdParams,
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (req) => {
        const place = requireScope(req);
        const rows = await listAudit(db.kysely, place.path, {
          beforeId: decodeCursor(req.query.cursor),
          limit: req.query.limit + 1,
          action: req.query.action,
        });
        const page = toPage(rows, req.query.limit);
        // Names of every place on the entries' paths, in one query; districts are left out.
        const ids = [...new Set(page.items.flatMap((r) => (r.place_path ? pathIds(r.place_path) : [])))];
        const names = new Map(
          (await findPlacesByIds(db.kysely, ids))
            .filter((p) => p.kind !== 'district')
            .map((p) => [p.id, p.name]),
        );
        return {
          items: page.items.map((r) => ({
            id: r.id,
            at: r.at,
            actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            placeId: r.place_id,
            placeName: r.place_name ?? null,
            placePath: r.place_path ? pathIds(r.place_path).flatMap((id) => names.get(id) ?? []) : [],
            summary: r.summary,
            params: r.params ? (JSON.parse(r.params) as Record<string, string | number | null>) : null,
          })),
          nextCursor: page.nextCursor,
        };
      },
    });
  };
}
