/**
 * The benchmark's questions, kept compact: string tables (fresh copies, not the index's own strings,
 * as a request would carry them) and four numbers per question. Each check builds its request object
 * as the authorizer does, so what is measured is the check on hot request data, not a stream of
 * hundreds of megabytes of stored questions flushing the CPU caches between checks.
 */
import type { DecisionRequest } from '#src/authz/engine/types.js';

export interface Questions {
  readonly length: number;
  /** A new request object for question `i`. */
  at(i: number): DecisionRequest;
}

interface Packed {
  accounts: string[];
  people: string[];
  instances: string[];
  actions: string[];
  services: string[];
  /** Per question: account, person, instance, action, service (indexes into the tables). */
  rows: number[];
}

const JOBS = Array.from({ length: 1024 }, (_, i) => `job-${i}`);

/** Text for {@link unpackQuestions}: small enough to measure memory around, parsed into fresh strings later. */
export function packQuestions(queries: readonly DecisionRequest[]): string {
  const tables = { accounts: new Map<string, number>(), people: new Map<string, number>(), instances: new Map<string, number>(), actions: new Map<string, number>(), services: new Map<string, number>() };
  const at = (table: Map<string, number>, value: string) => {
    let i = table.get(value);
    if (i === undefined) table.set(value, (i = table.size));
    return i;
  };
  const rows: number[] = [];
  for (const q of queries) {
    rows.push(at(tables.accounts, q.resource.accountId), at(tables.people, q.subject.iamId), at(tables.instances, q.resource.serviceInstance ?? ''), at(tables.actions, q.action), at(tables.services, q.resource.serviceName));
  }
  const list = (m: Map<string, number>) => [...m.keys()];
  const packed: Packed = { accounts: list(tables.accounts), people: list(tables.people), instances: list(tables.instances), actions: list(tables.actions), services: list(tables.services), rows };
  return JSON.stringify(packed);
}

export function unpackQuestions(text: string, now: Date): Questions {
  const p = JSON.parse(text) as Packed;
  const rows = Int32Array.from(p.rows);
  return {
    length: rows.length / 5,
    at(i) {
      const r = i * 5;
      const accountId = p.accounts[rows[r]!]!;
      return {
        subject: { iamId: p.people[rows[r + 1]!]!, accountId },
        action: p.actions[rows[r + 3]!]!,
        resource: { accountId, serviceName: p.services[rows[r + 4]!]!, serviceInstance: p.instances[rows[r + 2]!]!, resourceType: 'job', resource: JOBS[i & 1023]! },
        now,
      };
    },
  };
}
