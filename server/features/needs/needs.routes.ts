import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams, PageQuery, PlaceIdParams } from '../../../domain/contracts/common.js';
import {
  NeedBoardQuery,
  NeedContact,
  NeedCounts,
  NeedDetail,
  NeedList,
  NeedPhotoRef,
  NeedPosted,
  NeedsAroundQuery,
  NeedSettings,
  NeedSettingsBody,
  PostNeedBody,
  SimilarNeedsQuery,
} from '../../../domain/contracts/needs.js';
import { AppError } from '../../../domain/errors.js';
import { NEED_LIMITS } from '../../../domain/needs.js';
import { pathIds } from '../../../domain/places.js';
import type { PlaceRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { Batcher } from '../../lib/batcher.js';
import { actorOf, CLIENT_ERRORS, requireScope, scopeFromParam } from '../../lib/http.js';
import { findPlace } from '../places/places.repository.js';
import * as lists from './needs.lists.js';
import * as service from './needs.service.js';
import { toDetail } from './needs.views.js';

const tags = ['needs'];
const errors = CLIENT_ERRORS;

export function needsRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { db, clock } = deps;

  /**
   * The place a post acts on, for the needs.post check: the body's placeId — except that a resident
   * posting for a spot (building or compound) of her own compound is checked on her household there,
   * since her grant reaches her household and not the spot above it.
   */
  const postScope = async (req: FastifyRequest): Promise<PlaceRow | string | undefined> => {
    const placeId = (req.body as { placeId?: string } | undefined)?.placeId;
    if (!placeId) return undefined;
    const place = await findPlace(db.kysely, placeId);
    if (!place) return undefined;
    if (place.kind === 'building' || place.kind === 'compound') {
      const reaches = req.caller?.grants.some(
        (g) => g.placePath !== null && place.path.startsWith(g.placePath),
      );
      if (!reaches) {
        const compoundId = place.kind === 'compound' ? place.id : place.parent_id;
        const home = req.caller?.grants.find(
          (g) =>
            (g.role === 'resident' || g.role === 'party_member') &&
            g.placeKind === 'household' &&
            g.placePath !== null &&
            compoundId !== null &&
            pathIds(g.placePath).includes(compoundId),
        );
        if (home?.placeId) return home.placeId;
      }
    }
    return place;
  };

  /**
   * Needs posted together are written together (lib/batcher, service.writeNeeds): under load, one
   * statement or transaction for many needs instead of eight round trips each. Each post is still
   * read and checked on its own first, and answered only once its need is durable.
   */
  const posted = new Batcher<service.NeedPosting, service.Need>((postings) =>
    service.writeNeeds(db.kysely, deps, postings),
  );

  return async (app) => {
    app.post('/api/v1/needs', {
      config: { access: 'needs.post', scope: postScope },
      schema: {
        operationId: 'postNeed',
        tags,
        summary:
          'Post a need for your household or a spot in your compound (staff and leaders: for a resident)',
        body: PostNeedBody,
        response: { 201: NeedPosted, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const known = await service.postingContext(db.kysely, req.body.placeId);
        const need = await posted.submit(await service.planPost(db.kysely, deps, actor, req.body, known));
        return reply.status(201).header('location', `/api/v1/needs/${need.id}`).send({
          id: need.id,
          communityId: need.communityId,
          status: need.status,
          audience: need.audience,
          urgency: need.urgency,
          createdAt: need.createdAt,
        });
      },
    });

    await app.register(async (child) => {
      // Raw image bytes: every type reaches the handler as a Buffer, so a wrong type is the photo
      // error and not the JSON one; the size is bounded while reading.
      child.addContentTypeParser('*', (_req, payload, done) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let failed = false;
        payload.on('data', (chunk: Buffer) => {
          if (failed) return;
          size += chunk.length;
          if (size > NEED_LIMITS.photoBytes) {
            failed = true;
            chunks.length = 0;
            done(new AppError('NEED_PHOTO_TOO_LARGE'), undefined);
            return;
          }
          chunks.push(chunk);
        });
        payload.on('end', () => {
          if (!failed) done(null, Buffer.concat(chunks));
        });
        payload.on('error', (err) => {
          if (!failed) {
            failed = true;
            done(err, undefined);
          }
        });
      });

      child.post('/api/v1/need-photos', {
        config: { access: 'session' },
        bodyLimit: NEED_LIMITS.photoBytes * 2,
        schema: {
          operationId: 'uploadNeedPhoto',
          tags,
          summary:
            'Upload one photo as raw bytes (Content-Type image/jpeg, image/png or image/webp; at most 5 MB); location and other metadata are removed',
          response: { 201: NeedPhotoRef, ...errors, 413: ErrorBody, 415: ErrorBody, 429: ErrorBody },
        },
        handler: async (req, reply) => {
          const actor = actorOf(req, clock);
          const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          const ref = await db.kysely
            .transaction()
            .execute((trx) => service.uploadPhoto(trx, actor, type, body));
          return reply.status(201).send(ref);
        },
      });
    });

    app.get('/api/v1/need-photos/:id', {
      config: { access: 'session' },
      schema: {
        operationId: 'getNeedPhoto',
        tags,
        summary: 'A need photo, for whoever may see the need (or its uploader before it is attached)',
        params: IdParams,
        response: { ...errors },
      },
      handler: async (req, reply) => {
        const photo = await service.getPhoto(db.kysely, actorOf(req, clock), req.params.id);
        return reply
          .header('content-type', photo.contentType)
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .send(photo.data as never);
      },
    });

    app.get('/api/v1/needs/similar', {
      config: { access: 'session' },
      schema: {
        operationId: 'listSimilarNeeds',
        tags,
        summary:
          'Open needs in the same building or compound like the one being typed (at most 5), to say “me too”',
        querystring: SimilarNeedsQuery,
        response: { 200: NeedList, ...errors },
      },
      handler: async (req) => lists.similarNeeds(db.kysely, actorOf(req, clock), req.query),
    });

    app.get('/api/v1/needs/:id', {
      config: { access: 'session' },
      schema: {
        operationId: 'getNeed',
        tags,
        summary:
          'A need with its timeline, helpers, logs and follow-ups; the resident’s contact masked unless you serve it',
        params: IdParams,
        response: { 200: NeedDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        const { need, relations } = await service.loadNeedFor(db.kysely, actor, req.params.id);
        return toDetail(db.kysely, actor.caller, need, relations, new Date(actor.now));
      },
    });

    app.post('/api/v1/needs/:id/support', {
      config: { access: 'session' },
      schema: {
        operationId: 'supportNeed',
        tags,
        summary: '“Me too”: join an open need instead of posting the same one again (once per person)',
        params: IdParams,
        response: { 200: NeedDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute(async (trx) => {
          await service.supportNeed(trx, deps, actor, req.params.id);
          const { need, relations } = await service.loadNeedFor(trx, actor, req.params.id);
          return toDetail(trx, actor.caller, need, relations, new Date(actor.now));
        });
      },
    });

    app.post('/api/v1/needs/:id/reveal-contact', {
      config: { access: 'session' },
      schema: {
        operationId: 'revealNeedContact',
        tags,
        summary: 'The resident’s full name, phone and address (community staff and active helpers; audited)',
        params: IdParams,
        response: { 200: NeedContact, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute((trx) => service.revealContact(trx, actor, req.params.id));
      },
    });

    app.get('/api/v1/me/needs', {
      config: { access: 'session' },
      schema: {
        operationId: 'listMyNeeds',
        tags,
        summary: 'Needs posted for you or your household, newest first',
        querystring: PageQuery,
        response: { 200: NeedList, ...errors },
      },
      handler: async (req) => lists.listMyNeeds(db.kysely, actorOf(req, clock), req.query),
    });

    app.get('/api/v1/me/needs/around', {
      config: { access: 'session' },
      schema: {
        operationId: 'listNeedsAround',
        tags,
        summary:
          'Open needs that have reached you (your building, your compound, …), or the ones you claimed',
        querystring: NeedsAroundQuery,
        response: { 200: NeedList, ...errors },
      },
      handler: async (req) => lists.listNeedsAround(db.kysely, actorOf(req, clock), req.query),
    });

    app.get('/api/v1/places/:placeId/needs', {
      config: { access: 'needs.read', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'listPlaceNeeds',
        tags,
        summary: 'The needs board of a place: filter by status, category, urgency, overdue, escalated',
        params: PlaceIdParams,
        querystring: NeedBoardQuery,
        response: { 200: NeedList, ...errors },
      },
      handler: async (req) => lists.listBoard(db.kysely, actorOf(req, clock), requireScope(req), req.query),
    });

    app.get('/api/v1/places/:placeId/needs/counts', {
      config: { access: 'needs.read', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'getNeedCounts',
        tags,
        summary: 'Counts of a place’s needs by status and category, overdue, escalated and urgent open ones',
        params: PlaceIdParams,
        response: { 200: NeedCounts, ...errors },
      },
      handler: async (req) => lists.countBoard(db.kysely, actorOf(req, clock), requireScope(req)),
    });

    app.get('/api/v1/places/:placeId/need-settings', {
      config: { access: 'session' },
      schema: {
        operationId: 'getNeedSettings',
        tags,
        summary: 'The need categories, ladder and auto-confirmation days in force for the place’s district',
        params: PlaceIdParams,
        response: { 200: NeedSettings, ...errors },
      },
      handler: async (req) => {
        actorOf(req, clock);
        const place = await findPlace(db.kysely, req.params.placeId);
        if (!place) throw new AppError('NOT_FOUND');
        return service.getNeedSettings(db.kysely, place);
      },
    });

    app.put('/api/v1/places/:placeId/need-settings', {
      config: { access: 'settings.manage', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'putNeedSettings',
        tags,
        summary: 'Set the district’s need categories, ladder and auto-confirmation days (audited)',
        params: PlaceIdParams,
        body: NeedSettingsBody,
        response: { 200: NeedSettings, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        const place = requireScope(req);
        return db.kysely.transaction().execute((trx) => service.putNeedSettings(trx, actor, place, req.body));
      },
    });
  };
}
