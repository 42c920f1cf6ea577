/**
 * The catalog: the one service qgate offers (`quantum-computing`, Qiskit Runtime) and its plans.
 * A plan's limits are data: the runtime API reads them through `planOf` to decide what an
 * instance may run; administrators read them at `GET /v1/catalog/services`.
 */

export const QUANTUM_SERVICE = 'quantum-computing';

/** Regions an instance may be made in (the CRN's location field). */
export const REGIONS = ['us-east', 'eu-de'] as const;

export interface PlanLimits {
  /** Backends an instance of the plan may run on. */
  readonly backends: readonly string[];
  /** The widest circuit, in qubits, a job may use. */
  readonly max_qubits: number;
  /** Usage seconds per calendar month (UTC) for one instance; null = no limit. */
  readonly monthly_usage_seconds: number | null;
  /** Sessions open at once per instance; 0 = sessions are not offered. */
  readonly max_sessions: number;
  /** The highest `cost` (estimated seconds) one job may ask for. */
  readonly max_job_cost_seconds: number;
}

export interface Plan {
  /** The stable slug used as `resource_plan_id`. */
  readonly id: string;
  readonly name: string;
  readonly display_name: string;
  readonly description: string;
  readonly pricing_type: 'free' | 'paygo';
  readonly regions: readonly string[];
  readonly limits: PlanLimits;
}

export interface CatalogService {
  readonly id: string;
  readonly name: string;
  readonly display_name: string;
  readonly description: string;
  readonly regions: readonly string[];
  readonly plans: readonly Plan[];
}

const SIMULATORS = ['simulator_statevector', 'simulator_stabilizer'];

export const PLANS: readonly Plan[] = [
  {
    id: 'open',
    name: 'open',
    display_name: 'Open',
    description: 'Simulators only, with limited usage: 10 minutes a month, no sessions.',
    pricing_type: 'free',
    regions: ['us-east'],
    limits: { backends: SIMULATORS, max_qubits: 24, monthly_usage_seconds: 600, max_sessions: 0, max_job_cost_seconds: 300 },
  },
  {
    id: 'standard',
    name: 'standard',
    display_name: 'Standard',
    description: 'Every backend, sessions, and no monthly usage limit.',
    pricing_type: 'paygo',
    regions: [...REGIONS],
    limits: { backends: SIMULATORS, max_qubits: 5000, monthly_usage_seconds: null, max_sessions: 3, max_job_cost_seconds: 10800 },
  },
];

export const CATALOG: readonly CatalogService[] = [
  {
    id: QUANTUM_SERVICE,
    name: QUANTUM_SERVICE,
    display_name: 'Qiskit Runtime',
    description: 'Run quantum circuits with the Qiskit Runtime primitives (Sampler, Estimator) on qgate backends.',
    regions: [...REGIONS],
    plans: PLANS,
  },
];

/** The plan with this `resource_plan_id`, or undefined. */
export function planOf(planId: string): Plan | undefined {
  return PLANS.find((p) => p.id === planId);
}
