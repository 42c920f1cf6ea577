/**
 * `qgate runtime …`: backends and jobs of a service instance (the Qiskit Runtime API, with `Service-CRN`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ok, type QgateClient } from '#src/client/client.js';
import { action, outputOf, positiveInt, sub, withOutput, type Ctx, type Opts } from '../command-kit.js';
import { countsOf, histogram, type RegisterCounts } from '../counts.js';
import { CliError, usageError } from '../io.js';
import { startProgress } from '../progress.js';
import { printJson, printList, printObject, type OutputFormat } from '../output.js';
import { resolveInstance } from '../resolve.js';

const ENDED = new Set(['Completed', 'Failed', 'Cancelled']);

function withInstance(cmd: Command): Command {
  return cmd.option('-i, --instance <instance>', "service instance (name, GUID or CRN; default: the one set with 'qgate target --instance')");
}

export function registerRuntime(program: Command, ctx: Ctx): void {
  const runtime = sub(program, 'runtime', 'Quantum jobs on a service instance: backends, submit, wait, results', [
    'qgate target --instance QR-ml',
    'qgate runtime job-submit bell.qasm --shots 1000',
  ]);

  /** The runtime client of the instance named by --instance or the profile's default. */
  const clientFor = async (opts: Opts): Promise<QgateClient> => {
    const s = ctx.session();
    const ref = (opts.instance as string | undefined) ?? s.profile.instance;
    if (!ref) throw usageError("no instance: give --instance <name>, or set a default with 'qgate target --instance <name>'");
    const crn = ref.startsWith('crn:') ? ref : (await resolveInstance(s, ref)).crn;
    return s.runtimeClient(crn);
  };

  action(withOutput(withInstance(sub(runtime, 'backends', 'List the backends the instance may use', ['qgate runtime backends -i QR-ml']))), async (_a, opts) => {
    const res = await ok((await clientFor(opts)).GET('/api/v1/backends'));
    const devices = res.devices as { name: string; status?: { name?: string }; qubits?: number; queue_length?: number; processor_type?: { family?: string } }[];
    printList(ctx.io, outputOf(opts), devices, [['Name', (d) => d.name], ['Status', (d) => d.status?.name], ['Qubits', (d) => d.qubits], ['Kind', (d) => d.processor_type?.family], ['Queue', (d) => d.queue_length]], 'No backends.');
  });

  const jobs = withInstance(sub(runtime, 'jobs', "List the instance's jobs, newest first", ['qgate runtime jobs -i QR-ml --limit 20', 'qgate runtime jobs --pending']))
    .option('--limit <n>', 'how many (default 50)')
    .option('--pending', 'only queued and running jobs');
  action(withOutput(jobs), async (_a, opts) => {
    const client = await clientFor(opts);
    const limit = positiveInt('--limit', opts.limit as string | undefined, 50);
    const res = await ok(client.GET('/api/v1/jobs', { params: { query: { limit, exclude_params: true, ...(opts.pending ? { pending: true } : {}) } } }));
    printList(ctx.io, outputOf(opts), res.jobs, [['ID', (j) => j.id], ['Status', (j) => j.status], ['Program', (j) => j.program.id], ['Backend', (j) => j.backend], ['Created', (j) => j.created], ['Usage (s)', (j) => j.usage.seconds]], 'No jobs.');
  });

  action(withOutput(withInstance(sub(runtime, 'job <id>', 'Show a job', ['qgate runtime job d1abc… -i QR-ml']))), async ([id], opts) => {
    const job = await ok((await clientFor(opts)).GET('/api/v1/jobs/{id}', { params: { path: { id: id! }, query: { exclude_params: true } } }));
    printObject(ctx.io, outputOf(opts), job as unknown as Record<string, unknown>, [
      ['ID', (j) => j.id], ['Status', (j) => j.status], ['Reason', (j) => (j.state as { reason?: string }).reason], ['Program', (j) => (j.program as { id: string }).id],
      ['Backend', (j) => j.backend], ['Created', (j) => j.created], ['Usage (s)', (j) => (j.usage as { seconds: number }).seconds], ['Tags', (j) => j.tags],
    ]);
  });

  const submit = withInstance(sub(runtime, 'job-submit <file>', 'Run an OpenQASM 2 or 3 circuit with the sampler; waits and shows the counts unless --no-wait', [
    'qgate runtime job-submit bell.qasm -i QR-ml --shots 1000',
    'qgate runtime job-submit bell.qasm --no-wait --output json',
  ]))
    .option('--shots <n>', 'shots (default 1024)')
    .option('--backend <name>', 'a backend (default: the instance chooses)')
    .option('--no-wait', 'print the job id and return at once')
    .option('--histogram', 'show the counts as a bar chart')
    .option('--timeout <seconds>', 'stop waiting after this long (the job keeps running; default 600)');
  action(withOutput(submit), async ([file], opts) => {
    const shots = positiveInt('--shots', opts.shots as string | undefined, 1024);
    const timeout = positiveInt('--timeout', opts.timeout as string | undefined, 600);
    const full = path.resolve(ctx.io.cwd ?? process.cwd(), file!);
    let qasm: string;
    try {
      qasm = fs.readFileSync(full, 'utf8');
    } catch (err) {
      throw usageError(`cannot read ${full}: ${(err as Error).message}`);
    }
    const client = await clientFor(opts);
    const created = await ok(client.POST('/api/v1/jobs', {
      body: { program_id: 'sampler', ...(opts.backend ? { backend: opts.backend as string } : {}), params: { version: 2, pubs: [[qasm, null, shots]] } },
    }));
    if (opts.wait === false) {
      if (outputOf(opts) === 'json') return printJson(ctx.io, created);
      ctx.io.stdout.write(`OK\nJob ${created.id} submitted to ${created.backend}.\n`);
      return;
    }
    const spinner = startProgress(ctx.io, `job ${created.id}: Queued`);
    const deadline = Date.now() + timeout * 1000;
    let job;
    try {
      for (let delay = 50; ; delay = Math.min(1000, delay * 2)) {
        job = await ok(client.GET('/api/v1/jobs/{id}', { params: { path: { id: created.id }, query: { exclude_params: true } } }));
        spinner.text = `job ${created.id}: ${job.status}`;
        if (ENDED.has(job.status)) break;
        if (Date.now() > deadline) throw new CliError(`job ${created.id} is still ${job.status} after ${timeout} s; it keeps running: see 'qgate runtime job ${created.id}'`);
        await new Promise((r) => setTimeout(r, delay));
      }
    } finally {
      spinner.stop();
    }
    if (job.status !== 'Completed') {
      throw new CliError(`job ${created.id} ended ${job.status}${job.state.reason ? `: ${job.state.reason}` : ''}`);
    }
    const result = await ok(client.GET('/api/v1/jobs/{id}/results', { params: { path: { id: created.id } } }));
    printCounts(ctx, outputOf(opts), created.id, countsOf(result), opts.histogram === true);
  });

  const results = withInstance(sub(runtime, 'job-results <id>', "A completed job's counts, as a table or a histogram", [
    'qgate runtime job-results d1abc… -i QR-ml',
    'qgate runtime job-results d1abc… --histogram',
    'qgate runtime job-results d1abc… --output json',
  ])).option('--histogram', 'show the counts as a bar chart');
  action(withOutput(results), async ([id], opts) => {
    const result = await ok((await clientFor(opts)).GET('/api/v1/jobs/{id}/results', { params: { path: { id: id! } } }));
    printCounts(ctx, outputOf(opts), id!, countsOf(result), opts.histogram === true, result);
  });

  action(withOutput(withInstance(sub(runtime, 'job-cancel <id>', 'Cancel a queued or running job', ['qgate runtime job-cancel d1abc…']))), async ([id], opts) => {
    await ok((await clientFor(opts)).POST('/api/v1/jobs/{id}/cancel', { params: { path: { id: id! } } }));
    if (outputOf(opts) === 'json') return printJson(ctx.io, { cancelled: id });
    ctx.io.stdout.write(`OK\nJob ${id} cancelled.\n`);
  });

  action(withOutput(withInstance(sub(runtime, 'job-delete <id>', 'Delete an ended job and its results', ['qgate runtime job-delete d1abc…']))), async ([id], opts) => {
    await ok((await clientFor(opts)).DELETE('/api/v1/jobs/{id}', { params: { path: { id: id! } } }));
    if (outputOf(opts) === 'json') return printJson(ctx.io, { deleted: id });
    ctx.io.stdout.write(`OK\nJob ${id} deleted.\n`);
  });
}

function printCounts(ctx: Ctx, format: OutputFormat, id: string, regs: RegisterCounts[], asHistogram: boolean, raw?: unknown): void {
  if (format === 'json') return printJson(ctx.io, regs.length > 0 || raw === undefined ? { id, counts: regs } : raw);
  if (regs.length === 0) {
    ctx.io.stdout.write(`Job ${id} has no sampler counts; its raw result:\n${JSON.stringify(raw, null, 2)}\n`);
    return;
  }
  for (const reg of regs) {
    ctx.io.stdout.write(`Job ${id}, PUB ${reg.pub}, register ${reg.register} (${reg.shots} shots):\n`);
    if (asHistogram) ctx.io.stdout.write(`${histogram(reg)}\n`);
    else printList(ctx.io, 'table', reg.counts, [['Outcome', (c) => c.outcome], ['Count', (c) => c.count], ['Probability', (c) => (c.count / Math.max(1, reg.shots)).toFixed(4)]]);
  }
}
