import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Page, PageQuery } from '../../../domain/contracts/common.js';
import {
  Pairing,
  PairingCreateBody,
  PairingEndBody,
  PairingListQuery,
  PairingUpdateBody,
  PartnerContribution,
  PartnerContributionCreateBody,
  PartnerContributionListQuery,
  PartnerOffer,
  PartnerOfferCreateBody,
  PartnerOfferListQuery,
  PartnerOfferUpdateBody,
  PartnerUnit,
  PartnerUnitCreateBody,
  PartnerUnitDetail,
  PartnerUnitListQuery,
  PartnerUnitUpdateBody,
} from '../../../domain/contracts/partners.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, scopeFromParam } from '../../lib/http.js';
import { requireScopePlace } from '../../plugins/access.js';
import * as service from './partners.service.js';

const tags = ['partners'];
const errors = CLIENT_ERRORS;

/**
 * Partner units (C4). Lists are scoped to a place (partners.read there). A unit is reached by id
 * when the caller's grants relate to its district or one of its pairings, or the caller is its
 * contact; the service decides that and answers 404 otherwise.
 */
export function partnersRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const byId = scopeFromParam('id');

    app.get('/api/v1/places/:id/partner-units', {
      config: { access: 'partners.read', scope: byId },
      schema: {
        operationId: 'listPartnerUnits',
        tags,
        summary:
          'Partner units paired with the place, inside it or above it (all of the district at a district)',
        params: IdParams,
        querystring: PartnerUnitListQuery,
        response: { 200: Page(PartnerUnit), ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        const place = requireScopePlace(req);
        return db.kysely.transaction().execute((trx) => service.listUnits(trx, actor, place, req.query));
      },
    });

    app.post('/api/v1/partner-units', {
      config: { access: 'partners.manage', scope: (req) => (req.body as { placeId: string }).placeId },
      schema: {
        operationId: 'createPartnerUnit',
        tags,
        summary: 'Register a partner unit at a district, or at a place it pairs with at once',
        body: PartnerUnitCreateBody,
        response: { 201: PartnerUnitDetail, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const place = requireScopePlace(req);
        const unit = await db.kysely
          .transaction()
          .execute((trx) => service.createUnit(trx, actor, place, req.body));
        return reply.status(201).send(unit);
      },
    });

    app.get('/api/v1/partner-units/:id', {
      config: { access: 'session' },
      schema: {
        operationId: 'getPartnerUnit',
        tags,
        params: IdParams,
        response: { 200: PartnerUnitDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute((trx) => service.getUnit(trx, actor, req.params.id));
      },
    });

    app.patch('/api/v1/partner-units/:id', {
      config: { access: 'session' },
      schema: {
        operationId: 'updatePartnerUnit',
        tags,
        params: IdParams,
        body: PartnerUnitUpdateBody,
        response: { 200: PartnerUnitDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.updateUnit(trx, actor, req.params.id, req.body));
      },
    });

    for (const [action, archived] of [
      ['archive', true],
      ['restore', false],
    ] as const) {
      app.post(`/api/v1/partner-units/:id/${action}`, {
        config: { access: 'session' },
        schema: {
          operationId: `${action}PartnerUnit`,
          tags,
          params: IdParams,
          response: { 200: PartnerUnitDetail, ...errors },
        },
        handler: async (req) => {
          const actor = actorOf(req, clock);
          return db.kysely
            .transaction()
            .execute((trx) => service.setUnitArchived(trx, actor, req.params.id, archived));
        },
      });
    }

    app.get('/api/v1/places/:id/pairings', {
      config: { access: 'partners.read', scope: byId },
      schema: {
        operationId: 'listPairings',
        tags,
        summary: 'Pairings with places inside the place or above it',
        params: IdParams,
        querystring: PairingListQuery,
        response: { 200: z.object({ items: z.array(Pairing) }), ...errors },
      },
      handler: async (req) =>
        service.listPairings(db.kysely, actorOf(req, clock), requireScopePlace(req), req.query.includeEnded),
    });

    app.post('/api/v1/pairings', {
      config: { access: 'partners.manage', scope: (req) => (req.body as { placeId: string }).placeId },
      schema: {
        operationId: 'createPairing',
        tags,
        summary: 'Pair a partner unit with a street, community, compound or building (结对)',
        body: PairingCreateBody,
        response: { 201: Pairing, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const place = requireScopePlace(req);
        const pairing = await db.kysely
          .transaction()
          .execute((trx) => service.createPairing(trx, actor, place, req.body));
        return reply.status(201).send(pairing);
      },
    });

    const pairingScope = (req: { params: unknown }) => service.scopeOfPairing(db.kysely, byId(req));

    app.patch('/api/v1/pairings/:id', {
      config: { access: 'partners.manage', scope: pairingScope },
      schema: {
        operationId: 'updatePairing',
        tags,
        params: IdParams,
        body: PairingUpdateBody,
        response: { 200: Pairing, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        const place = requireScopePlace(req);
        return db.kysely
          .transaction()
          .execute((trx) => service.updatePairing(trx, actor, place, req.params.id, req.body));
      },
    });

    app.post('/api/v1/pairings/:id/end', {
      config: { access: 'partners.manage', scope: pairingScope },
      schema: {
        operationId: 'endPairing',
        tags,
        params: IdParams,
        body: PairingEndBody,
        response: { 200: Pairing, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        const place = requireScopePlace(req);
        return db.kysely
          .transaction()
          .execute((trx) => service.endPairing(trx, actor, place, req.params.id, req.body.endedOn));
      },
    });

    app.get('/api/v1/places/:id/partner-offers', {
      config: { access: 'partners.read', scope: byId },
      schema: {
        operationId: 'listPartnerOffers',
        tags,
        summary:
          'What the partner units that matter to the place offer (venue, resources, training, guidance, volunteers)',
        params: IdParams,
        querystring: PartnerOfferListQuery,
        response: { 200: z.object({ items: z.array(PartnerOffer) }), ...errors },
      },
      handler: async (req) => service.listOffersFor(db.kysely, requireScopePlace(req), req.query.kind),
    });

    app.get('/api/v1/partner-units/:id/offers', {
      config: { access: 'session' },
      schema: {
        operationId: 'listPartnerUnitOffers',
        tags,
        params: IdParams,
        response: { 200: z.object({ items: z.array(PartnerOffer) }), ...errors },
      },
      handler: async (req) => service.listUnitOffers(db.kysely, actorOf(req, clock), req.params.id),
    });

    app.post('/api/v1/partner-units/:id/offers', {
      config: { access: 'session' },
      schema: {
        operationId: 'createPartnerOffer',
        tags,
        summary: 'Add to what a unit offers (staff managing partners, or the unit’s own contact)',
        params: IdParams,
        body: PartnerOfferCreateBody,
        response: { 201: PartnerOffer, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const offer = await db.kysely
          .transaction()
          .execute((trx) => service.createOffer(trx, actor, req.params.id, req.body));
        return reply.status(201).send(offer);
      },
    });

    app.patch('/api/v1/partner-offers/:id', {
      config: { access: 'session' },
      schema: {
        operationId: 'updatePartnerOffer',
        tags,
        params: IdParams,
        body: PartnerOfferUpdateBody,
        response: { 200: PartnerOffer, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.updateOffer(trx, actor, req.params.id, req.body));
      },
    });

    for (const [action, archived] of [
      ['archive', true],
      ['restore', false],
    ] as const) {
      app.post(`/api/v1/partner-offers/:id/${action}`, {
        config: { access: 'session' },
        schema: {
          operationId: `${action}PartnerOffer`,
          tags,
          params: IdParams,
          response: { 200: PartnerOffer, ...errors },
        },
        handler: async (req) => {
          const actor = actorOf(req, clock);
          return db.kysely
            .transaction()
            .execute((trx) => service.setOfferArchived(trx, actor, req.params.id, archived));
        },
      });
    }

    app.get('/api/v1/places/:id/partner-contributions', {
      config: { access: 'partners.read', scope: byId },
      schema: {
        operationId: 'listPartnerContributions',
        tags,
        summary: 'The timeline of partner contributions to places in the subtree, newest first',
        params: IdParams,
        querystring: PartnerContributionListQuery,
        response: { 200: Page(PartnerContribution), ...errors },
      },
      handler: async (req) => service.listContributionsUnder(db.kysely, requireScopePlace(req), req.query),
    });

    app.get('/api/v1/partner-units/:id/contributions', {
      config: { access: 'session' },
      schema: {
        operationId: 'listPartnerUnitContributions',
        tags,
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(PartnerContribution), ...errors },
      },
      handler: async (req) =>
        service.listUnitContributions(db.kysely, actorOf(req, clock), req.params.id, req.query),
    });

    app.post('/api/v1/partner-units/:id/contributions', {
      config: { access: 'session' },
      schema: {
        operationId: 'createPartnerContribution',
        tags,
        summary: 'Log a contribution with its outcome (staff managing partners, or the unit’s own contact)',
        params: IdParams,
        body: PartnerContributionCreateBody,
        response: { 201: PartnerContribution, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const c = await db.kysely
          .transaction()
          .execute((trx) => service.createContribution(trx, actor, req.params.id, req.body));
        return reply.status(201).send(c);
      },
    });
  };
}
