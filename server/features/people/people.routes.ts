import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Page, PlaceIdParams } from '../../../domain/contracts/common.js';
import {
  InstructorLinkBody,
  PartyMembershipSetBody,
  PeopleQuery,
  PersonChangeBody,
  PersonCreateBody,
  PersonDetail,
  PersonView,
} from '../../../domain/contracts/organisation.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS } from '../../lib/http.js';
import { requireScopePlace } from '../../plugins/access.js';
import * as service from './people.service.js';

const tags = ['people'];
const errors = CLIENT_ERRORS;

/** People of a community: residents, party members (resident or in-service), instructors, building leaders. */
export function peopleRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const placeId = (req: { params: unknown }) => (req.params as { placeId: string }).placeId;
    const personScope = (req: { params: unknown }) =>
      service.scopeOfPerson(db.kysely, (req.params as { id: string }).id);
    const tx = <T>(fn: (trx: typeof db.kysely) => Promise<T>) => db.kysely.transaction().execute(fn);

    app.get('/api/v1/places/:placeId/people', {
      config: { access: 'people.read', scope: placeId },
      schema: {
        operationId: 'listPeople',
        tags,
        summary: 'People of the place (phones masked unless the caller serves the community)',
        params: PlaceIdParams,
        querystring: PeopleQuery,
        response: { 200: Page(PersonView), ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => service.listPeople(trx, actor, requireScopePlace(req), req.query));
      },
    });

    app.post('/api/v1/places/:placeId/people', {
      config: { access: 'people.manage', scope: placeId },
      schema: {
        operationId: 'createPerson',
        tags,
        summary: 'Record a person in the community of this place (a household place sets their household)',
        params: PlaceIdParams,
        body: PersonCreateBody,
        response: { 201: PersonDetail, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const out = await tx((trx) => service.createPerson(trx, actor, requireScopePlace(req), req.body));
        return reply.status(201).send(out);
      },
    });

    app.get('/api/v1/people/:id', {
      config: { access: 'people.read', scope: personScope },
      schema: {
        operationId: 'getPerson',
        tags,
        params: IdParams,
        response: { 200: PersonDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => service.getPerson(trx, actor, req.params.id));
      },
    });

    app.patch('/api/v1/people/:id', {
      config: { access: 'people.manage', scope: personScope },
      schema: {
        operationId: 'changePerson',
        tags,
        summary: "Change a person's record, or link it to an account (userId)",
        params: IdParams,
        body: PersonChangeBody,
        response: { 200: PersonDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => service.changePerson(trx, actor, req.params.id, req.body));
      },
    });

    app.post('/api/v1/people/:id/party-membership', {
      config: { access: 'people.manage', scope: personScope },
      schema: {
        operationId: 'setPartyMembership',
        tags,
        summary: 'Record or change a party membership (resident or in-service, organisation, work unit)',
        params: IdParams,
        body: PartyMembershipSetBody,
        response: { 200: PersonDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => service.setPartyMembership(trx, actor, req.params.id, req.body));
      },
    });

    app.post('/api/v1/people/:id/party-membership/end', {
      config: { access: 'people.manage', scope: personScope },
      schema: {
        operationId: 'endPartyMembership',
        tags,
        params: IdParams,
        response: { 200: PersonDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => service.endPartyMembership(trx, actor, req.params.id));
      },
    });

    app.post('/api/v1/people/:id/instructor-links', {
      config: { access: 'people.manage', scope: personScope },
      schema: {
        operationId: 'linkInstructor',
        tags,
        summary:
          'Link a party-building instructor to a compound (S3: refused past the limit, INSTRUCTOR_LIMIT)',
        params: IdParams,
        body: InstructorLinkBody,
        response: { 201: PersonDetail, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const out = await tx((trx) => service.linkInstructor(trx, actor, req.params.id, req.body.compoundId));
        return reply.status(201).send(out);
      },
    });

    app.post('/api/v1/instructor-links/:id/end', {
      config: {
        access: 'people.manage',
        scope: (req) => service.scopeOfInstructorLink(db.kysely, (req.params as { id: string }).id),
      },
      schema: {
        operationId: 'unlinkInstructor',
        tags,
        params: IdParams,
        response: { 200: PersonDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => service.unlinkInstructor(trx, actor, req.params.id));
      },
    });
  };
}
