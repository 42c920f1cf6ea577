/**
 * What a service needs to know about the request it serves: who asks, and how to trace it.
 */
import type { FastifyRequest } from 'fastify';
import type { Principal } from '#src/authz/principal.js';

export interface RequestContext {
  readonly principal: Principal | undefined;
  readonly requestId: string;
  readonly ip: string;
}

export function contextOf(req: FastifyRequest): RequestContext {
  return { principal: req.principal, requestId: req.id, ip: req.ip };
}
