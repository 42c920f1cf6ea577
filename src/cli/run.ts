/**
 * The `qgate` command line: `runCli(argv, io)` parses one command, runs it against the server of the signed-in
 * profile through the typed client, and returns the exit code (0 done, 1 refused or failed, 2 bad usage).
 */
import { Command, CommanderError } from 'commander';
import { ApiError } from '#src/client/errors.js';
import { createCtx } from './command-kit.js';
import { registerApply } from './commands/apply.js';
import { registerAuth } from './commands/auth.js';
import { registerIam } from './commands/iam.js';
import { registerResource } from './commands/resource.js';
import { registerRuntime } from './commands/runtime.js';
import { registerServe } from './commands/serve.js';
import { CliError, type CliIo } from './io.js';

export type { CliIo } from './io.js';

const VERSION = '0.1.0';

export function buildProgram(io: CliIo): Command {
  const ctx = createCtx(io);
  const program = new Command('qgate')
    .description('Manage a qgate server: IAM, service instances, quantum jobs, and whole organizations from a file')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  program.addHelpText('after', [
    '',
    'Examples:',
    '  $ qgate login -a http://127.0.0.1:8080 --apikey @key.json',
    '  $ qgate iam users',
    '  $ qgate apply -f examples/ml-finance.yaml --dry-run',
    '  $ qgate runtime job-submit examples/bell.qasm --instance QR-ml --shots 1000',
    '',
    'Profiles and credentials live in $QGATE_HOME (default ~/.qgate).',
    '',
  ].join('\n'));
  registerServe(program, ctx);
  registerAuth(program, ctx);
  registerIam(program, ctx);
  registerResource(program, ctx);
  registerRuntime(program, ctx);
  registerApply(program, ctx);
  return program;
}

function describeApiError(err: ApiError): string {
  const trace = err.trace ? `, trace ${err.trace}` : '';
  return `FAILED\n${err.message} (${err.status} ${err.code}${trace})\n`;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version end "with an error" of exit code 0; commander has already printed what it had to.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof ApiError) {
      io.stderr.write(describeApiError(err));
      return 1;
    }
    if (err instanceof CliError) {
      io.stderr.write(`FAILED\n${err.message}\n`);
      return err.exitCode;
    }
    const cause = err instanceof Error ? err : new Error(String(err));
    if (cause instanceof TypeError && cause.message === 'fetch failed') {
      const inner = (cause as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
      const why = inner?.code ?? inner?.errors?.[0]?.code ?? inner?.message ?? 'no answer';
      io.stderr.write(`FAILED\ncannot reach the server (${why}); is it running, and is the endpoint right? See 'qgate target'.\n`);
      return 1;
    }
    io.stderr.write(`FAILED\n${cause.message}\n`);
    return 1;
  }
}
