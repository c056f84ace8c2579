import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, PlaceIdParams } from '../../../domain/contracts/common.js';
import {
  MemberParams,
  ServiceRecord,
  ServiceRecordQuery,
  WorkUnitSummary,
  WorkUnitSummaryQuery,
} from '../../../domain/contracts/members.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, scopeFromParam } from '../../lib/http.js';
import { requireScopePlace } from '../../plugins/access.js';
import { recordPdf, recordXlsx, workUnitSummaryXlsx } from './records.files.js';
import * as service from './records.service.js';

const tags = ['records'];
const errors = CLIENT_ERRORS;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile(reply: FastifyReply, body: Buffer, type: string, filename: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}

/** Service records: a member's own, a member's as her community's staff see it, and per work unit. */
export function recordsRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { db, clock } = deps;

  return async (app) => {
    app.get('/api/v1/me/service-record', {
      config: { access: 'session' },
      schema: {
        operationId: 'getMyServiceRecord',
        tags,
        summary:
          'The caller’s service record: hours, needs served, posts held, whistles answered, small matters',
        querystring: ServiceRecordQuery,
        response: { 200: ServiceRecord, ...errors },
      },
      handler: async (req) => service.myRecord(db.kysely, actorOf(req, clock), req.query),
    });

    for (const format of ['xlsx', 'pdf'] as const) {
      app.get(`/api/v1/me/service-record.${format}`, {
        config: { access: 'session' },
        schema: {
          operationId: format === 'xlsx' ? 'getMyServiceRecordXlsx' : 'getMyServiceRecordPdf',
          tags,
          summary: `The caller’s service record as ${format === 'xlsx' ? 'Excel' : 'PDF'}`,
          querystring: ServiceRecordQuery,
          response: { ...errors, 503: ErrorBody },
        },
        handler: async (req, reply) => {
          const record = await service.myRecord(db.kysely, actorOf(req, clock), req.query);
          const body =
            format === 'xlsx'
              ? await recordXlsx(record, req.query.lang)
              : await recordPdf(record, req.query.lang);
          return sendFile(
            reply,
            body,
            format === 'xlsx' ? XLSX : 'application/pdf',
            `service-record.${format}`,
          );
        },
      });
    }

    app.get('/api/v1/places/:placeId/members/:userId/service-record', {
      config: { access: 'members.read', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'getMemberServiceRecord',
        tags,
        summary: 'A member’s service record inside a place (staff): only what she did there',
        params: MemberParams,
        querystring: ServiceRecordQuery,
        response: { 200: ServiceRecord, ...errors },
      },
      handler: async (req) =>
        service.memberRecord(db.kysely, requireScopePlace(req), req.params.userId, req.query),
    });

    for (const format of ['xlsx', 'pdf'] as const) {
      app.get(`/api/v1/places/:placeId/members/:userId/service-record.${format}`, {
        config: { access: 'members.read', scope: scopeFromParam('placeId') },
        schema: {
          operationId: format === 'xlsx' ? 'getMemberServiceRecordXlsx' : 'getMemberServiceRecordPdf',
          tags,
          summary: `A member’s service record inside a place as ${format === 'xlsx' ? 'Excel' : 'PDF'} (staff)`,
          params: MemberParams,
          querystring: ServiceRecordQuery,
          response: { ...errors, 503: ErrorBody },
        },
        handler: async (req, reply) => {
          const record = await service.memberRecord(
            db.kysely,
            requireScopePlace(req),
            req.params.userId,
            req.query,
          );
          const body =
            format === 'xlsx'
              ? await recordXlsx(record, req.query.lang)
              : await recordPdf(record, req.query.lang);
          return sendFile(
            reply,
            body,
            format === 'xlsx' ? XLSX : 'application/pdf',
            `service-record.${format}`,
          );
        },
      });
    }

    app.get('/api/v1/places/:placeId/work-unit-summary', {
      config: { access: 'members.read', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'getWorkUnitSummary',
        tags,
        summary: 'Members reported in under a place and their service, per work unit (to send to employers)',
        params: PlaceIdParams,
        querystring: WorkUnitSummaryQuery,
        response: { 200: WorkUnitSummary, ...errors },
      },
      handler: async (req) => service.workUnitSummary(db.kysely, requireScopePlace(req), req.query),
    });

    app.get('/api/v1/places/:placeId/work-unit-summary.xlsx', {
      config: { access: 'members.read', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'getWorkUnitSummaryXlsx',
        tags,
        summary: 'The per-work-unit summary as Excel',
        params: PlaceIdParams,
        querystring: WorkUnitSummaryQuery,
        response: { ...errors },
      },
      handler: async (req, reply) => {
        const summary = await service.workUnitSummary(db.kysely, requireScopePlace(req), req.query);
        return sendFile(
          reply,
          await workUnitSummaryXlsx(summary, req.query.lang),
          XLSX,
          'work-unit-summary.xlsx',
        );
      },
    });
  };
}
