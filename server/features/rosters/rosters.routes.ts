import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, PlaceIdParams } from '../../../domain/contracts/common.js';
import { CommunityIdParams, RosterLanguageQuery, RosterReport } from '../../../domain/contracts/rosters.js';
import { AppError } from '../../../domain/errors.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/http.js';
import { requireScopePlace } from '../../plugins/access.js';
import { CONTENT_TYPES, fileFromMultipart, type RosterFormat } from './rosters.files.js';
import * as service from './rosters.service.js';

const tags = ['rosters'];
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
  422: ErrorBody,
};

/** A file download (sent as bytes, never serialised). */
const RosterFile = z.any().describe('The roster file');

/** Uploads may be larger than the app's 1 MiB JSON limit: a 10,000-row workbook is about 0.5 MiB, a CSV 1 MiB. */
export const ROSTER_UPLOAD_LIMIT = 10 * 1024 * 1024;

/**
 * An uploaded file as the body. Its bytes sit in a private field, so hooks that walk a body's own
 * properties (the NUL check) do not walk ten million bytes.
 */
class RosterUpload {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

/** The file of a request: the raw body, or the file part of a multipart form. */
function uploadOf(req: FastifyRequest): Buffer {
  const body = req.body;
  if (!(body instanceof RosterUpload) || body.bytes.length === 0) {
    throw new AppError(
      'BAD_REQUEST',
      'Attach the roster file (.xlsx or .csv) as the request body or as a form file.',
    );
  }
  const type = req.headers['content-type'] ?? '';
  if (/^application\/json/i.test(type)) throw new AppError('ROSTER_FILE_TYPE');
  if (!/^multipart\/form-data/i.test(type)) return body.bytes;
  const file = fileFromMultipart(body.bytes, type);
  if (!file || file.length === 0) throw new AppError('BAD_REQUEST', 'The form holds no file.');
  return file;
}

function attachment(filename: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function rostersRoutes({ db, clock }: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // Files, not JSON: every body of these routes arrives as bytes, whatever its declared type;
    // what it is gets decided from its content (ASVS 5.2.2).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ROSTER_UPLOAD_LIMIT }, (_req, body, done) =>
      done(null, new RosterUpload(body as Buffer)),
    );
    const community = (req: FastifyRequest) => (req.params as { communityId: string }).communityId;
    const consumes = ['multipart/form-data', CONTENT_TYPES.xlsx, 'text/csv', 'application/octet-stream'];

    for (const format of ['xlsx', 'csv'] as const satisfies RosterFormat[]) {
      app.get(`/api/v1/places/:communityId/rosters/template.${format}`, {
        config: { access: 'rosters.manage', scope: community },
        schema: {
          operationId: `getRosterTemplate${format === 'xlsx' ? 'Xlsx' : 'Csv'}`,
          tags,
          summary: `The empty roster as .${format}, with Chinese or English headers`,
          params: CommunityIdParams,
          querystring: RosterLanguageQuery,
          response: { 200: RosterFile, ...errors },
        },
        handler: async (req, reply) => {
          const file = await service.rosterTemplate(requireScopePlace(req), format, req.query.lang);
          return reply
            .header('content-type', file.contentType)
            .header('content-disposition', attachment(file.filename, `roster-template.${format}`))
            .send(file.bytes);
        },
      });

      app.get(`/api/v1/places/:placeId/rosters/export.${format}`, {
        config: { access: 'people.read', scope: (req) => (req.params as { placeId: string }).placeId },
        schema: {
          operationId: `exportRoster${format === 'xlsx' ? 'Xlsx' : 'Csv'}`,
          tags,
          summary: `The roster of a community or a place inside it as .${format}, in the import's format`,
          description:
            'Phones are in full only for the community staff, masked otherwise. Every export is audited.',
          params: PlaceIdParams,
          querystring: RosterLanguageQuery,
          response: { 200: RosterFile, ...errors },
        },
        handler: async (req, reply) => {
          const actor = actorOf(req, clock);
          const scope = requireScopePlace(req);
          const file = await db.kysely
            .transaction()
            .execute((trx) => service.exportRoster(trx, actor, scope, format, req.query.lang));
          return reply
            .header('content-type', file.contentType)
            .header('content-disposition', attachment(file.filename, `roster.${format}`))
            .send(file.bytes);
        },
      });
    }

    app.post('/api/v1/places/:communityId/rosters/check', {
      config: { access: 'rosters.manage', scope: community },
      bodyLimit: ROSTER_UPLOAD_LIMIT,
      schema: {
        operationId: 'checkRoster',
        tags,
        summary: 'Check a roster row by row; nothing is written',
        description:
          'The file (.xlsx or .csv, recognised by content; at most 10 MiB) is the raw body or the file part of a multipart form.',
        consumes,
        params: CommunityIdParams,
        response: { 200: RosterReport, ...errors },
      },
      handler: async (req) =>
        service.checkRoster(db.kysely, requireScopePlace(req), uploadOf(req), clock.now().toISOString()),
    });

    app.post('/api/v1/places/:communityId/rosters/import', {
      config: { access: 'rosters.manage', scope: community },
      bodyLimit: ROSTER_UPLOAD_LIMIT,
      schema: {
        operationId: 'importRoster',
        tags,
        summary: 'Import a roster: all rows or none',
        description:
          'Checks again and writes everything in one transaction; any problem refuses the whole file (422 ROSTER_INVALID). Importing the same file again changes nothing.',
        consumes,
        params: CommunityIdParams,
        response: { 200: RosterReport, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        const place = requireScopePlace(req);
        const bytes = uploadOf(req);
        return db.kysely.transaction().execute((trx) => service.importRoster(trx, actor, place, bytes));
      },
    });
  };
}
