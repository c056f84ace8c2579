import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams, Ok } from '../../../domain/contracts/common.js';
import {
  CardChoicesBody,
  CardMessageBody,
  CardMessageList,
  CardTokenParams,
  CentralHousehold,
  CentralHouseholdList,
  DoorSignQuery,
  LightUpBody,
  LitCount,
  LitHouseholdList,
  PublicCard,
} from '../../../domain/contracts/lighting.js';
import { AppError } from '../../../domain/errors.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS } from '../../lib/http.js';
import { requireCaller, requireScopePlace } from '../../plugins/access.js';
import { renderDoorSignPdf, renderDoorSignPng } from './door-sign.js';
import * as service from './lighting.service.js';

const tags = ['lighting'];
const errors = CLIENT_ERRORS;

/**
 * The origin the public card lives at, as the visitor reached this server (behind a proxy only when
 * TRUST_PROXY is set, so a forged X-Forwarded-Host is ignored otherwise).
 */
function originOf(req: FastifyRequest): string {
  const host = req.host;
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:.]+\](:\d{1,5})?$/.test(host)) {
    throw new AppError('BAD_REQUEST', 'The request has no usable Host header.');
  }
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
}

export function lightingRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/me/central-households', {
      config: { access: 'session' },
      schema: {
        operationId: 'listMyCentralHouseholds',
        tags,
        summary: 'The central households the caller leads as a party member, with their lighting',
        response: { 200: CentralHouseholdList, 401: ErrorBody },
      },
      handler: async (req) => service.listMine(db.kysely, actorOf(req, clock)),
    });

    app.get('/api/v1/places/:id/lighting', {
      config: { access: 'lighting.manage', scope: (req) => (req.params as { id: string }).id },
      schema: {
        operationId: 'listLightingUnder',
        tags,
        summary: 'Central households under a place: lit or not, who consented and when (staff)',
        params: IdParams,
        response: { 200: CentralHouseholdList, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        const place = requireScopePlace(req);
        return db.kysely.transaction().execute((trx) => service.listUnder(trx, actor, place));
      },
    });

    app.get('/api/v1/central-households/:id/lighting', {
      config: { access: 'session' },
      schema: {
        operationId: 'getCentralHouseholdLighting',
        tags,
        summary: 'One central household’s lighting: for its member and staff who manage lighting',
        params: IdParams,
        response: { 200: CentralHousehold, ...errors },
      },
      handler: async (req) => service.getOne(db.kysely, actorOf(req, clock), req.params.id),
    });

    app.post('/api/v1/central-households/:id/light-up', {
      config: { access: 'session' },
      schema: {
        operationId: 'lightUpCentralHousehold',
        tags,
        summary: 'Light up with the member’s separate consent (recorded); the card goes live',
        params: IdParams,
        body: LightUpBody.partial({ consent: true }),
        response: { 200: CentralHousehold, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute((trx) => service.lightUp(trx, actor, req.params.id, req.body));
      },
    });

    app.post('/api/v1/central-households/:id/revoke', {
      config: { access: 'session' },
      schema: {
        operationId: 'revokeLightUp',
        tags,
        summary: 'Withdraw the light-up consent: the card is emptied at once',
        params: IdParams,
        response: { 200: CentralHousehold, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute((trx) => service.revoke(trx, actor, req.params.id));
      },
    });

    app.patch('/api/v1/central-households/:id/card', {
      config: { access: 'session' },
      schema: {
        operationId: 'setCardChoices',
        tags,
        summary: 'Choose what the card shows: title, services, motto, name, flat',
        params: IdParams,
        body: CardChoicesBody,
        response: { 200: CentralHousehold, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.changeChoices(trx, actor, req.params.id, req.body));
      },
    });

    for (const format of ['png', 'pdf'] as const) {
      app.get(`/api/v1/central-households/:id/door-sign.${format}`, {
        config: { access: 'session' },
        schema: {
          operationId: format === 'png' ? 'getDoorSignPng' : 'getDoorSignPdf',
          tags,
          summary: `The door sign as ${format.toUpperCase()}: title, services, the Linli name and a QR code to the card`,
          params: IdParams,
          querystring: DoorSignQuery,
          response: { ...errors, 503: ErrorBody },
        },
        handler: async (req, reply) => {
          const sign = await service.doorSignFor(db.kysely, actorOf(req, clock), req.params.id);
          const input = {
            title: sign.title,
            services: sign.services,
            motto: sign.motto,
            name: sign.name,
            cardUrl: `${originOf(req)}/card/${sign.token}`,
            lang: req.query.lang,
          };
          const body = format === 'png' ? await renderDoorSignPng(input) : await renderDoorSignPdf(input);
          return (
            reply
              .header('content-type', format === 'png' ? 'image/png' : 'application/pdf')
              .header('content-disposition', `attachment; filename="door-sign.${format}"`)
              // A file, not JSON: fastify sends a Buffer as it is, past the JSON serializer.
              .send(body as never)
          );
        },
      });
    }

    app.get('/api/v1/central-households/:id/messages', {
      config: { access: 'session' },
      schema: {
        operationId: 'listCardMessages',
        tags,
        summary: 'Messages visitors left through the card (the member only)',
        params: IdParams,
        response: { 200: CardMessageList, ...errors },
      },
      handler: async (req) => service.listCardMessages(db.kysely, actorOf(req, clock), req.params.id),
    });

    app.post('/api/v1/central-households/:id/messages/read', {
      config: { access: 'session' },
      schema: {
        operationId: 'markCardMessagesRead',
        tags,
        params: IdParams,
        response: { 200: Ok, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.markCardMessagesRead(trx, actor, req.params.id));
      },
    });

    app.get('/api/v1/cards/:token', {
      config: { access: 'public' },
      schema: {
        operationId: 'getPublicCard',
        tags,
        summary: 'The public card of a lit household: only what its member chose to show',
        security: [],
        params: CardTokenParams,
        response: { 200: PublicCard, 400: ErrorBody, 404: ErrorBody },
      },
      handler: async (req) => service.publicCard(db.kysely, req.params.token),
    });

    app.post('/api/v1/cards/:token/messages', {
      config: { access: 'session' },
      schema: {
        operationId: 'sendCardMessage',
        tags,
        summary: 'Leave a short message for the member through the platform (signed in)',
        params: CardTokenParams,
        body: CardMessageBody,
        response: { 201: Ok, ...errors, 429: ErrorBody },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const res = await db.kysely
          .transaction()
          .execute((trx) => service.sendCardMessage(trx, actor, req.params.token, req.body.body));
        return reply.status(201).send(res);
      },
    });

    app.get('/api/v1/places/:id/lit-households', {
      config: { access: 'session' },
      schema: {
        operationId: 'listLitHouseholds',
        tags,
        summary: 'A building’s lit households, for its residents and those who read its organisation',
        params: IdParams,
        response: { 200: LitHouseholdList, ...errors },
      },
      handler: async (req) => service.litHouseholdsOf(db.kysely, requireCaller(req), req.params.id),
    });

    app.get('/api/v1/places/:id/lit-count', {
      config: { access: 'session' },
      schema: {
        operationId: 'getLitCount',
        tags,
        summary: 'How many households have lit up in the place’s subtree',
        params: IdParams,
        response: { 200: LitCount, ...errors },
      },
      handler: async (req) => service.litCountOf(db.kysely, requireCaller(req), req.params.id),
    });
  };
}
