/**
 * `qgate runtime …`: backends and jobs of a service instance (the Qiskit Runtime API, with `Service-CRN`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ok, type QgateClient } from '#src/client/client.js';
import { action, confirmed, done, list, outputOf, positiveInt, sub, withForce, withOutput, type Ctx, type Opts } from '../command-kit.js';
import { countsOf, evHistogram, evLabel, expectationValuesOf, histogram, withObservables } from '../job-results.js';
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

  action(withOutput(withInstance(sub(runtime, 'job <id>', 'Show a job: its status, program, backend, usage and tags', ['qgate runtime job d1abc… -i QR-ml']))), async ([id], opts) => {
    const job = await ok((await clientFor(opts)).GET('/api/v1/jobs/{id}', { params: { path: { id: id! }, query: { exclude_params: true } } }));
    printObject(ctx.io, outputOf(opts), job as unknown as Record<string, unknown>, [
      ['ID', (j) => j.id], ['Status', (j) => j.status], ['Reason', (j) => (j.state as { reason?: string }).reason], ['Program', (j) => (j.program as { id: string }).id],
      ['Backend', (j) => j.backend], ['Created', (j) => j.created], ['Usage (s)', (j) => (j.usage as { seconds: number }).seconds], ['Tags', (j) => j.tags],
    ]);
  });

  const submit = withInstance(sub(runtime, 'job-submit <file>', 'Run an OpenQASM 2 or 3 circuit with the sampler (or the estimator, with --observables); waits and shows the results unless --no-wait', [
    'qgate runtime job-submit examples/bell.qasm -i QR-ml --shots 1000',
    'qgate runtime job-submit bell.qasm --no-wait --output json',
    'qgate runtime job-submit bell-unmeasured.qasm --observables ZZ,XX,IZ',
  ]))
    .option('--shots <n>', 'sampler shots (default 1024)')
    .option('--observables <paulis>', 'run the estimator instead: comma-separated Pauli strings (ZZ,XX), one expectation value each')
    .option('--backend <name>', 'a backend (default: the instance chooses)')
    .option('--no-wait', 'print the job id and return at once')
    .option('--histogram', 'show the counts or values as a bar chart')
    .option('--timeout <seconds>', 'stop waiting after this long (the job keeps running; default 600)');
  action(withOutput(submit), async ([file], opts) => {
    const shots = positiveInt('--shots', opts.shots as string | undefined, 1024);
    const observables = opts.observables !== undefined ? list(opts.observables as string) : undefined;
    if (observables !== undefined && observables.length === 0) throw usageError("option '--observables' needs at least one Pauli string, e.g. ZZ");
    if (observables !== undefined && opts.shots !== undefined) throw usageError("option '--shots' is for the sampler; the estimator (--observables) computes exact expectation values");
    const timeout = positiveInt('--timeout', opts.timeout as string | undefined, 600);
    const full = path.resolve(ctx.io.cwd ?? process.cwd(), file!);
    let qasm: string;
    try {
      qasm = fs.readFileSync(full, 'utf8');
    } catch (err) {
      throw usageError(`cannot read ${full}: ${(err as Error).message}`);
    }
    const pubs = [observables ? [qasm, observables.length === 1 ? observables[0] : observables] : [qasm, null, shots]];
    const client = await clientFor(opts);
    const created = await ok(client.POST('/api/v1/jobs', {
      body: {
        program_id: observables ? 'estimator' : 'sampler',
        ...(opts.backend ? { backend: opts.backend as string } : {}),
        params: { version: 2, pubs },
      },
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
    printResults(ctx, outputOf(opts), created.id, result, opts.histogram === true, pubs);
  });

  const results = withInstance(sub(runtime, 'job-results <id>', "A completed job's counts (sampler) or expectation values (estimator), as a table or a histogram", [
    'qgate runtime job-results d1abc… -i QR-ml',
    'qgate runtime job-results d1abc… --histogram',
    'qgate runtime job-results d1abc… --output json',
  ])).option('--histogram', 'show the counts or values as a bar chart');
  action(withOutput(results), async ([id], opts) => {
    const client = await clientFor(opts);
    const result = await ok(client.GET('/api/v1/jobs/{id}/results', { params: { path: { id: id! } } }));
    // An estimator's values are named by the observables of the job's PUBs, which only the job itself holds.
    const pubs = expectationValuesOf(result).length > 0 ? ((await ok(client.GET('/api/v1/jobs/{id}', { params: { path: { id: id! } } }))).params as { pubs?: unknown } | undefined)?.pubs : undefined;
    printResults(ctx, outputOf(opts), id!, result, opts.histogram === true, pubs);
  });

  // Both are final: a cancelled job cannot be resumed, a deleted one's results are gone.
  action(withOutput(withForce(withInstance(sub(runtime, 'job-cancel <id>', 'Cancel a queued or running job', ['qgate runtime job-cancel d1abc…', 'qgate runtime job-cancel d1abc… -i QR-ml -f'])))), async ([id], opts) => {
    const client = await clientFor(opts);
    await confirmed(ctx, opts, `Cancel job ${id}? It cannot be resumed.`);
    await ok(client.POST('/api/v1/jobs/{id}/cancel', { params: { path: { id: id! } } }));
    done(ctx, opts, { cancelled: id }, `Job ${id} cancelled.`);
  });

  action(withOutput(withForce(withInstance(sub(runtime, 'job-delete <id>', 'Delete an ended job and its results', ['qgate runtime job-delete d1abc…', 'qgate runtime job-delete d1abc… -i QR-ml -f'])))), async ([id], opts) => {
    const client = await clientFor(opts);
    await confirmed(ctx, opts, `Delete job ${id} and its results?`);
    await ok(client.DELETE('/api/v1/jobs/{id}', { params: { path: { id: id! } } }));
    done(ctx, opts, { deleted: id }, `Job ${id} deleted.`);
  });
}

/** Sampler counts or estimator expectation values, as tables, bar charts or JSON; anything else as it came. */
function printResults(ctx: Ctx, format: OutputFormat, id: string, raw: unknown, asHistogram: boolean, pubs?: unknown): void {
  const regs = countsOf(raw);
  const evs = withObservables(expectationValuesOf(raw), pubs);
  if (format === 'json') return printJson(ctx.io, regs.length > 0 ? { id, counts: regs } : evs.length > 0 ? { id, expectation_values: evs } : raw);
  const out = ctx.io.stdout;
  if (regs.length > 0) {
    for (const reg of regs) {
      out.write(`Job ${id}, PUB ${reg.pub}, register ${reg.register} (${reg.shots} shots):\n`);
      if (asHistogram) out.write(`${histogram(reg)}\n`);
      else printList(ctx.io, 'table', reg.counts, [['Outcome', (c) => c.outcome], ['Count', (c) => c.count], ['Probability', (c) => (c.count / Math.max(1, reg.shots)).toFixed(4)]]);
    }
  } else if (evs.length > 0) {
    out.write(`Job ${id}, expectation values:\n`);
    if (asHistogram) out.write(`${evHistogram(evs)}\n`);
    else printList(ctx.io, 'table', evs, [['PUB', (v) => evLabel(v)], ['Value', (v) => v.ev.toFixed(6)], ['Std. error', (v) => v.std.toFixed(6)]]);
  } else {
    out.write(`Job ${id} has neither counts nor expectation values; its raw result:\n${JSON.stringify(raw, null, 2)}\n`);
  }
}
