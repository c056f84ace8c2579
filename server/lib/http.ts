import type { FastifyRequest } from 'fastify';
import { ErrorBody } from '../../domain/contracts/common.js';
import { requireCaller, type Caller } from '../plugins/access.js';
import type { Clock } from './clock.js';

export interface Actor {
  caller: Caller;
  ip: string | null;
  now: string;
}

/** Who is acting, from where, and when: what services need to act and to audit. */
export function actorOf(request: FastifyRequest, clock: Clock): Actor {
  return { caller: requireCaller(request), ip: request.ip ?? null, now: clock.now().toISOString() };
}

export { requireScopePlace as requireScope } from '../plugins/access.js';

/**
 * Where the first string containing a NUL character sits in a request's input ("body.name"), or
 * null. Walks without recursion so that deeply nested JSON cannot exhaust the stack.
 */
export function findNul(input: Record<string, unknown>): string | null {
  const stack: [unknown, string][] = Object.entries(input).map(([k, v]) => [v, k]);
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) stack.push([v, `${path}.${k}`]);
    }
  }
  return null;
}

/** The client errors most routes document, each in the one error shape. */
export const CLIENT_ERRORS = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
} as const;

/** A scope resolver for routes whose place is a path parameter (`:id`, `:placeId`). */
export function scopeFromParam(name: string) {
  // The route's zod schema has already required the parameter; '' would name no place (404).
  return (req: { params: unknown }) => (req.params as Record<string, string | undefined>)[name] ?? '';
}
