/**
 * Qiskit Runtime REST API routes under `/api/v1` (what qiskit-ibm-runtime 0.40+ calls).
 */
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { RuntimeService } from './runtime.service.js';

const tags = ['Qiskit Runtime'];
const config = { service: 'runtime', auth: 'token' } as const;
const serviceCrn = (req: FastifyRequest) => {
  const value = req.headers['service-crn'];
  return Array.isArray(value) ? value[0] : value;
};
const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const BackendParams = Type.Object({ name: Type.String({ maxLength: 200 }) });
const JobView = Type.Object({
  id: Type.String(), backend: Type.String(), status: Type.String(),
  state: Type.Object({ status: Type.String(), reason: Type.Optional(Type.String()), reason_code: Type.Optional(Type.Integer()) }),
  program: Type.Object({ id: Type.String() }), created: Type.String(), cost: Type.Integer(), tags: Type.Array(Type.String()), user_id: Type.String(),
  usage: Type.Object({ seconds: Type.Number() }), session_id: Type.Optional(Type.String()), params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
const CreateJob = Type.Object(
  {
    program_id: Type.String({ maxLength: 50 }),
    backend: Type.Optional(Type.String({ maxLength: 200 })),
    params: Type.Record(Type.String(), Type.Unknown()),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    cost: Type.Optional(Type.Integer()),
    session_id: Type.Optional(Type.String({ maxLength: 100 })),
    log_level: Type.Optional(Type.Enum(['critical', 'error', 'warning', 'info', 'debug'])),
    private: Type.Optional(Type.Boolean()),
    runtime: Type.Optional(Type.String({ maxLength: 200 })),
    calibration_id: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export function runtimeRoutes(app: App, deps: { runtime: RuntimeService }): void {
  const { runtime } = deps;

  app.get('/api/v1/versions', { config: { service: 'runtime', auth: 'public' }, schema: { tags, summary: 'API versions this server accepts in IBM-API-Version', response: { 200: Type.Object({ versions: Type.Array(Type.String()) }) } } },
    async () => ({ versions: ['2024-01-01', '2025-01-01', '2025-05-01', '2026-02-15', '2026-04-15'] }));

  app.get('/api/v1/backends', { config, schema: { tags, summary: 'Backends the instance may use', response: { 200: Type.Object({ devices: Type.Array(Type.Unknown()) }) } } },
    async (req) => runtime.listBackends(contextOf(req), serviceCrn(req)));
  for (const what of ['configuration', 'properties', 'status', 'defaults'] as const) {
    app.get(`/api/v1/backends/:name/${what}`, { config, schema: { tags, summary: `Backend ${what}`, params: BackendParams, response: { 200: Type.Record(Type.String(), Type.Unknown()) } } },
      async (req) => (await runtime.backendDetail(contextOf(req), serviceCrn(req), req.params.name, what)) as Record<string, unknown>);
  }

  app.get('/api/v1/instances/usage', { config, schema: { tags, summary: "The instance's usage this month and its limit", response: { 200: Type.Record(Type.String(), Type.Unknown()) } } },
    async (req) => runtime.usage(contextOf(req), serviceCrn(req)));
  app.get('/api/v1/instances/configuration', { config, schema: { tags, summary: "The instance's usage limit", response: { 200: Type.Object({ instance_limit: Type.Union([Type.Integer(), Type.Null()]) }) } } },
    async (req) => runtime.configuration(contextOf(req), serviceCrn(req)));
  app.put('/api/v1/instances/configuration', {
    config, schema: { tags, summary: "Set the instance's monthly usage limit in seconds (null clears it)", body: Type.Object({ instance_limit: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) }, { additionalProperties: false }) },
  }, async (req, reply) => {
    await runtime.setConfiguration(contextOf(req), serviceCrn(req), req.body.instance_limit);
    return reply.status(204).send();
  });

  const SessionView = Type.Object({
    id: Type.String(), backend_name: Type.String(), mode: Type.String(), state: Type.String(), accepting_jobs: Type.Boolean(), max_ttl: Type.Integer(),
    interactive_ttl: Type.Union([Type.Integer(), Type.Null()]), started_at: Type.String(), activated_at: Type.Union([Type.String(), Type.Null()]),
    closed_at: Type.Union([Type.String(), Type.Null()]), last_job_started: Type.Union([Type.String(), Type.Null()]), user_id: Type.String(),
  });
  app.post('/api/v1/sessions', {
    config,
    schema: {
      tags, summary: 'Open a session (dedicated) or a batch',
      body: Type.Object({
        mode: Type.Enum(['dedicated', 'batch']), backend: Type.Optional(Type.String({ maxLength: 200 })), backend_name: Type.Optional(Type.String({ maxLength: 200 })),
        max_ttl: Type.Optional(Type.Integer()), interactive_ttl: Type.Optional(Type.Integer()), active_ttl: Type.Optional(Type.Integer()), instance: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 200: SessionView },
    },
  }, async (req) => runtime.createSession(contextOf(req), serviceCrn(req), req.body));
  app.get('/api/v1/sessions/:id', { config, schema: { tags, summary: 'A session', params: IdParams, response: { 200: SessionView } } },
    async (req) => runtime.getSession(contextOf(req), serviceCrn(req), req.params.id));
  app.patch('/api/v1/sessions/:id', { config, schema: { tags, summary: 'Stop (or resume) accepting jobs', params: IdParams, body: Type.Object({ accepting_jobs: Type.Boolean() }, { additionalProperties: false }) } }, async (req, reply) => {
    await runtime.updateSession(contextOf(req), serviceCrn(req), req.params.id, req.body.accepting_jobs);
    return reply.status(204).send();
  });
  app.delete('/api/v1/sessions/:id/close', { config, schema: { tags, summary: 'Close now: queued jobs will not run, running ones finish', params: IdParams } }, async (req, reply) => {
    await runtime.closeSession(contextOf(req), serviceCrn(req), req.params.id);
    return reply.status(204).send();
  });

  app.post('/api/v1/jobs', { config, schema: { tags, summary: 'Run a primitive (sampler or estimator)', body: CreateJob, response: { 200: Type.Object({ id: Type.String(), backend: Type.String(), session_id: Type.Optional(Type.String()) }) } } },
    async (req) => runtime.createJob(contextOf(req), serviceCrn(req), req.body));
  app.get('/api/v1/jobs', {
    config,
    schema: {
      tags, summary: 'List the jobs of the instance (count is the total number of matches)',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), offset: Type.Optional(Type.Integer({ minimum: 0 })), pending: Type.Optional(Type.Boolean()),
        program: Type.Optional(Type.String({ maxLength: 50 })), backend: Type.Optional(Type.String({ maxLength: 200 })), session_id: Type.Optional(Type.String({ maxLength: 100 })),
        created_after: Type.Optional(Type.String({ format: 'date-time' })), created_before: Type.Optional(Type.String({ format: 'date-time' })),
        sort: Type.Optional(Type.Enum(['ASC', 'DESC'])), exclude_params: Type.Optional(Type.Boolean()), tags: Type.Optional(Type.Array(Type.String({ maxLength: 100 }))),
      }),
      response: { 200: Type.Object({ jobs: Type.Array(JobView), count: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }) },
    },
  }, async (req) => runtime.listJobs(contextOf(req), serviceCrn(req), req.query));
  app.get('/api/v1/jobs/:id', { config, schema: { tags, summary: 'A job', params: IdParams, querystring: Type.Object({ exclude_params: Type.Optional(Type.Boolean()) }), response: { 200: JobView } } },
    async (req) => runtime.getJob(contextOf(req), serviceCrn(req), req.params.id, req.query.exclude_params ?? false));
  app.get('/api/v1/jobs/:id/results', { config, schema: { tags, summary: 'The result of a completed job', params: IdParams } }, async (req, reply) =>
    reply.type('application/json').send(await runtime.results(contextOf(req), serviceCrn(req), req.params.id)));
  app.get('/api/v1/jobs/:id/logs', { config, schema: { tags, summary: "The job's log", params: IdParams } }, async (req, reply) =>
    reply.type('text/plain').send(await runtime.logs(contextOf(req), serviceCrn(req), req.params.id)));
  app.get('/api/v1/jobs/:id/metrics', { config, schema: { tags, summary: 'Timestamps and usage', params: IdParams, response: { 200: Type.Record(Type.String(), Type.Unknown()) } } },
    async (req) => runtime.metrics(contextOf(req), serviceCrn(req), req.params.id));
  app.post('/api/v1/jobs/:id/cancel', { config, schema: { tags, summary: 'Cancel a queued or running job', params: IdParams } }, async (req, reply) => {
    await runtime.cancel(contextOf(req), serviceCrn(req), req.params.id);
    return reply.status(204).send();
  });
  app.delete('/api/v1/jobs/:id', { config, schema: { tags, summary: 'Delete an ended job and its data', params: IdParams } }, async (req, reply) => {
    await runtime.remove(contextOf(req), serviceCrn(req), req.params.id);
    return reply.status(204).send();
  });
  app.put('/api/v1/jobs/:id/tags', { config, schema: { tags, summary: "Replace the job's tags", params: IdParams, body: Type.Object({ tags: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }) }, { additionalProperties: false }) } }, async (req, reply) => {
    await runtime.replaceTags(contextOf(req), serviceCrn(req), req.params.id, req.body.tags);
    return reply.status(204).send();
  });
}
