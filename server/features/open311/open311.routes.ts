import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PlaceIdParams } from '../../../domain/contracts/common.js';
import {
  GeoDiscovery,
  GeoJurisdictionQuery,
  GeoPostBody,
  GeoPostResult,
  GeoRequest,
  GeoRequestsQuery,
  GeoRequestUpdate,
  GeoService,
  GeoServiceDefinition,
  GeoToken,
  GeoUpdatesQuery,
  Open311Key,
  Open311KeyCreateBody,
  Open311KeyIssued,
  Open311KeyList,
} from '../../../domain/contracts/open311.js';
import { AppError } from '../../../domain/errors.js';
import { pathIds } from '../../../domain/places.js';
import type { Deps } from '../../deps.js';
import { actorOf, CLIENT_ERRORS, scopeFromParam } from '../../lib/http.js';
import { requireScopePlace } from '../../plugins/access.js';
import * as service from './open311.service.js';
import { GeoFailure, hashKey } from './open311.service.js';
import { localeOf } from './open311.words.js';
import { xmlDocument } from './open311.xml.js';

/**
 * Open311 GeoReport v2 at /open311/v2/ (C1): services are the district's need categories, requests
 * are its needs. Every resource answers as `.xml` (required by the specification) and `.json`.
 * Beside it, in Linli's own API, staff issue and revoke the keys partner apps post with.
 */
export function open311Routes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, clock } = deps;
    const tags = ['open311'];

    app.post('/api/v1/places/:placeId/open311-keys', {
      config: { access: 'open311.manage', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'issueOpen311Key',
        tags,
        summary:
          "Issue an Open311 API key to a partner app for the place's district; the key is shown only now",
        params: PlaceIdParams,
        body: Open311KeyCreateBody,
        response: { 201: Open311KeyIssued, ...CLIENT_ERRORS },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req, clock);
        const place = requireScopePlace(req);
        const issued = await db.kysely.transaction().execute((trx) =>
          service.issueKey(trx, {
            name: req.body.name,
            place,
            districtId: pathIds(place.path)[0]!,
            by: actor.caller.userId,
            ip: actor.ip,
            now: actor.now,
          }),
        );
        return reply.status(201).send(issued);
      },
    });

    app.get('/api/v1/places/:placeId/open311-keys', {
      config: { access: 'open311.manage', scope: scopeFromParam('placeId') },
      schema: {
        operationId: 'listOpen311Keys',
        tags,
        summary: 'Open311 keys issued at the place or inside it (never the keys themselves)',
        params: PlaceIdParams,
        response: { 200: Open311KeyList, ...CLIENT_ERRORS },
      },
      handler: async (req) => ({ items: await service.listKeys(db.kysely, requireScopePlace(req)) }),
    });

    app.delete('/api/v1/open311-keys/:id', {
      config: {
        access: 'open311.manage',
        scope: (req) => service.keyScope(db.kysely, (req.params as { id: string }).id),
      },
      schema: {
        operationId: 'revokeOpen311Key',
        tags,
        summary: 'Revoke an Open311 key: posting with it is refused from now on',
        params: IdParams,
        response: { 200: Open311Key, ...CLIENT_ERRORS },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute((trx) =>
          service.revokeKey(trx, {
            id: req.params.id,
            by: actor.caller.userId,
            ip: actor.ip,
            now: actor.now,
          }),
        );
      },
    });

    await app.register(geoReportRoutes(deps), { prefix: '/open311/v2' });
  };
}

type Format = 'json' | 'xml';
const FORMATS: readonly Format[] = ['xml', 'json'];

/** The format a URL asks for: JSON when it ends in .json, else XML (the one every server must speak). */
function formatOf(request: FastifyRequest): Format {
  return (request.url.split('?')[0] ?? '').endsWith('.json') ? 'json' : 'xml';
}

function send(reply: FastifyReply, format: Format, root: string, value: unknown, status = 200) {
  void reply.status(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(value);
  return reply.type('text/xml; charset=utf-8').send(xmlDocument(root, value as never));
}

/** Form fields into the body the routes read: attribute[CODE] and attribute[CODE][] become `attribute`. */
export function parseForm(text: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const attribute: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) foldField(body, attribute, k, v);
  if (Object.keys(attribute).length > 0) body.attribute = attribute;
  return body;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function foldField(
  body: Record<string, unknown>,
  attribute: Record<string, string | string[]>,
  key: string,
  value: unknown,
) {
  const m = /^attribute\[([^\]]*)\](\[\])?$/.exec(key);
  if (m) {
    const code = m[1]!;
    if (UNSAFE_KEYS.has(code) || typeof value !== 'string') return;
    if (m[2]) {
      const list = attribute[code];
      attribute[code] = Array.isArray(list) ? [...list, value] : [value];
    } else if (attribute[code] === undefined) {
      attribute[code] = value;
    }
    return;
  }
  if (!UNSAFE_KEYS.has(key) && body[key] === undefined) body[key] = value;
}

/** A JSON body may use the form's flat `attribute[CODE]` keys too. */
function foldJsonAttributes(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const entries = Object.entries(body as Record<string, unknown>);
  if (!entries.some(([k]) => k.startsWith('attribute['))) return body;
  const out: Record<string, unknown> = {};
  const given = (body as { attribute?: unknown }).attribute;
  const attribute: Record<string, string | string[]> =
    given && typeof given === 'object' && !Array.isArray(given)
      ? { ...(given as Record<string, string>) }
      : {};
  for (const [k, v] of entries) if (k !== 'attribute') foldField(out, attribute, k, v);
  out.attribute = attribute;
  return out;
}

/** Open311's error list for anything that went wrong, with the status the specification asks for. */
function geoErrorOf(
  error: unknown,
  request: FastifyRequest,
): { status: 400 | 403 | 404; errors: { code: number; description: string }[] } {
  if (error instanceof GeoFailure) return { status: error.status, errors: error.errors };
  if (error instanceof AppError) {
    const status = error.status === 404 ? 404 : error.status === 401 || error.status === 403 ? 403 : 400;
    return { status, errors: [{ code: status, description: error.message }] };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'body';
    return {
      status: 400,
      errors: error.validation.map((v) => ({
        code: 400,
        description: `${[where, ...String(v.instancePath).split('/').filter(Boolean)].join('.')}: ${v.message ?? 'invalid'}`,
      })),
    };
  }
  const fe = error as FastifyError;
  if (fe.statusCode === 429) {
    return {
      status: 400,
      errors: [
        { code: 429, description: 'Too many requests with this api_key. Wait a minute and try again.' },
      ],
    };
  }
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: 400,
      errors: [
        {
          code: 400,
          description: 'The request could not be read: send the fields form-encoded (UTF-8) or as JSON.',
        },
      ],
    };
  }
  request.log.error({ err: error }, 'open311 failure');
  return {
    status: 400,
    errors: [{ code: 400, description: 'General service error. Please tell the operator.' }],
  };
}

/** GeoReport v2 itself: public, its own error shape, form-encoded POST bodies. */
function geoReportRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, clock, config } = deps;
    const tags = ['open311'];

    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, text, done) => {
        done(null, parseForm(String(text)));
      },
    );
    app.setErrorHandler((error, request, reply) => {
      const { status, errors } = geoErrorOf(error, request);
      if ((error as FastifyError).statusCode === 429) void reply.header('retry-after', '60');
      return send(reply, formatOf(request), 'errors', errors, status);
    });
    app.setNotFoundHandler((request, reply) =>
      send(
        reply,
        formatOf(request),
        'errors',
        [{ code: 404, description: 'There is no such Open311 resource.' }],
        404,
      ),
    );

    // A partner's web page may call GeoReport from its own origin. Nothing here reads a cookie (a
    // request is posted with its api_key), so any origin may, without credentials.
    app.addHook('onRequest', async (_req, reply) => {
      void reply.header('access-control-allow-origin', '*');
    });
    app.options('/*', {
      config: { access: 'public' },
      schema: { hide: true },
      handler: async (_req, reply) =>
        reply
          .status(204)
          .header('access-control-allow-methods', 'GET, POST')
          .header('access-control-allow-headers', 'content-type')
          .header('access-control-max-age', '86400')
          .send(),
    });

    const locale = (req: FastifyRequest, explicit?: string) =>
      localeOf(explicit, req.headers['accept-language']);
    const jurisdiction = (id: string | undefined) => service.resolveJurisdiction(db.kysely, id);

    /** One resource in both formats: `path.xml` and `path.json`, with their own operation ids. */
    function both<Q extends z.ZodType, P extends z.ZodType>(def: {
      path: string;
      operationId: string;
      summary: string;
      querystring?: Q;
      params?: P;
      root: string;
      json: z.ZodType;
      run: (req: FastifyRequest<{ Querystring: z.infer<Q>; Params: z.infer<P> }>) => Promise<unknown>;
    }) {
      for (const format of FORMATS) {
        app.get(`${def.path}.${format}`, {
          config: { access: 'public' },
          schema: {
            operationId: `${def.operationId}${format === 'json' ? 'Json' : 'Xml'}`,
            tags,
            security: [],
            summary: `${def.summary} (${format.toUpperCase()})`,
            ...(def.querystring ? { querystring: def.querystring } : {}),
            ...(def.params ? { params: def.params } : {}),
            ...(format === 'json' ? { response: { 200: def.json } } : {}),
          },
          handler: async (req, reply) =>
            send(
              reply,
              format,
              def.root,
              await def.run(req as FastifyRequest<{ Querystring: z.infer<Q>; Params: z.infer<P> }>),
            ),
        });
      }
    }

    both({
      path: '/discovery',
      operationId: 'open311Discovery',
      summary: 'Service discovery: where the GeoReport v2 endpoint is and which formats it speaks',
      root: 'discovery',
      json: GeoDiscovery,
      run: async (req) => ({
        changeset: CHANGESET,
        contact: 'The community service centre of your district, through Linli.',
        key_service:
          'API keys are issued by community staff in the Linli console (Open311 keys) or by the operator with `npm run cli -- open311-key`.',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${req.protocol}://${req.host}/open311/v2`,
            changeset: CHANGESET,
            type: 'production' as const,
            formats: ['text/xml', 'application/json'],
          },
        ],
      }),
    });

    both({
      path: '/services',
      operationId: 'open311Services',
      summary: "The district's need categories as services",
      querystring: GeoJurisdictionQuery,
      root: 'services',
      json: z.array(GeoService),
      run: async (req) =>
        service.listServices(
          db.kysely,
          await jurisdiction(req.query.jurisdiction_id),
          locale(req, req.query.locale),
        ),
    });

    both({
      path: '/services/:service_code',
      operationId: 'open311ServiceDefinition',
      summary: "A service's definition: the attributes a request may carry (urgency, quantity)",
      querystring: GeoJurisdictionQuery,
      params: z.object({ service_code: z.string().max(64) }),
      root: 'service_definition',
      json: GeoServiceDefinition,
      run: async (req) =>
        service.serviceDefinition(
          db.kysely,
          await jurisdiction(req.query.jurisdiction_id),
          req.params.service_code,
          locale(req, req.query.locale),
        ),
    });

    both({
      path: '/requests',
      operationId: 'open311Requests',
      summary:
        'Requests (needs), newest first: service_request_id, service_code, start_date/end_date (default the last 90 days), status, page/page_size',
      querystring: GeoRequestsQuery,
      root: 'service_requests',
      json: z.array(GeoRequest),
      run: async (req) =>
        service.listRequests(
          db.kysely,
          await jurisdiction(req.query.jurisdiction_id),
          req.query,
          locale(req, req.query.locale),
          clock.now(),
        ),
    });

    both({
      path: '/requests/:service_request_id',
      operationId: 'open311Request',
      summary: 'One request, in a list of one',
      querystring: GeoJurisdictionQuery,
      params: z.object({ service_request_id: z.string().max(64) }),
      root: 'service_requests',
      json: z.array(GeoRequest),
      run: async (req) =>
        service.getRequest(
          db.kysely,
          await jurisdiction(req.query.jurisdiction_id),
          req.params.service_request_id,
          locale(req, req.query.locale),
        ),
    });

    both({
      path: '/tokens/:token',
      operationId: 'open311Token',
      summary: 'The request a token stands for (requests are realtime: the token is the id POST returned)',
      querystring: GeoJurisdictionQuery,
      params: z.object({ token: z.string().max(64) }),
      root: 'service_requests',
      json: z.array(GeoToken),
      run: async (req) =>
        service.tokenOf(db.kysely, await jurisdiction(req.query.jurisdiction_id), req.params.token),
    });

    both({
      path: '/servicerequestupdates',
      operationId: 'open311RequestUpdates',
      summary: "FixMyStreet's request updates: the needs' timeline between start_date and end_date",
      querystring: GeoUpdatesQuery,
      root: 'service_requests_updates',
      json: z.array(GeoRequestUpdate),
      run: async (req) =>
        service.listUpdates(
          db.kysely,
          await jurisdiction(req.query.jurisdiction_id),
          req.query,
          locale(req, req.query.locale),
          clock.now(),
        ),
    });

    const postsPerKeyPerMinute = Math.max(1, Math.floor(config.rateLimitPerMinute / 20));
    for (const format of FORMATS) {
      app.post(`/requests.${format}`, {
        config: {
          access: 'public',
          rateLimit: {
            max: postsPerKeyPerMinute,
            timeWindow: '1 minute',
            // After parsing, so the limit counts per api_key rather than per address.
            hook: 'preHandler',
            keyGenerator: (req) => {
              const key = (req.body as { api_key?: unknown } | undefined)?.api_key;
              return typeof key === 'string' && key !== ''
                ? `open311:${hashKey(key)}`
                : `open311-ip:${req.ip}`;
            },
          },
        },
        preValidation: (req, _reply, done) => {
          req.body = foldJsonAttributes(req.body ?? {}) as typeof req.body;
          done();
        },
        schema: {
          operationId: `open311PostRequest${format === 'json' ? 'Json' : 'Xml'}`,
          tags,
          security: [],
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          summary: `Post a request (a need) with an api_key, form-encoded or JSON (${format.toUpperCase()} answer)`,
          body: GeoPostBody,
          ...(format === 'json' ? { response: { 200: z.array(GeoPostResult) } } : {}),
        },
        handler: async (req, reply) => {
          const result = await db.kysely
            .transaction()
            .execute((trx) =>
              service.postRequest(trx, deps, req.body, locale(req, req.body.locale), req.ip ?? null),
            );
          return send(reply, format, 'service_requests', result);
        },
      });
    }
  };
}

/** When this endpoint's behaviour last changed (discovery's changeset). */
const CHANGESET = '2026-11-30T00:00:00Z';
