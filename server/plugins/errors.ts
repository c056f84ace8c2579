import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode, type ErrorDetail } from '../../domain/errors.js';

function body(code: ErrorCode, message: string, details?: ErrorDetail[]) {
  return { error: { code, message, ...(details && details.length > 0 ? { details } : {}) } };
}

/** Framework errors that are the client's fault, by Fastify's code. */
const FASTIFY_CLIENT_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/**
 * Every error leaves as `{ error: { code, message, details? } }`. Client mistakes are 4xx with a
 * stable code; anything unexpected is logged and answered with a generic 500.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return reply.status(error.status).send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as FastifyError).validationContext ?? 'body';
      const details = error.validation.map((v) => ({
        path: [where, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      return reply.status(400).send(body('VALIDATION_FAILED', ERRORS.VALIDATION_FAILED.message, details));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.status(500).send(body('INTERNAL', ERRORS.INTERNAL.message));
    }
    const fe = error as FastifyError;
    const status = fe.statusCode ?? 500;
    if (status === 429) {
      return reply.status(429).send(body('RATE_LIMITED', ERRORS.RATE_LIMITED.message));
    }
    if (status >= 400 && status < 500) {
      const code: ErrorCode = (fe.code ? FASTIFY_CLIENT_ERRORS[fe.code] : undefined) ?? 'BAD_REQUEST';
      return reply.status(status).send(body(code, ERRORS[code].message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', ERRORS.INTERNAL.message));
  });
});

/**
 * Errors the router raises before any route or hook runs: a malformed percent-encoding or a path
 * segment longer than any id. Passed to Fastify as `frameworkErrors`, so they too leave in the one shape.
 */
export function frameworkErrors(_error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  void reply
    .status(400)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body('BAD_REQUEST', ERRORS.BAD_REQUEST.message));
}

export function notFoundBody() {
  return body('NOT_FOUND', ERRORS.NOT_FOUND.message);
}
