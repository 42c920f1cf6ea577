/**
 * The real `qgate` executable in child processes: help, signing in with a password piped on standard input,
 * a listing, the exit codes a shell sees (a destructive command refused on a pipe without -f), and `qgate serve` starting the server as `npm start` does (the README's
 * quick start against it: apply the example, export, apply the export) and stopping on SIGTERM. (The in-process suites cover every command; these check the process around them.)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_APIKEY, ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_ENTRY = ['--conditions=qgate-source', '--import', 'tsx', path.join(ROOT, 'src/cli/main.ts')];
const BUILT_BIN = path.join(ROOT, 'bin/qgate.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function qgate(args: string[], options: { home: string; stdin?: string; entry?: string[]; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.entry ?? SOURCE_ENTRY), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: options.home, QGATE_HOME: options.home, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

describe('the qgate executable', () => {
  let t: TestServer;
  let home: string;
  beforeAll(async () => {
    t = await startTestServer({ store: 'sqlite' });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-bin-home-'));
  });
  afterAll(() => t.close());

  it('prints help and exits 0; a bad command exits 2', async () => {
    const help = await qgate(['--help'], { home });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: qgate/);
    expect(help.stdout).toMatch(/iam\b/);
    const bad = await qgate(['iam', 'frobnicate'], { home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown command 'frobnicate'");
  });

  it('signs in with a password piped on standard input, lists users, and exits 1 with the server\'s message on a refusal', async () => {
    const login = await qgate(['login', '-a', t.url, '-u', ADMIN_EMAIL], { home, stdin: `${ADMIN_PASSWORD}\n` });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout + login.stderr).not.toContain(ADMIN_PASSWORD);
    expect(fs.statSync(path.join(home, 'config.json')).mode & 0o777).toBe(0o600);
    const users = await qgate(['iam', 'users', '--output', 'json'], { home });
    expect(users.code, users.stderr).toBe(0);
    expect(JSON.parse(users.stdout).map((u: any) => u.email)).toContain(ADMIN_EMAIL);
    const refused = await qgate(['iam', 'role-delete', 'NoSuchRole', '-f'], { home });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^FAILED\nno custom role 'NoSuchRole' found/);
    // A pipe is not a terminal: a destructive command without -f is refused before anything is asked or changed.
    const unconfirmed = await qgate(['iam', 'user-remove', ADMIN_EMAIL], { home, stdin: 'y\n' });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/^FAILED\nnot confirmed: .*-f \(--force\)/);
  });

  it('qgate serve starts the server like npm start and stops on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-serve-'));
    const child = spawn(process.execPath, [...SOURCE_ENTRY, 'serve'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: home, QGATE_PORT: '0', QGATE_DATA_DIR: dataDir, QGATE_ADMIN_APIKEY: ADMIN_APIKEY, QGATE_ADMIN_PASSWORD: ADMIN_PASSWORD, QGATE_WORKERS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      let address: string | undefined;
      for (let i = 0; i < 300 && !address; i++) {
        address = /"address":"(http:\/\/[^"]+)"/.exec(out)?.[1];
        if (!address) await new Promise((r) => setTimeout(r, 50));
      }
      expect(address, out).toBeTruthy();
      const health = await fetch(`${address}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const cliHome = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-bin-home-'));
      const login = await qgate(['login', '-a', address!, '--apikey', ADMIN_APIKEY], { home: cliHome });
      expect(login.code, login.stderr).toBe(0);
      // The README's quick start on a fresh server, whose owner is admin@localhost: apply, export, apply the export.
      const applied = await qgate(['apply', '-f', 'examples/ml-finance.yaml'], { home: cliHome });
      expect(applied.stdout, applied.stderr).toContain('Applied: 13 created, 0 changed, 0 deleted.');
      const exportFile = path.join(cliHome, 'org.yaml');
      expect((await qgate(['export', '-f', exportFile], { home: cliHome })).code).toBe(0);
      expect(fs.readFileSync(exportFile, 'utf8')).toContain('- email: admin@localhost');
      const again = await qgate(['apply', '-f', exportFile, '--prune'], { home: cliHome });
      expect(again.stdout, again.stderr).toMatch(/^No changes/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);

  it.skipIf(!fs.existsSync(path.join(ROOT, 'dist/cli/main.js')))('bin/qgate.js runs the built CLI (after npm run build)', async () => {
    const help = await qgate(['--help'], { home, entry: [BUILT_BIN] });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: qgate/);
  });
});
