/**
 * The spinner on standard error: drawn on a terminal of known width, and not at all on one that reports zero
 * columns (a pseudo-terminal whose size was never set), where ora's line erasing used to never end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';
import { createCli, type Cli } from './cli-harness.js';

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] c;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';

describe('the progress spinner', () => {
  let t: TestServer;
  let cli: Cli;

  beforeAll(async () => {
    t = await startTestServer({ store: 'sqlite' });
    cli = createCli();
    await cli.ok(['login', '-a', t.url, '--apikey', ADMIN_APIKEY]);
    fs.writeFileSync(path.join(cli.cwd, 'bell.qasm'), BELL);
  });
  afterAll(() => t.close());

  it('spins on a terminal of known width, and is erased when the work is done', async () => {
    fs.writeFileSync(path.join(cli.cwd, 'wide.yaml'), 'version: 1\nserviceIds:\n  - name: spin-wide\n');
    const res = await cli.run('apply -f wide.yaml', { columns: 80 });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Applied: 1 created, 0 changed, 0 deleted.');
    expect(res.stderr).toContain('reading the account');
    // Erased (to the start of the line, then its end) and the cursor shown again.
    expect(res.stderr).toMatch(/\x1b\[1G\x1b\[0K\x1b\[\?25h$/);
    expect(res.stderr.length).toBeLessThan(64 * 1024);
  });

  it('draws nothing on a terminal that reports 0 columns: apply and job-submit end with bounded output', async () => {
    fs.writeFileSync(path.join(cli.cwd, 'narrow.yaml'), 'version: 1\nserviceIds:\n  - name: spin-narrow\nresourceGroups:\n  - name: spin-group\ninstances:\n  - name: QR-spin\n    plan: open\n    location: us-east\n    resourceGroup: spin-group\n');
    const applied = await cli.run('apply -f narrow.yaml', { columns: 0 });
    expect(applied.code, applied.stderr.slice(0, 500)).toBe(0);
    expect(applied.stdout).toContain('Applied: 3 created, 0 changed, 0 deleted.');
    expect(applied.stderr).toBe('');
    const job = await cli.run('runtime job-submit bell.qasm -i QR-spin --shots 20', { columns: 0 });
    expect(job.code, job.stderr.slice(0, 500)).toBe(0);
    expect(job.stdout).toMatch(/\b(00|11)\b/);
    expect(job.stderr).toBe('');
  });
});
