import { Type } from 'typebox';
import type { App } from '#src/http/server.js';

/** `GET /health`: 200 once the server accepts requests, 503 while it is shutting down. */
export function healthRoutes(app: App, deps: { isShuttingDown: () => boolean }): void {
  app.get('/health', {
    config: { service: 'platform', auth: 'public' },
    schema: { tags: ['Health'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.String() }), 503: Type.Object({ status: Type.String() }) } },
  }, async (_req, reply) => (deps.isShuttingDown() ? reply.status(503).send({ status: 'shutting_down' }) : { status: 'ok' }));
}
