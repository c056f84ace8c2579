import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PlaceIdParams } from '../../../domain/contracts/common.js';
import {
  ClaimPostBody,
  Post,
  PostBody,
  PostClaim,
  PostClaimList,
  PostClaimQuery,
  PostList,
  PostListQuery,
  PostPatchBody,
  PostServiceLog,
  PostServiceLogBody,
  PostServiceLogList,
  ReturnBody,
} from '../../../domain/contracts/members.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, scopeFromParam } from '../../lib/http.js';
import { requireScopePlace } from '../../plugins/access.js';
import * as service from './posts.service.js';

const tags = ['posts'];
const errors = CLIENT_ERRORS;

/** The ten posts (十大岗位): the catalogue, claims, approvals and service logged against a post. */
export function postsRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { db, clock } = deps;
  const idOf = (req: { params: unknown }) => (req.params as { id: string }).id;

  return async (app) => {
    app.get('/api/v1/places/:placeId/posts', {
      config: { access: 'session' },
      schema: {
        operationId: 'listPosts',
        tags,
        summary:
          'The community’s posts (the ten defaults are made on first look), for anyone of the community',
        params: PlaceIdParams,
        querystring: PostListQuery,
        response: { 200: PostList, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.listPosts(trx, actor, req.params.placeId, req.query.includeArchived));
      },
    });

    app.post('/api/v1/places/:placeId/posts', {
      config: { access: 'members.manage', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'createPost',
        tags,
        summary: 'Add a post of the community’s own',
        params: PlaceIdParams,
        body: PostBody,
        response: { 201: Post, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const res = await db.kysely
          .transaction()
          .execute((trx) => service.createPost(trx, actor, requireScopePlace(req), req.body));
        return reply.status(201).send(res);
      },
    });

    app.patch('/api/v1/posts/:id', {
      config: { access: 'members.manage', scope: (req) => service.scopeOfPost(db.kysely, idOf(req)) },
      schema: {
        operationId: 'updatePost',
        tags,
        summary: 'Change a post: name, description, capacity (not below its holders), archived',
        params: IdParams,
        body: PostPatchBody,
        response: { 200: Post, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.changePost(trx, actor, req.params.id, req.body));
      },
    });

    app.post('/api/v1/posts/:id/claims', {
      config: { access: 'session' },
      schema: {
        operationId: 'claimPost',
        tags,
        summary: 'Claim a post (a party member of the community); staff approve',
        params: IdParams,
        body: ClaimPostBody,
        response: { 201: PostClaim, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const res = await db.kysely
          .transaction()
          .execute((trx) => service.claimPost(trx, deps, actor, req.params.id, req.body));
        return reply.status(201).send(res);
      },
    });

    app.get('/api/v1/me/post-claims', {
      config: { access: 'session' },
      schema: {
        operationId: 'listMyPostClaims',
        tags,
        summary: 'The caller’s own post claims, newest first',
        response: { 200: PostClaimList, ...errors },
      },
      handler: async (req) => service.listMyClaims(db.kysely, actorOf(req, clock)),
    });

    app.get('/api/v1/places/:placeId/post-claims', {
      config: { access: 'members.read', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'listPostClaims',
        tags,
        summary: 'Post claims under a place (staff)',
        params: PlaceIdParams,
        querystring: PostClaimQuery,
        response: { 200: PostClaimList, ...errors },
      },
      handler: async (req) =>
        service.listClaimsUnder(db.kysely, actorOf(req, clock), requireScopePlace(req), req.query),
    });

    const byClaim = (req: { params: unknown }) => service.scopeOfClaim(db.kysely, idOf(req));

    app.post('/api/v1/post-claims/:id/approve', {
      config: { access: 'members.manage', scope: byClaim },
      schema: {
        operationId: 'approvePostClaim',
        tags,
        summary: 'Approve a claim if the post has a free place',
        params: IdParams,
        response: { 200: PostClaim, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.approveClaim(trx, deps, actor, req.params.id));
      },
    });

    app.post('/api/v1/post-claims/:id/reject', {
      config: { access: 'members.manage', scope: byClaim },
      schema: {
        operationId: 'rejectPostClaim',
        tags,
        summary: 'Reject a claim with a reason',
        params: IdParams,
        body: ReturnBody,
        response: { 200: PostClaim, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely
          .transaction()
          .execute((trx) => service.rejectClaim(trx, deps, actor, req.params.id, req.body.reason));
      },
    });

    app.post('/api/v1/post-claims/:id/leave', {
      config: { access: 'session' },
      schema: {
        operationId: 'leavePost',
        tags,
        summary: 'Leave a post (the member, or staff)',
        params: IdParams,
        response: { 200: PostClaim, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute((trx) => service.leaveClaim(trx, actor, req.params.id));
      },
    });

    app.post('/api/v1/post-claims/:id/logs', {
      config: { access: 'session' },
      schema: {
        operationId: 'logPostService',
        tags,
        summary: 'Log service done on a post, with hours (the member, or staff)',
        params: IdParams,
        body: PostServiceLogBody,
        response: { 201: PostServiceLog, ...errors },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const res = await db.kysely
          .transaction()
          .execute((trx) => service.logService(trx, actor, req.params.id, req.body));
        return reply.status(201).send(res);
      },
    });

    app.get('/api/v1/post-claims/:id/logs', {
      config: { access: 'session' },
      schema: {
        operationId: 'listPostServiceLogs',
        tags,
        summary: 'Service logged on a claim, newest first',
        params: IdParams,
        response: { 200: PostServiceLogList, ...errors },
      },
      handler: async (req) => service.listLogs(db.kysely, actorOf(req, clock), req.params.id),
    });
  };
}
