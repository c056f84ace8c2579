import type { FastifyRequest } from 'fastify';
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
