/**
 * The Qiskit Runtime job API: backends and jobs of the instance named by `Service-CRN`, each call
 * authorized by the decision point with its `quantum-computing.*` action on that instance.
 */
import crypto from 'node:crypto';
import type { Authorizer } from '#src/authz/authorizer.js';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { ResourcesService } from '#src/modules/resources/resources.service.js';
import { backendConfiguration, backendProperties, backendStatus, backendSummary, decodeQpyCircuit, getBackend, InvalidEncodingError, listBackends, parseQasm, QasmError } from '#src/simulator/index.js';
import type { JobWorkers } from './job-workers.js';
import type { Usage } from './usage.js';
import type { ChangeFeed } from '#src/db/change-feed.js';
import type { Transactor } from '#src/db/transactor.js';
import { TOPICS } from '#src/db/change-topics.js';
import { InvalidatingCache } from '#src/platform/invalidating-cache.js';
import type { SessionRow, SessionsRepo } from './sessions.repo.js';
import { TERMINAL_STATES, type JobRow, type JobSummary, type JobsRepo } from './jobs.repo.js';

export const RUNTIME_ACTIONS = {
  jobCreate: 'quantum-computing.job.create',
  jobRead: 'quantum-computing.job.read',
  jobUpdate: 'quantum-computing.job.update',
  jobCancel: 'quantum-computing.job.cancel',
  jobDelete: 'quantum-computing.job.delete',
  deviceRead: 'quantum-computing.device.read',
  usageRead: 'quantum-computing.instance-usage.read',
  configurationRead: 'quantum-computing.instance.configuration.read',
  configurationUpdate: 'quantum-computing.instance.configuration.update',
  sessionCreate: 'quantum-computing.session.create',
  sessionRead: 'quantum-computing.session.read',
  sessionUpdate: 'quantum-computing.session.update',
  instanceRead: 'quantum-computing.instance.read',
  workloadList: 'quantum-computing.workload.list',
} as const;

/** IBM's default and largest session lifetime (seconds). */
const DEFAULT_SESSION_TTL = 28_800;

/** IBM's upper bound on a job's `cost` (seconds). */
const MAX_COST_SECONDS = 10_800;

export type Instance = NonNullable<Awaited<ReturnType<ResourcesService['findInstanceByCrnOrGuid']>>>;

export interface CreateJobBody {
  program_id: string;
  backend?: string;
  params: Record<string, unknown>;
  tags?: string[];
  cost?: number;
  session_id?: string;
  log_level?: string;
  private?: boolean;
  runtime?: string;
}

/** A job id in IBM's form: 20 lower-case letters and digits. */
function jobId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...crypto.randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function createRuntimeService(deps: { jobs: JobsRepo; resources: ResourcesService; authorizer: Authorizer; audit: AuditService; clock: Clock; usage: Usage; sessions: SessionsRepo; feed: ChangeFeed; transact: Transactor; workers: Pick<JobWorkers, 'wake' | 'cancelLocal'>; jobsPerMinutePerUser: number }) {
  const now = () => deps.clock.now().toISOString();

  /** The instance a call is about; its owner account and the caller's rights are checked by `require`. */
  // Instances named by Service-CRN, as of their last change (announced on the change feed).
  const instances = new InvalidatingCache<Instance | undefined>(10_000);
  // Ended jobs change only when deleted or retagged (both announced), so clients polling them are served from memory.
  const endedJobs = new InvalidatingCache<JobSummary | undefined>(20_000);
  deps.feed.subscribe((change) => {
    if (change === 'all') {
      instances.clear();
      endedJobs.clear();
    } else if (change.topic === TOPICS.resourceInstance) instances.clear();
    else if (change.topic === TOPICS.job) endedJobs.invalidate(change.key);
  });

  /** A job without its result: from memory once it has ended, from the store while it may still change. */
  const jobSummary = (id: string): Promise<JobSummary | undefined> =>
    endedJobs.get(id, () => deps.jobs.findSummaryById(id), !deps.feed.trusted, (row) => row !== undefined && TERMINAL_STATES.has(row.status));

  const instanceOf = async (ctx: RequestContext, serviceCrn: string | undefined): Promise<Instance> => {
    assertThat(serviceCrn, () => appError('invalid_parameter', "header 'Service-CRN' is required: the CRN of your quantum-computing instance"));
    const instance = await instances.get(serviceCrn, () => deps.resources.findInstanceByCrnOrGuid(serviceCrn), !deps.feed.trusted);
    if (!instance || instance.state === 'removed' || instance.account_id !== ctx.principal?.accountId) {
      throw appError('not_found', `no quantum-computing instance ${serviceCrn} in your account; check the Service-CRN header`);
    }
    return instance;
  };

  const require = (ctx: RequestContext, action: string, instance: Instance) =>
    deps.authorizer.require(ctx, action, { accountId: instance.account_id, type: 'instance', id: instance.guid, attributes: { serviceName: 'quantum-computing', serviceInstance: instance.guid, resourceGroupId: instance.resource_group_id, region: instance.region_id } });

  const backendsOf = (instance: Instance) => {
    const allowed = new Set(deps.resources.planOf(instance.resource_plan_id)?.limits.backends ?? []);
    return listBackends().filter((b) => allowed.has(b.name));
  };

  const backendFor = (instance: Instance, name: string) => {
    const backend = backendsOf(instance).find((b) => b.name === name);
    if (!backend) throw appError('backend_not_found', `backend ${name} is not available to this instance; GET /api/v1/backends lists the ones it may use`);
    return backend;
  };

  const jobView = (row: JobSummary, excludeParams: boolean) => ({
    id: row.id,
    backend: row.backend,
    status: row.status,
    state: { status: row.status, ...(row.reason ? { reason: row.reason } : {}), ...(row.reason_code !== null ? { reason_code: row.reason_code } : {}) },
    program: { id: row.program_id },
    created: row.created_at,
    cost: row.cost,
    tags: JSON.parse(row.tags) as string[],
    user_id: row.created_by,
    usage: { seconds: row.usage_seconds },
    ...(row.session_id ? { session_id: row.session_id } : {}),
    ...(excludeParams ? {} : { params: JSON.parse(row.params) as Record<string, unknown> }),
  });

  const loadJob = async <Full extends boolean = false>(ctx: RequestContext, serviceCrn: string | undefined, id: string, action: string, full?: Full) => {
    const instance = await instanceOf(ctx, serviceCrn);
    require(ctx, action, instance);
    const row = (full ? await deps.jobs.findById(id) : await jobSummary(id)) as (Full extends true ? JobRow : JobSummary) | undefined;
    // A job of another instance is answered as missing: jobs are not shared between instances.
    if (!row || row.instance_id !== instance.guid) throw appError('job_not_found', `job ${id} not found in this instance`);
    return { instance, row };
  };

  /** Checks PUBs before queueing: a circuit that cannot compile is a 400 now, not a failed job later. */
  const checkPubs = (params: Record<string, unknown>, maxQubits: number) => {
    const pubs = params.pubs;
    assertThat(Array.isArray(pubs) && pubs.length > 0, () => appError('invalid_body', "field 'params.pubs' must be a non-empty array of PUBs"));
    pubs.forEach((pub, i) => {
      const circuit = Array.isArray(pub) ? pub[0] : pub;
      const isQpy = !!circuit && typeof circuit === 'object' && (circuit as { __type__?: unknown }).__type__ === 'QuantumCircuit';
      if (typeof circuit !== 'string' && !isQpy) {
        throw appError('invalid_body', `field 'params.pubs[${i}][0]' must be an OpenQASM 2 or 3 program or a QPY QuantumCircuit value`);
      }
      let qubits: number;
      try {
        qubits = typeof circuit === 'string' ? parseQasm(circuit).numQubits : decodeQpyCircuit((circuit as { __value__?: unknown }).__value__).numQubits;
      } catch (err) {
        if (err instanceof QasmError || err instanceof InvalidEncodingError) throw appError('invalid_body', `field 'params.pubs[${i}][0]': ${err.message}`);
        throw err;
      }
      assertThat(qubits <= maxQubits, () => appError('invalid_body', `field 'params.pubs[${i}][0]' uses ${qubits} qubits; this instance's plan allows ${maxQubits}`));
    });
    const version = params.version;
    assertThat(version === undefined || version === 2 || version === '2', () => appError('invalid_body', "field 'params.version' must be 2 (primitives V2)"));
  };

  /**
   * The session as it is now: one past its `max_ttl` is closed on the spot (by whichever request
   * or node sees it first; that one records it, as the server's own act, not the caller's).
   */
  const liveSession = async (row: SessionRow, ctx: RequestContext): Promise<SessionRow> => {
    if (row.state !== 'closed' && deps.clock.now().getTime() - Date.parse(row.started_at) > row.max_ttl * 1000) {
      const at = now();
      await deps.transact(async (uow) => {
        if (!(await deps.sessions.close(row.id, at, uow.trx))) return;
        await deps.sessions.cancelQueuedJobs(row.id, at, uow.trx);
        await deps.audit.record(uow.trx, ctx, {
          action: RUNTIME_ACTIONS.sessionUpdate, target: { type: 'session', id: row.id }, outcome: 'success', status: 204,
          system: true, accountId: row.account_id, details: { closed: true, reason: 'max_ttl_elapsed', max_ttl: row.max_ttl },
        });
      });
      return { ...row, state: 'closed', accepting_jobs: 0, closed_at: at };
    }
    return row;
  };

  const sessionView = (row: SessionRow) => ({
    id: row.id, backend_name: row.backend, mode: row.mode, state: row.state, accepting_jobs: row.accepting_jobs === 1, max_ttl: row.max_ttl,
    interactive_ttl: row.interactive_ttl, started_at: row.started_at, activated_at: row.activated_at, closed_at: row.closed_at,
    last_job_started: row.last_job_started, user_id: row.created_by,
  });

  const loadSession = async (ctx: RequestContext, serviceCrn: string | undefined, id: string, action: string) => {
    const instance = await instanceOf(ctx, serviceCrn);
    require(ctx, action, instance);
    const row = await deps.sessions.findById(id);
    if (!row || row.instance_id !== instance.guid) throw appError('session_not_found', `session ${id} not found in this instance`);
    return liveSession(row, ctx);
  };

  return {
    async createSession(ctx: RequestContext, serviceCrn: string | undefined, body: { mode: string; backend?: string; backend_name?: string; max_ttl?: number; interactive_ttl?: number }) {
      const instance = await instanceOf(ctx, serviceCrn);
      require(ctx, RUNTIME_ACTIONS.sessionCreate, instance);
      const max = deps.resources.planOf(instance.resource_plan_id)?.limits.max_sessions ?? 0;
      assertThat(max > 0, () => appError('sessions_not_allowed', `the ${instance.resource_plan_id} plan of this instance does not allow sessions or batches; submit jobs directly`));
      const backend = backendFor(instance, body.backend ?? body.backend_name ?? backendsOf(instance)[0]?.name ?? '');
      const ttl = body.max_ttl ?? DEFAULT_SESSION_TTL;
      assertThat(Number.isInteger(ttl) && ttl >= 1 && ttl <= DEFAULT_SESSION_TTL, () => appError('invalid_body', `field 'max_ttl' must be a whole number of seconds from 1 to ${DEFAULT_SESSION_TTL}`));
      const row: SessionRow = {
        id: jobId(), account_id: instance.account_id, instance_id: instance.guid, backend: backend.name, mode: body.mode, state: 'open', accepting_jobs: 1, max_ttl: ttl,
        interactive_ttl: body.interactive_ttl ?? null, created_by: ctx.principal!.iamId, started_at: now(), activated_at: null, closed_at: null, last_job_started: null,
      };
      // Counted under a lock per instance: sessions opened at once cannot all pass one count.
      await deps.transact(async (uow) => {
        await uow.serialize(`sessions-of:${instance.guid}`);
        const open = await deps.sessions.countOpen(instance.guid, uow.trx);
        assertThat(open < max, () => appError('session_limit_reached', `the instance already has ${open} open sessions, the most its plan allows (${max}); close one first`));
        await deps.sessions.insert(row, uow.trx);
        await deps.audit.record(uow.trx, ctx, { action: RUNTIME_ACTIONS.sessionCreate, target: { type: 'session', id: row.id }, outcome: 'success', status: 200, details: { mode: row.mode, backend: row.backend } });
      });
      return sessionView(row);
    },

    async getSession(ctx: RequestContext, serviceCrn: string | undefined, id: string) {
      return sessionView(await loadSession(ctx, serviceCrn, id, RUNTIME_ACTIONS.sessionRead));
    },

    async updateSession(ctx: RequestContext, serviceCrn: string | undefined, id: string, acceptingJobs: boolean): Promise<void> {
      const row = await loadSession(ctx, serviceCrn, id, RUNTIME_ACTIONS.sessionUpdate);
      assertThat(row.state !== 'closed' || !acceptingJobs, () => appError('session_closed', `session ${id} is closed`));
      await deps.transact(async (uow) => {
        await deps.sessions.updateById(id, { accepting_jobs: acceptingJobs ? 1 : 0 }, uow.trx);
        await deps.audit.record(uow.trx, ctx, { action: RUNTIME_ACTIONS.sessionUpdate, target: { type: 'session', id }, outcome: 'success', status: 204, details: { accepting_jobs: acceptingJobs } });
      });
    },

    /** Closes a session at once: it accepts no more jobs, its queued jobs will not run, running ones finish. */
    async closeSession(ctx: RequestContext, serviceCrn: string | undefined, id: string): Promise<void> {
      const row = await loadSession(ctx, serviceCrn, id, RUNTIME_ACTIONS.sessionUpdate);
      if (row.state === 'closed') return;
      const at = now();
      await deps.transact(async (uow) => {
        if (!(await deps.sessions.close(id, at, uow.trx))) return;
        await deps.sessions.cancelQueuedJobs(id, at, uow.trx);
        await deps.audit.record(uow.trx, ctx, { action: RUNTIME_ACTIONS.sessionUpdate, target: { type: 'session', id }, outcome: 'success', status: 204, details: { closed: true } });
      });
    },

    async listBackends(ctx: RequestContext, serviceCrn: string | undefined) {
      const instance = await instanceOf(ctx, serviceCrn);
      require(ctx, RUNTIME_ACTIONS.deviceRead, instance);
      return { devices: backendsOf(instance).map((b) => backendSummary(b, 0)) };
    },

    async backendDetail(ctx: RequestContext, serviceCrn: string | undefined, name: string, what: 'configuration' | 'properties' | 'status' | 'defaults') {
      const instance = await instanceOf(ctx, serviceCrn);
      require(ctx, RUNTIME_ACTIONS.deviceRead, instance);
      const backend = backendFor(instance, name);
      if (what === 'configuration') return backendConfiguration(backend);
      if (what === 'properties') return backendProperties(backend);
      if (what === 'status') return backendStatus(backend, 0);
      throw appError('not_found', `backend ${name} is a simulator: it has no pulse defaults`);
    },

    async createJob(ctx: RequestContext, serviceCrn: string | undefined, body: CreateJobBody) {
      const instance = await instanceOf(ctx, serviceCrn);
      require(ctx, RUNTIME_ACTIONS.jobCreate, instance);
      const rateRefusal = (recent: number) =>
        appError('too_many_requests', `you submitted ${recent} jobs in the last minute, the most allowed (${deps.jobsPerMinutePerUser}); retry in a minute`, undefined, { 'Retry-After': '60' });
      const minuteAgo = () => new Date(deps.clock.now().getTime() - 60_000).toISOString();
      if (deps.jobsPerMinutePerUser > 0) {
        // Early and cheap; the count that decides is taken again with the insert (below).
        const recent = await deps.jobs.countSubmittedSince(ctx.principal!.iamId, minuteAgo());
        assertThat(recent < deps.jobsPerMinutePerUser, () => rateRefusal(recent));
      }
      assertThat(body.program_id === 'sampler' || body.program_id === 'estimator', () => appError('invalid_body', "field 'program_id' must be sampler or estimator"));
      const backendName = body.backend ?? backendsOf(instance)[0]?.name;
      assertThat(backendName, () => appError('backend_not_found', 'this instance has no backends'));
      const backend = backendFor(instance, backendName);
      assertThat(body.program_id === 'sampler' || backend.method === 'statevector', () => appError('invalid_body', `field 'backend': ${backend.name} runs the sampler only`));
      const planMax = Math.min(MAX_COST_SECONDS, deps.resources.planOf(instance.resource_plan_id)?.limits.max_job_cost_seconds ?? MAX_COST_SECONDS);
      assertThat(body.cost === undefined || (Number.isInteger(body.cost) && body.cost >= 1 && body.cost <= planMax), () => appError('invalid_body', `field 'cost' must be a whole number of seconds from 1 to ${planMax}`));
      const plan = deps.resources.planOf(instance.resource_plan_id);
      checkPubs(body.params, plan?.limits.max_qubits ?? Number.MAX_SAFE_INTEGER);
      const usage = await deps.usage.status(instance.guid, plan?.limits.monthly_usage_seconds);
      assertThat(usage.limitSeconds === undefined || usage.consumedSeconds < usage.limitSeconds, () =>
        appError('usage_limit_reached', `the instance has used ${Math.round(usage.consumedSeconds)} s of its ${usage.limitSeconds} s this month; raise its limit or wait until ${usage.periodEnd}`));
      if (body.session_id) {
        const found = await deps.sessions.findById(body.session_id);
        if (!found || found.instance_id !== instance.guid) throw appError('session_not_found', `session ${body.session_id} not found in this instance`);
        const session = await liveSession(found, ctx);
        assertThat(session.state !== 'closed' && session.accepting_jobs === 1, () => appError('session_closed', `session ${session.id} is not accepting jobs`));
        assertThat(session.backend === backend.name, () => appError('invalid_body', `field 'backend': session ${session.id} runs on ${session.backend}`));
      }
      const row: JobRow = {
        id: jobId(), account_id: instance.account_id, instance_id: instance.guid, backend: backend.name, program_id: body.program_id, params: JSON.stringify(body.params),
        status: 'Queued', reason: null, reason_code: null, created_by: ctx.principal!.iamId, session_id: body.session_id ?? null, tags: JSON.stringify(body.tags ?? []),
        cost: body.cost ?? planMax, usage_seconds: 0, created_at: now(), started_at: null, finished_at: null, lease_owner: null, lease_expires_at: null,
        attempts: 0, cancel_requested: 0, result: null, logs: '',
      };
      // The job, its session's activity and its audit event commit together: an acknowledged job is never unrecorded.
      await deps.transact(async (uow) => {
        if (deps.jobsPerMinutePerUser > 0) {
          // Counted again with the insert, under a lock per submitter: jobs sent at once cannot all pass one count.
          await uow.serialize(`jobs-submitted-by:${row.created_by}`);
          const recent = await deps.jobs.countSubmittedSince(row.created_by, minuteAgo(), uow.trx);
          assertThat(recent < deps.jobsPerMinutePerUser, () => rateRefusal(recent));
        }
        if (row.session_id !== null) {
          const joined = await deps.sessions.recordJobStart(row.session_id, row.created_at, uow.trx);
          assertThat(joined, () => appError('session_closed', `session ${row.session_id} is not accepting jobs`));
        }
        await deps.jobs.insert(row, uow.trx);
        await deps.audit.record(uow.trx, ctx, { action: RUNTIME_ACTIONS.jobCreate, target: { type: 'job', id: row.id }, outcome: 'success', status: 200, details: { instance: instance.guid, backend: backend.name, program: row.program_id } });
      });
      deps.workers.wake();
      return { id: row.id, backend: row.backend, ...(row.session_id ? { session_id: row.session_id } : {}) };
    },

    async usage(ctx: RequestContext, serviceCrn: string | undefined) {
      const instance = await instanceOf(ctx, serviceCrn);
      require(ctx, RUNTIME_ACTIONS.usageRead, instance);
      const u = await deps.usage.status(instance.guid, deps.resources.planOf(instance.resource_plan_id)?.limits.monthly_usage_seconds);
      return {
        instance_id: instance.crn, plan_id: instance.resource_plan_id, usage_period: { start_time: u.periodStart, end_time: u.periodEnd },
        usage_consumed_seconds: u.consumedSeconds,
        ...(u.limitSeconds !== undefined ? { usage_limit_seconds: u.limitSeconds, usage_limit_reached: u.consumedSeconds >= u.limitSeconds } : { usage_limit_reached: false }),
      };
    },

    async configuration(ctx: RequestContext, serviceCrn: string | undefined) {
      const instance = await instanceOf(ctx, serviceCrn);
      require(ctx, RUNTIME_ACTIONS.configurationRead, instance);
      return { instance_limit: (await deps.jobs.configuration.get(instance.guid))?.instance_limit ?? null };
    },

    /** Sets (or clears, with null) the instance's monthly usage limit in seconds: Manager only. */
    async setConfiguration(ctx: RequestContext, serviceCrn: string | undefined, limit: number | null): Promise<void> {
      const instance = await instanceOf(ctx, serviceCrn);
      require(ctx, RUNTIME_ACTIONS.configurationUpdate, instance);
      await deps.transact(async (uow) => {
        await deps.jobs.configuration.set(instance.guid, limit, now(), ctx.principal!.iamId, uow.trx);
        await deps.audit.record(uow.trx, ctx, { action: RUNTIME_ACTIONS.configurationUpdate, target: { type: 'resource_instance', id: instance.guid }, outcome: 'success', status: 204, details: { instance_limit: limit } });
      });
    },

    async listJobs(ctx: RequestContext, serviceCrn: string | undefined, q: { limit?: number; offset?: number; pending?: boolean; program?: string; backend?: string; session_id?: string; created_after?: string; created_before?: string; sort?: 'ASC' | 'DESC'; exclude_params?: boolean; tags?: string[] }) {
      const instance = await instanceOf(ctx, serviceCrn);
      require(ctx, RUNTIME_ACTIONS.jobRead, instance);
      const limit = q.limit ?? 200;
      const offset = q.offset ?? 0;
      const filter = { instanceId: instance.guid, pending: q.pending, program: q.program, backend: q.backend, sessionId: q.session_id, createdAfter: q.created_after, createdBefore: q.created_before, tags: q.tags };
      const count = await deps.jobs.count(filter);
      const desc = q.sort !== 'ASC';
      // Pages past the middle are read from the other end: an OFFSET walks every row it skips.
      const fromEnd = offset > count / 2;
      const rows = fromEnd
        ? (await deps.jobs.list({ ...filter, desc: !desc, offset: Math.max(0, count - offset - limit), limit: Math.max(0, Math.min(limit, count - offset)) })).reverse()
        : await deps.jobs.list({ ...filter, desc, offset, limit });
      return { jobs: rows.map((r) => jobView(r, q.exclude_params ?? false)), count, limit, offset };
    },

    async getJob(ctx: RequestContext, serviceCrn: string | undefined, id: string, excludeParams: boolean) {
      return jobView((await loadJob(ctx, serviceCrn, id, RUNTIME_ACTIONS.jobRead)).row, excludeParams);
    },

    async results(ctx: RequestContext, serviceCrn: string | undefined, id: string): Promise<string> {
      const { row } = await loadJob(ctx, serviceCrn, id, RUNTIME_ACTIONS.jobRead, true);
      if (row.status !== 'Completed' || row.result === null) throw appError('job_not_found', `job ${id} has no results: it is ${row.status}`);
      return row.result;
    },

    async logs(ctx: RequestContext, serviceCrn: string | undefined, id: string): Promise<string> {
      return (await loadJob(ctx, serviceCrn, id, RUNTIME_ACTIONS.jobRead, true)).row.logs;
    },

    async metrics(ctx: RequestContext, serviceCrn: string | undefined, id: string) {
      const { row } = await loadJob(ctx, serviceCrn, id, RUNTIME_ACTIONS.jobRead);
      return {
        timestamps: { created: row.created_at, running: row.started_at, finished: row.finished_at },
        usage: { seconds: row.usage_seconds, quantum_seconds: row.usage_seconds, status: TERMINAL_STATES.has(row.status) ? 'completed' : 'pending' },
        bss: { seconds: row.usage_seconds },
      };
    },

    async cancel(ctx: RequestContext, serviceCrn: string | undefined, id: string): Promise<void> {
      const { row } = await loadJob(ctx, serviceCrn, id, RUNTIME_ACTIONS.jobCancel);
      assertThat(!TERMINAL_STATES.has(row.status), () => appError('job_not_cancellable', `job ${id} is ${row.status} and cannot be cancelled`));
      await deps.transact(async (uow) => {
        await deps.jobs.requestCancel(id, now(), uow.trx);
        await deps.audit.record(uow.trx, ctx, { action: RUNTIME_ACTIONS.jobCancel, target: { type: 'job', id }, outcome: 'success', status: 204 });
      });
      deps.workers.cancelLocal(id);
    },

    async remove(ctx: RequestContext, serviceCrn: string | undefined, id: string): Promise<void> {
      const { row } = await loadJob(ctx, serviceCrn, id, RUNTIME_ACTIONS.jobDelete);
      assertThat(TERMINAL_STATES.has(row.status), () => appError('job_not_terminal', `job ${id} is ${row.status}; cancel it and delete it once it has ended`));
      await deps.transact(async (uow) => {
        await deps.jobs.deleteById(id, uow.trx);
        await deps.audit.record(uow.trx, ctx, { action: RUNTIME_ACTIONS.jobDelete, target: { type: 'job', id }, outcome: 'success', status: 204 });
        uow.changed(TOPICS.job, id);
      });
    },

    async replaceTags(ctx: RequestContext, serviceCrn: string | undefined, id: string, tags: string[]): Promise<void> {
      await loadJob(ctx, serviceCrn, id, RUNTIME_ACTIONS.jobUpdate);
      await deps.transact(async (uow) => {
        await deps.jobs.setTags(id, JSON.stringify(tags), uow.trx);
        uow.changed(TOPICS.job, id);
        await deps.audit.record(uow.trx, ctx, { action: RUNTIME_ACTIONS.jobUpdate, target: { type: 'job', id }, outcome: 'success', status: 204, details: { tags } });
      });
    },

    /** The instance `Service-CRN` names, once the caller is allowed `action` on it (for the workload listing). */
    async authorizedInstance(ctx: RequestContext, serviceCrn: string | undefined, action: string): Promise<Instance> {
      const instance = await instanceOf(ctx, serviceCrn);
      require(ctx, action, instance);
      return instance;
    },

    /** Closes the instance's sessions that outlived their `max_ttl` (at most the plan's few open sessions), so listings show them closed. */
    async closeExpiredSessions(ctx: RequestContext, instance: Instance): Promise<void> {
      for (const row of await deps.sessions.listOpen(instance.guid)) await liveSession(row, ctx);
    },

    async instanceDetails(ctx: RequestContext, serviceCrn: string | undefined) {
      const instance = await instanceOf(ctx, serviceCrn);
      require(ctx, RUNTIME_ACTIONS.instanceRead, instance);
      return {
        instance_id: instance.crn, guid: instance.guid, name: instance.name, plan_id: instance.resource_plan_id, region: instance.region_id,
        backends: backendsOf(instance).map((b) => b.name), qctrl_enabled: false,
      };
    },

    /** Interim results a job published while it ran: the simulator publishes none, so this is empty for every job that exists. */
    async interimResults(ctx: RequestContext, serviceCrn: string | undefined, id: string): Promise<void> {
      await loadJob(ctx, serviceCrn, id, RUNTIME_ACTIONS.jobRead);
    },

    /** Backends a name resolves to, for callers outside an instance (none today). */
    knownBackend: (name: string) => getBackend(name) !== undefined,
  };
}

export type RuntimeService = ReturnType<typeof createRuntimeService>;
