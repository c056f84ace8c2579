import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { decideAccess, type GrantScope } from '../../domain/access.js';
import { AppError } from '../../domain/errors.js';
import type { PlaceKind } from '../../domain/places.js';
import type { Access, Role } from '../../domain/roles.js';
import { cachedRow, rowCacheOf } from '../db/row-cache.js';
import type { PlaceRow } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { deleteSession, findSession, touchSession } from '../features/auth/auth.repository.js';
import { findPlace } from '../features/places/places.repository.js';

export const SESSION_COOKIE = 'linli_session';

export interface CallerGrant extends GrantScope {
  id: string;
  placeId: string | null;
  placeName: string | null;
  placeKind: PlaceKind | null;
  communityId: string | null;
}

export interface Caller {
  userId: string;
  sessionId: string;
  displayName: string;
  grants: CallerGrant[];
}

/**
 * Where a route acts: a place id to check the permission on (or the place itself, when the resolver
 * has read it already), null for a system-wide action, or undefined when the object the request
 * names does not exist (404).
 */
export type ScopeResolver = (request: FastifyRequest) => Promise<ScopeTarget> | ScopeTarget;
type ScopeTarget = string | PlaceRow | null | undefined;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route declares who may call it; registration fails without it. */
    access?: Access;
    scope?: ScopeResolver;
  }
  interface FastifyRequest {
    caller: Caller | null;
    /** The place the route's permission was checked on, when it has one. */
    scopePlace: PlaceRow | null;
  }
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The signed-in caller, or a 401. */
export function requireCaller(request: FastifyRequest): Caller {
  if (!request.caller) throw new AppError('UNAUTHENTICATED');
  return request.caller;
}

export function requireScopePlace(request: FastifyRequest): PlaceRow {
  if (!request.scopePlace) throw new AppError('NOT_FOUND');
  return request.scopePlace;
}

/** Whether the caller serves personal data of this community in full (its community staff). */
export function servesCommunity(caller: Caller | null, communityId: string | null): boolean {
  return (
    caller !== null &&
    communityId !== null &&
    caller.grants.some((g) => g.role === 'community_staff' && g.placeId === communityId)
  );
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access | undefined;
  /** Whether the route names the place its permission is checked on (`config.scope`). */
  scoped: boolean;
}

const accessTables = new WeakMap<FastifyInstance, RouteAccess[]>();

/** Every /api route of an app and who may call it, as registered: for tests and documentation. */
export function accessTableOf(app: FastifyInstance): readonly RouteAccess[] {
  return accessTables.get(app) ?? [];
}

export function clearSessionCookie(reply: FastifyReply) {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Sessions and the one permission check. Every request gets `caller` from its session cookie;
 * every /api route must declare `config.access`, and the pre-handler enforces it on the place the
 * route's `config.scope` names: outside the caller's grants is 404, inside without the permission 403.
 */
export const accessPlugin = fp(async (app: FastifyInstance, { deps }: { deps: Deps }) => {
  const { db, clock, config } = deps;
  const idleMs = config.session.idleMinutes * 60_000;

  app.decorateRequest('caller', null);
  app.decorateRequest('scopePlace', null);

  const table: RouteAccess[] = [];
  accessTables.set(app, table);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD' || m === 'OPTIONS')) return;
    for (const method of methods) {
      table.push({
        method,
        url: route.url,
        access: route.config?.access,
        scoped: route.config?.scope !== undefined,
      });
    }
    if (!route.config?.access) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no access (config.access)`);
    }
    const schema = route.schema as { operationId?: string; tags?: string[] } | undefined;
    if (!schema?.operationId || !schema.tags?.length) {
      throw new Error(`Route ${methods.join(',')} ${route.url} has no operationId or tags`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    const id = sessionIdOf(token);
    const session = await cachedRow(db.kysely, 'auth', id, () => findSession(db.kysely, id));
    const now = clock.now();
    const expired =
      !session ||
      session.disabled_at !== null ||
      new Date(session.expires_at) <= now ||
      now.getTime() - new Date(session.last_seen_at).getTime() > idleMs;
    if (expired) {
      if (session) await deleteSession(db.kysely, id);
      clearSessionCookie(reply);
      return;
    }
    // Refresh the idle clock at most once a minute, not on every request.
    if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
      await touchSession(db.kysely, id, now.toISOString());
      rowCacheOf(db.kysely)?.forget('auth', id);
    }
    const { grants } = session;
    request.caller = {
      userId: session.user_id,
      sessionId: id,
      displayName: session.display_name,
      grants: grants.map((g) => ({
        id: g.id,
        role: g.role as Role,
        placeId: g.place_id,
        placePath: g.path ?? null,
        placeName: g.name ?? null,
        placeKind: (g.kind as PlaceKind | null) ?? null,
        communityId: g.community_id,
      })),
    };
  });

  app.addHook('preHandler', async (request) => {
    const { access, scope } = request.routeOptions.config;
    if (!access || access === 'public') return;
    const caller = requireCaller(request);
    if (access === 'session') return;
    const target = scope ? await scope(request) : null;
    if (target === undefined) throw new AppError('NOT_FOUND');
    const placeId = typeof target === 'string' ? target : (target?.id ?? null);
    let targetPath: string | null = null;
    if (target !== null) {
      const place = typeof target === 'string' ? await findPlace(db.kysely, target) : target;
      if (!place) throw new AppError('NOT_FOUND');
      request.scopePlace = place;
      targetPath = place.path;
    }
    const decision = decideAccess(caller.grants, access, targetPath);
    if (decision === 'allow') return;
    request.log.warn(
      { event: 'authz.denied', userId: caller.userId, access, placeId, decision },
      'access denied',
    );
    throw new AppError(decision === 'not_found' ? 'NOT_FOUND' : 'FORBIDDEN');
  });
});
