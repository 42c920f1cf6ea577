/**
 * Usage of an instance in the current month, against the smaller of the instance's own limit (set by
 * an administrator) and its plan's monthly allowance.
 */
import type { Clock } from '#src/platform/clock.js';
import type { ResourcesService } from '#src/modules/resources/resources.service.js';
import type { JobRow, JobsRepo } from './jobs.repo.js';

export interface UsageStatus {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly consumedSeconds: number;
  /** The limit in force, or undefined when there is none. */
  readonly limitSeconds: number | undefined;
  readonly instanceLimit: number | null;
}

export function createUsage(deps: { jobs: JobsRepo; clock: Clock; resources: Pick<ResourcesService, 'findInstanceByCrnOrGuid' | 'planOf'> }) {
  const period = () => {
    const now = deps.clock.now();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    return { start: start.toISOString(), end: end.toISOString() };
  };
  const status = async (instanceId: string, planMonthlySeconds: number | null | undefined): Promise<UsageStatus> => {
    const { start, end } = period();
    const [consumed, config] = await Promise.all([deps.jobs.usageIn(instanceId, start.slice(0, 7)), deps.jobs.configuration.get(instanceId)]);
    const instanceLimit = config?.instance_limit ?? null;
    const limits = [instanceLimit, planMonthlySeconds ?? null].filter((v): v is number => v !== null);
    return { periodStart: start, periodEnd: end, consumedSeconds: consumed, limitSeconds: limits.length ? Math.min(...limits) : undefined, instanceLimit };
  };
  return {
    status,
    /** Seconds of usage a job's instance has left (Infinity when unlimited): the workers stop a job when they run out. */
    async remainingFor(job: JobRow): Promise<number> {
      const instance = await deps.resources.findInstanceByCrnOrGuid(job.instance_id);
      const u = await status(job.instance_id, instance ? deps.resources.planOf(instance.resource_plan_id)?.limits.monthly_usage_seconds : undefined);
      return u.limitSeconds === undefined ? Infinity : Math.max(0, u.limitSeconds - u.consumedSeconds);
    },
  };
}

export type Usage = ReturnType<typeof createUsage>;
