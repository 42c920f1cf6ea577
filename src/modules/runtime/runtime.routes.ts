/**
 * Qiskit Runtime REST API routes under `/api/v1` (what qiskit-ibm-runtime 0.40+ calls), and the same
 * handlers again at the root, where IBM Cloud's legacy runtime host served them (clients up to 0.39).
 */
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { RuntimeService } from './runtime.service.js';
import type { WorkloadsService } from './workloads.service.js';

/** Where the API is served: its current base, then the legacy root (described as deprecated). */
export const RUNTIME_BASES = [
  { base: '/api/v1', tags: ['Qiskit Runtime'], deprecated: false },
  { base: '', tags: ['Qiskit Runtime (legacy root paths)'], deprecated: true },
] as const;

/** First path segments the runtime uses at the root: nothing else may serve them there. */
export const RUNTIME_ROOT_SEGMENTS = ['versions', 'backends', 'instances', 'instance', 'usage', 'sessions', 'jobs', 'workloads', 'tags'] as const;

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

export function runtimeRoutes(app: App, deps: { runtime: RuntimeService; workloads: WorkloadsService }): void {
  for (const at of RUNTIME_BASES) routesAt(app, deps, at.base, { tags: [...at.tags], ...(at.deprecated ? { deprecated: true } : {}) });
}

const WorkloadStatus = Type.Enum(['pending', 'in_progress', 'completed', 'failed', 'canceled']);
const WorkloadsQuery = Type.Object({
  user: Type.Optional(Type.Enum(['me'])), sort: Type.Optional(Type.Enum(['createdAt', '-createdAt'])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  next: Type.Optional(Type.String({ maxLength: 500 })), previous: Type.Optional(Type.String({ maxLength: 500 })), backend: Type.Optional(Type.String({ maxLength: 200 })),
  search: Type.Optional(Type.String({ maxLength: 100 })), status: Type.Optional(Type.Array(WorkloadStatus, { maxItems: 5 })), mode: Type.Optional(Type.Enum(['job', 'session', 'batch'])),
  created_after: Type.Optional(Type.String({ format: 'date-time' })), created_before: Type.Optional(Type.String({ format: 'date-time' })),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
});
const Workload = Type.Object({
  id: Type.String(), created: Type.String(), ended: Type.Optional(Type.String()), backend: Type.String(), instance: Type.String(), user_id: Type.String(),
  accepting_jobs: Type.Union([Type.Boolean(), Type.Null()]), mode: Type.String(), status: Type.String(), status_reason: Type.Optional(Type.String()),
  tags: Type.Array(Type.String()), usage_seconds: Type.Number(), usage: Type.Object({ qpu_charge_time_seconds: Type.Number(), status: Type.String() }),
});
const Link = Type.Object({ href: Type.String() });

/** Every runtime route at one base path; `doc` is the OpenAPI tags (and deprecation) of that base. */
function routesAt(app: App, deps: { runtime: RuntimeService; workloads: WorkloadsService }, base: string, doc: { tags: string[]; deprecated?: true }): void {
  const { runtime, workloads } = deps;
  const tags = doc.tags;
  const deprecated = doc.deprecated ? { deprecated: true } : {};

  app.get(`${base}/versions`, { config: { service: 'runtime', auth: 'public' }, schema: { ...deprecated, tags, summary: 'API versions this server accepts in IBM-API-Version', response: { 200: Type.Object({ versions: Type.Array(Type.String()) }) } } },
    async () => ({ versions: ['2024-01-01', '2025-01-01', '2025-05-01', '2026-02-15', '2026-04-15'] }));

  app.get(`${base}/backends`, { config, schema: { ...deprecated, tags, summary: 'Backends the instance may use', response: { 200: Type.Object({ devices: Type.Array(Type.Unknown()) }) } } },
    async (req) => runtime.listBackends(contextOf(req), serviceCrn(req)));
  for (const what of ['configuration', 'properties', 'status', 'defaults'] as const) {
    app.get(`${base}/backends/:name/${what}`, { config, schema: { ...deprecated, tags, summary: `Backend ${what}`, params: BackendParams, response: { 200: Type.Record(Type.String(), Type.Unknown()) } } },
      async (req) => (await runtime.backendDetail(contextOf(req), serviceCrn(req), req.params.name, what)) as Record<string, unknown>);
  }

  app.get(`${base}/instances/usage`, { config, schema: { ...deprecated, tags, summary: "The instance's usage this month and its limit", response: { 200: Type.Record(Type.String(), Type.Unknown()) } } },
    async (req) => runtime.usage(contextOf(req), serviceCrn(req)));
  app.get(`${base}/instances/configuration`, { config, schema: { ...deprecated, tags, summary: "The instance's usage limit", response: { 200: Type.Object({ instance_limit: Type.Union([Type.Integer(), Type.Null()]) }) } } },
    async (req) => runtime.configuration(contextOf(req), serviceCrn(req)));
  app.put(`${base}/instances/configuration`, {
    config, schema: { ...deprecated, tags, summary: "Set the instance's monthly usage limit in seconds (null clears it)", body: Type.Object({ instance_limit: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) }, { additionalProperties: false }) },
  }, async (req, reply) => {
    await runtime.setConfiguration(contextOf(req), serviceCrn(req), req.body.instance_limit);
    return reply.status(204).send();
  });

  const SessionView = Type.Object({
    id: Type.String(), backend_name: Type.String(), mode: Type.String(), state: Type.String(), accepting_jobs: Type.Boolean(), max_ttl: Type.Integer(),
    interactive_ttl: Type.Union([Type.Integer(), Type.Null()]), started_at: Type.String(), activated_at: Type.Union([Type.String(), Type.Null()]),
    closed_at: Type.Union([Type.String(), Type.Null()]), last_job_started: Type.Union([Type.String(), Type.Null()]), user_id: Type.String(),
  });
  app.post(`${base}/sessions`, {
    config,
    schema: {
      ...deprecated, tags, summary: 'Open a session (dedicated) or a batch',
      body: Type.Object({
        mode: Type.Enum(['dedicated', 'batch']), backend: Type.Optional(Type.String({ maxLength: 200 })), backend_name: Type.Optional(Type.String({ maxLength: 200 })),
        max_ttl: Type.Optional(Type.Integer()), interactive_ttl: Type.Optional(Type.Integer()), active_ttl: Type.Optional(Type.Integer()), instance: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 200: SessionView },
    },
  }, async (req) => runtime.createSession(contextOf(req), serviceCrn(req), req.body));
  app.get(`${base}/sessions/:id`, { config, schema: { ...deprecated, tags, summary: 'A session', params: IdParams, response: { 200: SessionView } } },
    async (req) => runtime.getSession(contextOf(req), serviceCrn(req), req.params.id));
  app.patch(`${base}/sessions/:id`, { config, schema: { ...deprecated, tags, summary: 'Stop (or resume) accepting jobs', params: IdParams, body: Type.Object({ accepting_jobs: Type.Boolean() }, { additionalProperties: false }) } }, async (req, reply) => {
    await runtime.updateSession(contextOf(req), serviceCrn(req), req.params.id, req.body.accepting_jobs);
    return reply.status(204).send();
  });
  app.delete(`${base}/sessions/:id/close`, { config, schema: { ...deprecated, tags, summary: 'Close now: queued jobs will not run, running ones finish', params: IdParams } }, async (req, reply) => {
    await runtime.closeSession(contextOf(req), serviceCrn(req), req.params.id);
    return reply.status(204).send();
  });

  app.post(`${base}/jobs`, { config, schema: { ...deprecated, tags, summary: 'Run a primitive (sampler or estimator)', body: CreateJob, response: { 200: Type.Object({ id: Type.String(), backend: Type.String(), session_id: Type.Optional(Type.String()) }) } } },
    async (req) => runtime.createJob(contextOf(req), serviceCrn(req), req.body));
  app.get(`${base}/jobs`, {
    config,
    schema: {
      ...deprecated, tags, summary: 'List the jobs of the instance (count is the total number of matches)',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), offset: Type.Optional(Type.Integer({ minimum: 0 })), pending: Type.Optional(Type.Boolean()),
        program: Type.Optional(Type.String({ maxLength: 50 })), backend: Type.Optional(Type.String({ maxLength: 200 })), session_id: Type.Optional(Type.String({ maxLength: 100 })),
        created_after: Type.Optional(Type.String({ format: 'date-time' })), created_before: Type.Optional(Type.String({ format: 'date-time' })),
        sort: Type.Optional(Type.Enum(['ASC', 'DESC'])), exclude_params: Type.Optional(Type.Boolean()), tags: Type.Optional(Type.Array(Type.String({ maxLength: 100 }))),
      }),
      response: { 200: Type.Object({ jobs: Type.Array(JobView), count: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }) },
    },
  }, async (req) => runtime.listJobs(contextOf(req), serviceCrn(req), req.query));
  app.get(`${base}/jobs/:id`, { config, schema: { ...deprecated, tags, summary: 'A job', params: IdParams, querystring: Type.Object({ exclude_params: Type.Optional(Type.Boolean()) }), response: { 200: JobView } } },
    async (req) => runtime.getJob(contextOf(req), serviceCrn(req), req.params.id, req.query.exclude_params ?? false));
  app.get(`${base}/jobs/:id/results`, { config, schema: { ...deprecated, tags, summary: 'The result of a completed job', params: IdParams } }, async (req, reply) =>
    reply.type('application/json').send(await runtime.results(contextOf(req), serviceCrn(req), req.params.id)));
  app.get(`${base}/jobs/:id/logs`, { config, schema: { ...deprecated, tags, summary: "The job's log", params: IdParams } }, async (req, reply) =>
    reply.type('text/plain').send(await runtime.logs(contextOf(req), serviceCrn(req), req.params.id)));
  app.get(`${base}/jobs/:id/metrics`, { config, schema: { ...deprecated, tags, summary: 'Timestamps and usage', params: IdParams, response: { 200: Type.Record(Type.String(), Type.Unknown()) } } },
    async (req) => runtime.metrics(contextOf(req), serviceCrn(req), req.params.id));
  app.post(`${base}/jobs/:id/cancel`, { config, schema: { ...deprecated, tags, summary: 'Cancel a queued or running job', params: IdParams } }, async (req, reply) => {
    await runtime.cancel(contextOf(req), serviceCrn(req), req.params.id);
    return reply.status(204).send();
  });
  app.delete(`${base}/jobs/:id`, { config, schema: { ...deprecated, tags, summary: 'Delete an ended job and its data', params: IdParams } }, async (req, reply) => {
    await runtime.remove(contextOf(req), serviceCrn(req), req.params.id);
    return reply.status(204).send();
  });
  app.put(`${base}/jobs/:id/tags`, { config, schema: { ...deprecated, tags, summary: "Replace the job's tags", params: IdParams, body: Type.Object({ tags: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }) }, { additionalProperties: false }) } }, async (req, reply) => {
    await runtime.replaceTags(contextOf(req), serviceCrn(req), req.params.id, req.body.tags);
    return reply.status(204).send();
  });
  app.get(`${base}/jobs/:id/interim_results`, { config, schema: { ...deprecated, tags, summary: 'Interim results the job published while it ran (the simulator publishes none: 204)', params: IdParams } }, async (req, reply) => {
    await runtime.interimResults(contextOf(req), serviceCrn(req), req.params.id);
    return reply.status(204).send();
  });

  // Older clients read usage here (the same answer as /instances/usage).
  app.get(`${base}/usage`, { config, schema: { ...deprecated, tags, summary: "The instance's usage (older path of /instances/usage)", response: { 200: Type.Record(Type.String(), Type.Unknown()) } } },
    async (req) => runtime.usage(contextOf(req), serviceCrn(req)));
  app.get(`${base}/instance`, {
    config, schema: {
      ...deprecated, tags, summary: 'The instance named by Service-CRN',
      response: { 200: Type.Object({ instance_id: Type.String(), guid: Type.String(), name: Type.String(), plan_id: Type.String(), region: Type.String(), backends: Type.Array(Type.String()), qctrl_enabled: Type.Boolean() }) },
    },
  }, async (req) => runtime.instanceDetails(contextOf(req), serviceCrn(req)));
  app.get(`${base}/workloads`, {
    config, schema: {
      ...deprecated, tags, summary: "The instance's jobs (outside sessions), sessions and batches, with cursor paging (next/previous)", querystring: WorkloadsQuery,
      response: { 200: Type.Object({ workloads: Type.Array(Workload), total_count: Type.Integer(), limit: Type.Integer(), next: Type.Optional(Link), previous: Type.Optional(Link) }) },
    },
  }, async (req) => workloads.list(contextOf(req), serviceCrn(req), `${base}/workloads`, req.query));
  app.get(`${base}/tags`, {
    config, schema: {
      ...deprecated, tags, summary: "Tags of the instance's jobs that contain the search text",
      querystring: Type.Object({ type: Type.Optional(Type.Enum(['job'])), search: Type.Optional(Type.String({ maxLength: 100 })) }),
      response: { 200: Type.Object({ tags: Type.Array(Type.String()) }) },
    },
  }, async (req) => workloads.tags(contextOf(req), serviceCrn(req), req.query.search ?? ''));
}
