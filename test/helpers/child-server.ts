/**
 * Runs qgate as `npm start` does, in a child process, for tests of start-up, signals and crashes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  stdout(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** The sources, as `npm run dev` runs them (the default: tests need no build). */
const FROM_SOURCES: readonly string[] = [process.execPath, '--conditions=qgate-source', '--import', 'tsx', 'src/main.ts'];
/** `npm start` itself (the build in dist/), for what only the npm script decides, such as who receives a signal. */
export const NPM_START: readonly string[] = ['npm', 'start', '--silent'];

export async function startChild(env: Record<string, string>, command: readonly string[] = FROM_SOURCES): Promise<Child> {
  const port = await freePort();
  const [program, ...args] = command as [string, ...string[]];
  const child = spawn(program, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', QGATE_PORT: String(port), QGATE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`qgate exited during start-up:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`qgate did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { process: child, url, stdout: () => out, exited };
}
