import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { Config } from './config.js';
import { type Db, ping } from './db/index.js';
import { createDeps } from './deps.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { lightingRoutes } from './features/lighting/lighting.routes.js';
import { partnersRoutes } from './features/partners/partners.routes.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { bindingsRoutes } from './features/bindings/bindings.routes.js';
import { grantsRoutes } from './features/grants/grants.routes.js';
import { organisationsRoutes } from './features/organisations/organisations.routes.js';
import { placesRoutes } from './features/places/places.routes.js';
import { rostersRoutes } from './features/rosters/rosters.routes.js';
import { standardsFeature } from './features/standards/standards.routes.js';
import { open311Routes } from './features/open311/open311.routes.js';
import { notificationsRoutes } from './features/notifications/notifications.routes.js';
import { needsRoutes } from './features/needs/needs.routes.js';
import { servingRoutes } from './features/needs/serving.routes.js';
import { membersRoutes } from './features/members/members.routes.js';
import { postsRoutes } from './features/posts/posts.routes.js';
import { whistlesRoutes } from './features/whistles/whistles.routes.js';
import { smallMattersRoutes } from './features/small-matters/small-matters.routes.js';
import { recordsRoutes } from './features/records/records.routes.js';
import { statsRoutes } from './features/stats/stats.routes.js';
import { type Clock, systemClock } from './lib/clock.js';
import { findNul } from './lib/http.js';
import { accessPlugin } from './plugins/access.js';
import { errorsPlugin, frameworkErrors, notFoundBody } from './plugins/errors.js';

export interface AppOptions {
  db: Db;
  clock?: Clock;
  /** Where the built web app lives; pages are served only when it exists. */
  webDist?: string;
  logger?: boolean;
}

const WEB_DIST = join(import.meta.dirname, '..', 'web', 'dist');

/** Requests to the APIs (the app's own and Open311), as opposed to the web app's pages and files. */
function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/open311/');
}

/** Build the whole HTTP app. It never listens: main.ts does, tests use inject(). */
export async function buildApp(config: Config, opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const clock = opts.clock ?? systemClock;
  const deps = createDeps(config, opts.db, clock, app.log);
  app.decorate('deps', deps);
  app.addHook('onClose', () => deps.bus.close());

  await app.register(errorsPlugin);
  // Security headers. Built once: @fastify/helmet builds helmet's middleware again on every request,
  // parsing each directive, which was 8% of the CPU of GET /api/v1/me under load (CPU profile).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd and antd-mobile set inline styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Plain-HTTP deployments on a LAN must keep working; HSTS belongs to the TLS proxy.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // The limit guards the APIs. The web app's own files are not counted: one page load fetches dozens
    // of chunks, and a household or a community centre shares one address, so counting them would
    // refuse a lazily loaded page (a blank screen) long before anyone called the API too often.
    allowList: (req) => (req.method === 'GET' || req.method === 'HEAD') && !isApiPath(req.url),
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Linli API',
        version: '1',
        description:
          'Neighbourhood co-governance. Errors are `{ "error": { "code", "message", "details"? } }`; lists are `{ items, nextCursor }`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'linli_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  await app.register(accessPlugin, { deps });

  // PostgreSQL cannot store NUL in text and no field has a use for it: refuse it in any input,
  // so both databases behave the same and bad input stays a 400 (ASVS 2.2.1).
  app.addHook('preValidation', (request, _reply, done) => {
    const path = findNul({ body: request.body, querystring: request.query, params: request.params });
    done(
      path
        ? new AppError('VALIDATION_FAILED', undefined, {
            details: [{ path, message: 'contains a NUL character' }],
          })
        : undefined,
    );
  });

  app.addHook('onSend', async (request, reply) => {
    // Personal data must not sit in shared caches (ASVS 14.3.2).
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  app.get('/healthz', {
    config: { access: 'public' },
    schema: {
      operationId: 'healthz',
      tags: ['system'],
      response: {
        200: z.object({ status: z.literal('ok') }),
        503: z.object({ status: z.literal('unavailable') }),
      },
    },
    handler: async (_req, reply) =>
      (await ping(opts.db))
        ? { status: 'ok' as const }
        : reply.status(503).send({ status: 'unavailable' as const }),
  });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());

  await app.register(authRoutes(deps));
  await app.register(placesRoutes(deps));
  await app.register(bindingsRoutes(deps));
  await app.register(grantsRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(partnersRoutes(deps));
  await app.register(lightingRoutes(deps));
  await app.register(rostersRoutes(deps));
  await app.register(organisationsRoutes(deps));
  await app.register(standardsFeature(deps));
  await app.register(open311Routes(deps));
  await app.register(notificationsRoutes(deps));
  await app.register(needsRoutes(deps));
  await app.register(servingRoutes(deps));
  await app.register(membersRoutes(deps));
  await app.register(postsRoutes(deps));
  await app.register(whistlesRoutes(deps));
  await app.register(smallMattersRoutes(deps));
  await app.register(recordsRoutes(deps));
  await app.register(statsRoutes(deps));

  const webDist = opts.webDist ?? WEB_DIST;
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt bundle is served without a restart.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: 'index.html',
      // Vite names each built asset by its content's hash, so a phone keeps it for good and loads the
      // app from its cache next time; a page (index.html, console.html) is checked again each time.
      setHeaders: (reply, path) => {
        reply.header(
          'cache-control',
          relative(webDist, path).startsWith(`assets${sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      !path.startsWith('/open311/');
    if (hasWeb && isPage && !/\.[a-z0-9]+$/i.test(path)) {
      // Client-side routes fall back to their shell's page.
      const page = path === '/console' || path.startsWith('/console/') ? 'console.html' : 'index.html';
      return reply.header('cache-control', 'no-cache').sendFile(page);
    }
    return reply.status(404).send(notFoundBody());
  });

  return app;
}
