/**
 * Starts a server in its own Node process on a loopback port, waits until it answers, and stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ChildServer {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The last lines the process wrote (stdout and stderr), for error reports. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (null if killed by a signal). */
  stop(graceMs?: number): Promise<number | null>;
}

export interface ChildServerOptions {
  readonly name: string;
  /** Arguments after `node` (e.g. `['--import', 'tsx', 'src/main.ts']`). */
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Added to the bench process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Port to listen on; the child learns it through `env` (see {@link freePort}). */
  readonly port: number;
  /** Polled with GET until it answers 200. */
  readonly readyPath?: string;
  readonly startTimeoutMs?: number;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  // A bench that throws must not leave servers behind.
  for (const child of running) child.kill('SIGKILL');
});

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, [...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString('utf8'));
    while (tail.length > 50) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      running.delete(child);
      resolve(code);
    });
  });
  const output = () => tail.join('').trim();
  const origin = `http://127.0.0.1:${options.port}`;

  const stop = async (graceMs = 10_000): Promise<number | null> => {
    if (exitCode !== undefined) return exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  const readyUrl = `${origin}${options.readyPath ?? '/health'}`;
  while (!(await answers(readyUrl))) {
    if (exitCode !== undefined) throw new Error(`${options.name} exited with code ${String(exitCode)} before it answered:\n${output()}`);
    if (Date.now() > deadline) {
      await stop(2000);
      throw new Error(`${options.name} did not answer ${readyUrl} within ${options.startTimeoutMs ?? 30_000} ms:\n${output()}`);
    }
    await sleep(100);
  }
  if (child.pid === undefined) throw new Error(`${options.name} has no pid`);
  return { name: options.name, pid: child.pid, port: options.port, origin, output, stop };
}
