/**
 * CPU time of another process, per thread, from /proc/<pid>/task/<tid>/schedstat (Linux,
 * nanoseconds). Splitting the main thread from the rest shows whether a server is bound by its
 * JavaScript thread or by work it hands to libuv's pool (crypto, file I/O) and V8's helpers (GC).
 */
import fs from 'node:fs';

export interface CpuSnapshot {
  /** Nanoseconds on CPU of the main (JavaScript) thread. */
  readonly mainNs: number;
  /** Nanoseconds on CPU of every thread, main included. */
  readonly totalNs: number;
}

function threadNs(pid: number, tid: string): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}

export function readCpu(pid: number): CpuSnapshot | undefined {
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  let totalNs = 0;
  for (const tid of tids) totalNs += threadNs(pid, tid);
  return { mainNs: threadNs(pid, String(pid)), totalNs };
}

export interface CpuUse {
  /** Cores kept busy on average over the interval (1.0 = one core). */
  readonly mainCores: number;
  readonly totalCores: number;
}

export function cpuBetween(before: CpuSnapshot | undefined, after: CpuSnapshot | undefined, seconds: number): CpuUse | undefined {
  if (!before || !after || seconds <= 0) return undefined;
  return { mainCores: (after.mainNs - before.mainNs) / 1e9 / seconds, totalCores: (after.totalNs - before.totalNs) / 1e9 / seconds };
}

export interface MachineSnapshot {
  readonly busyTicks: number;
  readonly totalTicks: number;
}

/** Machine-wide CPU ticks from /proc/stat (USER_HZ: 100 a second on Linux). */
export function readMachineCpu(): MachineSnapshot | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [, ...fields] = line.trim().split(/\s+/);
    const values = fields.slice(0, 8).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busyTicks: total - idle, totalTicks: total };
  } catch {
    return undefined;
  }
}

/** Cores kept busy machine-wide over the interval. */
export function machineCoresBetween(before: MachineSnapshot | undefined, after: MachineSnapshot | undefined, seconds: number): number | undefined {
  if (!before || !after || seconds <= 0) return undefined;
  return (after.busyTicks - before.busyTicks) / 100 / seconds;
}

/**
 * CPU seconds used so far by every process whose command name is `comm` (e.g. `postgres`: the
 * server and its backends), summed from /proc/<pid>/stat. Processes that ended are not counted.
 */
export function readCommandCpuSeconds(comm: string): Map<number, number> {
  const byPid = new Map<number, number>();
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return byPid;
  }
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      if (stat.slice(open + 1, close) !== comm) continue;
      const fields = stat.slice(close + 2).split(' ');
      // Fields 14 and 15 of stat (utime, stime), counted from the state field (3).
      byPid.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the process ended meanwhile
    }
  }
  return byPid;
}

/** CPU seconds between two readings of {@link readCommandCpuSeconds} (new processes count from 0). */
export function commandCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let seconds = 0;
  for (const [pid, now] of after) seconds += now - (before.get(pid) ?? 0);
  return Math.max(0, seconds);
}
