import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams, Page } from '../../../domain/contracts/common.js';
import { Meeting, MeetingCreateBody, MeetingListQuery } from '../../../domain/contracts/standards.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/http.js';
import * as service from './meetings.service.js';

const tags = ['meetings'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Meetings of an organisation (plenary, deliberation, evening, building); S7 reads the plenaries. */
export function meetingsRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  const k = db.kysely;
  const byOrganisation = (req: { params: unknown }) =>
    service.scopeOfOrganisation(k, (req.params as { id: string }).id);

  return async (app) => {
    app.get('/api/v1/organisations/:id/meetings', {
      config: { access: 'org.read', scope: byOrganisation },
      schema: {
        operationId: 'listMeetings',
        tags,
        summary: "An organisation's meetings, latest first",
        params: IdParams,
        querystring: MeetingListQuery,
        response: { 200: Page(Meeting), ...errors },
      },
      handler: async (req) => service.listMeetings(k, req.params.id, req.query),
    });

    app.post('/api/v1/organisations/:id/meetings', {
      config: { access: 'org.manage', scope: byOrganisation },
      schema: {
        operationId: 'recordMeeting',
        tags,
        summary: 'Record a meeting the organisation held',
        params: IdParams,
        body: MeetingCreateBody,
        response: { 201: Meeting, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const m = await k
          .transaction()
          .execute((trx) => service.recordMeeting(trx, actor, req.params.id, req.body));
        return reply.status(201).send(m);
      },
    });
  };
}
