/**
 * Runs `qgate` commands in this process against a real server, with captured output and a private QGATE_HOME.
 * Standard input is a pipe (what `stdin` holds), or a stand-in terminal on which `terminal` is typed; standard
 * error is a pipe, or a stand-in terminal `columns` wide.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '#src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --output json). */
  json<T = any>(): T;
}

export interface RunOptions {
  /** Piped to standard input. */
  stdin?: string;
  /** Typed on a terminal (standard input is then a TTY), then the input ends: `y\r`, `\x03` (Ctrl-C), `` (nothing). */
  terminal?: string;
  /** Standard error is a terminal this many columns wide (as a pseudo-terminal reports it; 0 when no size was set). */
  columns?: number;
}

/** What a stand-in terminal for standard error accepts before it fails the write (output that never ends stops there). */
export const TERMINAL_OUTPUT_LIMIT = 1 << 20;

export interface Cli {
  readonly home: string;
  readonly cwd: string;
  run(args: readonly string[] | string, options?: RunOptions): Promise<CliResult>;
  /** Runs and fails the test unless the command exits 0. */
  ok(args: readonly string[] | string, options?: RunOptions): Promise<CliResult>;
  json<T = any>(args: readonly string[] | string): Promise<T>;
}

/** Splits a command line on spaces, keeping "quoted strings" together (enough for tests). */
export function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

function typedOnTerminal(typed: string): PassThrough & { isTTY: true; setRawMode: (mode: boolean) => unknown } {
  const input = Object.assign(new PassThrough(), { isTTY: true as const, setRawMode: (_mode: boolean) => input });
  input.end(typed);
  return input;
}

/** A PassThrough with what ora uses of a tty.WriteStream; past TERMINAL_OUTPUT_LIMIT characters writes throw. */
function terminalOutput(columns: number): PassThrough & { isTTY: true; columns: number } {
  let written = 0;
  const output = Object.assign(new PassThrough(), {
    isTTY: true as const,
    columns,
    rows: 24,
    cursorTo: (x: number, y?: number) => readline.cursorTo(output, x, y),
    moveCursor: (dx: number, dy: number) => readline.moveCursor(output, dx, dy),
    clearLine: (dir: -1 | 0 | 1) => readline.clearLine(output, dir),
  });
  const write = output.write.bind(output) as (chunk: unknown, ...rest: unknown[]) => boolean;
  output.write = ((chunk: unknown, ...rest: unknown[]) => {
    written += String(chunk).length;
    if (written > TERMINAL_OUTPUT_LIMIT) throw new Error(`more than ${TERMINAL_OUTPUT_LIMIT} characters written to the terminal`);
    return write(chunk, ...rest);
  }) as typeof output.write;
  return output;
}

export function createCli(): Cli {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-cli-home-'));
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-cli-cwd-'));
  const cli: Cli = {
    home,
    cwd,
    async run(args, options = {}) {
      const argv = typeof args === 'string' ? words(args) : args;
      const stdout = new PassThrough();
      const stderr = options.columns !== undefined ? terminalOutput(options.columns) : new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (c: Buffer) => (out += c.toString()));
      stderr.on('data', (c: Buffer) => (err += c.toString()));
      const stdin = options.terminal !== undefined ? typedOnTerminal(options.terminal) : Readable.from(options.stdin !== undefined ? [options.stdin] : []);
      const code = await runCli(argv, { stdout, stderr, stdin, env: { QGATE_HOME: home, HOME: home }, cwd });
      return { code, stdout: out, stderr: err, json: () => JSON.parse(out) };
    },
    async ok(args, options) {
      const res = await cli.run(args, options);
      if (res.code !== 0) throw new Error(`qgate ${typeof args === 'string' ? args : args.join(' ')} exited ${res.code}\n${res.stderr}${res.stdout}`);
      return res;
    },
    async json(args) {
      const argv = typeof args === 'string' ? words(args) : [...args];
      return (await cli.ok([...argv, '--output', 'json'])).json();
    },
  };
  return cli;
}
