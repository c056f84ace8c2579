import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PlaceIdParams } from '../../../domain/contracts/common.js';
import {
  MemberReport,
  MemberReportList,
  MemberReportQuery,
  MemberSettings,
  MemberSettingsBody,
  ReportableCommunities,
  ReportEditBody,
  ReportInBody,
  ReportMoveBody,
  ReturnBody,
} from '../../../domain/contracts/members.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, scopeFromParam } from '../../lib/http.js';
import { requireScopePlace } from '../../plugins/access.js';
import * as service from './members.service.js';

const tags = ['members'];
const errors = CLIENT_ERRORS;

/** Reporting in (报到): in-service members register with their residential community; staff decide. */
export function membersRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { db, clock } = deps;
  const byReport = (req: { params: unknown }) =>
    service.scopeOfReport(db.kysely, (req.params as { id: string }).id);

  return async (app) => {
    app.get('/api/v1/report-in/communities', {
      config: { access: 'session' },
      schema: {
        operationId: 'listReportableCommunities',
        tags,
        summary: 'Communities a member may report in to',
        response: { 200: ReportableCommunities, ...errors },
      },
      handler: async () => service.listCommunities(db.kysely),
    });

    app.post('/api/v1/member-reports', {
      config: { access: 'session' },
      schema: {
        operationId: 'reportIn',
        tags,
        summary:
          'Report in to one’s residential community: work unit, its party organisation, skills, free time',
        body: ReportInBody,
        response: { 201: MemberReport, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const res = await db.kysely
          .transaction()
          .execute((trx) => service.reportIn(trx, deps, actor, req.body));
        return reply.status(201).send(res);
      },
    });

    app.get('/api/v1/me/member-reports', {
      config: { access: 'session' },
      schema: {
        operationId: 'listMyMemberReports',
        tags,
        summary: 'The caller’s own report-ins, newest first',
        response: { 200: MemberReportList, ...errors },
      },
      handler: async (req) => service.listMine(db.kysely, actorOf(req, clock)),
    });

    app.get('/api/v1/places/:placeId/member-reports', {
      config: { access: 'members.read', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'listMemberReports',
        tags,
        summary: 'Report-ins to the communities under a place (staff): pending, approved, due to confirm …',
        params: PlaceIdParams,
        querystring: MemberReportQuery,
        response: { 200: MemberReportList, ...errors },
      },
      handler: async (req) =>
        service.listUnder(db.kysely, actorOf(req, clock), requireScopePlace(req), req.query),
    });

    app.get('/api/v1/member-reports/:id', {
      config: { access: 'session' },
      schema: {
        operationId: 'getMemberReport',
        tags,
        summary: 'One report-in: for its member and the community’s staff',
        params: IdParams,
        response: { 200: MemberReport, ...errors },
      },
      handler: async (req) => service.getReport(db.kysely, actorOf(req, clock), req.params.id),
    });

    app.patch('/api/v1/member-reports/:id', {
      config: { access: 'session' },
      schema: {
        operationId: 'editMemberReport',
        tags,
        summary: 'Change a pending or returned report-in (a returned one is submitted again)',
        params: IdParams,
        body: ReportEditBody,
        response: { 200: MemberReport, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.editReport(trx, actor, req.params.id, req.body));
      },
    });

    for (const [step, summary] of [
      ['withdraw', 'Withdraw a report-in (an approved one ends: the community role goes)'],
      ['confirm', 'Confirm an approved report-in again (asked every few months)'],
    ] as const) {
      app.post(`/api/v1/member-reports/:id/${step}`, {
        config: { access: 'session' },
        schema: {
          operationId: step === 'withdraw' ? 'withdrawMemberReport' : 'confirmMemberReport',
          tags,
          summary,
          params: IdParams,
          response: { 200: MemberReport, ...errors },
        },
        handler: async (req) => {
          const actor = actorOf(req, clock);
          return db.kysely
            .transaction()
            .execute((trx) =>
              step === 'withdraw'
                ? service.withdrawReport(trx, actor, req.params.id)
                : service.confirmReport(trx, actor, req.params.id),
            );
        },
      });
    }

    app.post('/api/v1/member-reports/:id/move', {
      config: { access: 'session' },
      schema: {
        operationId: 'moveMemberReport',
        tags,
        summary: 'Move to another community: a new report there; this one ends when the new one is approved',
        params: IdParams,
        body: ReportMoveBody,
        response: { 201: MemberReport, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const res = await db.kysely
          .transaction()
          .execute((trx) => service.moveReport(trx, deps, actor, req.params.id, req.body));
        return reply.status(201).send(res);
      },
    });

    app.post('/api/v1/member-reports/:id/approve', {
      config: { access: 'members.manage', scope: byReport },
      schema: {
        operationId: 'approveMemberReport',
        tags,
        summary: 'Approve a report-in: the member becomes a party member of the community (in service)',
        params: IdParams,
        response: { 200: MemberReport, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.approveReport(trx, deps, actor, req.params.id));
      },
    });

    app.post('/api/v1/member-reports/:id/return', {
      config: { access: 'members.manage', scope: byReport },
      schema: {
        operationId: 'returnMemberReport',
        tags,
        summary: 'Return a report-in to its member with a reason',
        params: IdParams,
        body: ReturnBody,
        response: { 200: MemberReport, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.returnReport(trx, deps, actor, req.params.id, req.body.reason));
      },
    });

    app.get('/api/v1/places/:placeId/member-settings', {
      config: { access: 'members.read', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'getMemberSettings',
        tags,
        summary: 'How often members confirm their report-in, in the place’s district',
        params: PlaceIdParams,
        response: { 200: MemberSettings, ...errors },
      },
      handler: async (req) => service.memberSettingsFor(db.kysely, requireScopePlace(req).path),
    });

    app.put('/api/v1/places/:placeId/member-settings', {
      config: {
        access: 'settings.manage',
        // Settings belong to the district: the permission is checked there.
        scope: (req) => service.districtOfPlace(db.kysely, (req.params as { placeId: string }).placeId),
      },
      schema: {
        operationId: 'putMemberSettings',
        tags,
        summary: 'Set how often members confirm their report-in (district admins)',
        params: PlaceIdParams,
        body: MemberSettingsBody,
        response: { 200: MemberSettings, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.saveMemberSettings(trx, actor, requireScopePlace(req), req.body));
      },
    });
  };
}
