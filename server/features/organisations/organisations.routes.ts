import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PlaceIdParams } from '../../../domain/contracts/common.js';
import {
  CentralHouseholdChangeBody,
  CentralHouseholdCreateBody,
  CentralHouseholdView,
  OrganisationChangeBody,
  OrganisationCreateBody,
  OrganisationDetail,
  OrganisationDissolveBody,
  OrganisationMergeBody,
  OrganisationTree,
  OwnersCommittee,
  OwnersCommitteeAddBody,
  PositionAppointBody,
  RedButlerAddBody,
} from '../../../domain/contracts/organisation.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS } from '../../lib/http.js';
import { requireScopePlace } from '../../plugins/access.js';
import { peopleRoutes } from '../people/people.routes.js';
import * as ch from './central-households.service.js';
import * as service from './organisations.service.js';
import * as teams from './teams.service.js';

const tags = ['organisation'];
const errors = CLIENT_ERRORS;

/** The four-level organisation: tree, organisations, positions, red butlers, owners' committees, central households. */
export function organisationsRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { db, clock } = deps;
  return async (app) => {
    await app.register(peopleRoutes(deps));
    const placeId = (req: { params: unknown }) => (req.params as { placeId: string }).placeId;
    const id = (req: { params: unknown }) => (req.params as { id: string }).id;
    const orgScope = (req: { params: unknown }) => service.scopeOfOrganisation(db.kysely, id(req));
    const tx = <T>(fn: (trx: typeof db.kysely) => Promise<T>) => db.kysely.transaction().execute(fn);

    app.get('/api/v1/places/:placeId/organisation', {
      config: { access: 'org.read', scope: placeId },
      schema: {
        operationId: 'getOrganisationTree',
        tags,
        summary:
          "The community's four levels as a tree, with counts (members, buildings, central households, vacancies)",
        params: PlaceIdParams,
        response: { 200: OrganisationTree, ...errors },
      },
      handler: async (req) => service.getTree(db.kysely, requireScopePlace(req)),
    });

    app.get('/api/v1/organisations/:id', {
      config: { access: 'org.read', scope: orgScope },
      schema: {
        operationId: 'getOrganisation',
        tags,
        params: IdParams,
        response: { 200: OrganisationDetail, ...errors },
      },
      handler: async (req) => service.getOrganisation(db.kysely, req.params.id),
    });

    app.post('/api/v1/organisations', {
      config: { access: 'org.manage', scope: (req) => (req.body as { placeId: string }).placeId },
      schema: {
        operationId: 'createOrganisation',
        tags,
        summary: 'Set up a big committee, compound branch, building group or joint group on its place',
        body: OrganisationCreateBody,
        response: { 201: OrganisationDetail, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const org = await tx((trx) =>
          service.createOrganisation(trx, actor, requireScopePlace(req), req.body),
        );
        return reply.status(201).send(org);
      },
    });

    app.patch('/api/v1/organisations/:id', {
      config: { access: 'org.manage', scope: orgScope },
      schema: {
        operationId: 'changeOrganisation',
        tags,
        summary: "Rename, or change a joint group's buildings",
        params: IdParams,
        body: OrganisationChangeBody,
        response: { 200: OrganisationDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => service.changeOrganisation(trx, actor, req.params.id, req.body));
      },
    });

    app.post('/api/v1/organisations/:id/merge', {
      config: { access: 'org.manage', scope: orgScope },
      schema: {
        operationId: 'mergeOrganisation',
        tags,
        summary: 'Merge this group into another of the same branch (this one is kept, dissolved)',
        params: IdParams,
        body: OrganisationMergeBody,
        response: { 200: OrganisationDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => service.mergeOrganisation(trx, actor, req.params.id, req.body));
      },
    });

    app.post('/api/v1/organisations/:id/dissolve', {
      config: { access: 'org.manage', scope: orgScope },
      schema: {
        operationId: 'dissolveOrganisation',
        tags,
        params: IdParams,
        body: OrganisationDissolveBody,
        response: { 200: OrganisationDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => service.dissolveOrganisation(trx, actor, req.params.id, req.body.reason));
      },
    });

    app.post('/api/v1/organisations/:id/positions', {
      config: { access: 'org.manage', scope: orgScope },
      schema: {
        operationId: 'appointPosition',
        tags,
        summary: 'Appoint a person (or, for a big-committee seat, a partner unit) to a position',
        params: IdParams,
        body: PositionAppointBody,
        response: { 201: OrganisationDetail, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const org = await tx((trx) => service.appointPosition(trx, actor, req.params.id, req.body));
        return reply.status(201).send(org);
      },
    });

    app.post('/api/v1/positions/:id/end', {
      config: { access: 'org.manage', scope: (req) => service.scopeOfPosition(db.kysely, id(req)) },
      schema: {
        operationId: 'endPosition',
        tags,
        params: IdParams,
        response: { 200: OrganisationDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => service.endPosition(trx, actor, req.params.id));
      },
    });

    app.post('/api/v1/organisations/:id/red-butlers', {
      config: { access: 'org.manage', scope: orgScope },
      schema: {
        operationId: 'addRedButler',
        tags,
        summary: "Add someone to a group's red butler team (members and non-members alike)",
        params: IdParams,
        body: RedButlerAddBody,
        response: { 201: OrganisationDetail, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const org = await tx((trx) => teams.addRedButler(trx, actor, req.params.id, req.body));
        return reply.status(201).send(org);
      },
    });

    app.post('/api/v1/red-butlers/:id/end', {
      config: { access: 'org.manage', scope: (req) => teams.scopeOfRedButler(db.kysely, id(req)) },
      schema: {
        operationId: 'endRedButler',
        tags,
        params: IdParams,
        response: { 200: OrganisationDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => teams.endRedButler(trx, actor, req.params.id));
      },
    });

    app.get('/api/v1/places/:placeId/owners-committee', {
      config: { access: 'org.read', scope: placeId },
      schema: {
        operationId: 'getOwnersCommittee',
        tags,
        summary: "A compound's owners' committee, past members included",
        params: PlaceIdParams,
        response: { 200: OwnersCommittee, ...errors },
      },
      handler: async (req) => teams.getOwnersCommittee(db.kysely, requireScopePlace(req)),
    });

    app.post('/api/v1/places/:placeId/owners-committee', {
      config: { access: 'org.manage', scope: placeId },
      schema: {
        operationId: 'addOwnersCommitteeMember',
        tags,
        params: PlaceIdParams,
        body: OwnersCommitteeAddBody,
        response: { 201: OwnersCommittee, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const out = await tx((trx) =>
          teams.addOwnersCommitteeMember(trx, actor, requireScopePlace(req), req.body),
        );
        return reply.status(201).send(out);
      },
    });

    app.post('/api/v1/owners-committee-members/:id/end', {
      config: {
        access: 'org.manage',
        scope: (req) => teams.scopeOfOwnersCommitteeMember(db.kysely, id(req)),
      },
      schema: {
        operationId: 'endOwnersCommitteeMember',
        tags,
        params: IdParams,
        response: { 200: OwnersCommittee, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => teams.endOwnersCommitteeMember(trx, actor, req.params.id));
      },
    });

    app.post('/api/v1/central-households', {
      config: { access: 'org.manage', scope: (req) => (req.body as { householdId: string }).householdId },
      schema: {
        operationId: 'createCentralHousehold',
        tags,
        summary:
          'Make a household a central household: its leading party member and the neighbours it looks after',
        body: CentralHouseholdCreateBody,
        response: { 201: CentralHouseholdView, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const out = await tx((trx) =>
          ch.createCentralHousehold(trx, actor, requireScopePlace(req), req.body),
        );
        return reply.status(201).send(out);
      },
    });

    const chScope = (req: { params: unknown }) => ch.scopeOfCentralHousehold(db.kysely, id(req));

    app.patch('/api/v1/central-households/:id', {
      config: { access: 'org.manage', scope: chScope },
      schema: {
        operationId: 'changeCentralHousehold',
        tags,
        params: IdParams,
        body: CentralHouseholdChangeBody,
        response: { 200: CentralHouseholdView, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => ch.changeCentralHousehold(trx, actor, req.params.id, req.body));
      },
    });

    app.post('/api/v1/central-households/:id/end', {
      config: { access: 'org.manage', scope: chScope },
      schema: {
        operationId: 'endCentralHousehold',
        tags,
        params: IdParams,
        response: { 200: CentralHouseholdView, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return tx((trx) => ch.endCentralHousehold(trx, actor, req.params.id));
      },
    });
  };
}
