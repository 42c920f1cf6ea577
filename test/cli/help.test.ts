/**
 * Every command's help (walked from the program itself, so a new command cannot skip it): a description and
 * examples that start with its own name; every command that prints something a script may read takes
 * `--output json|table`. And the progress display stays off when standard error is not a terminal.
 */
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '#src/cli/run.js';
import { startProgress } from '#src/cli/progress.js';

/** Commands that print nothing a script would parse (or print a file, as `export` does). */
const WITHOUT_OUTPUT = new Set(['qgate serve', 'qgate logout', 'qgate export']);

function leaves(cmd: Command, prefix = 'qgate'): [string, Command][] {
  return cmd.commands.flatMap((c) => {
    const name = `${prefix} ${c.name()}`;
    return c.commands.length > 0 ? leaves(c, name) : [[name, c] as [string, Command]];
  });
}

function helpOf(cmd: Command, out: PassThrough): string {
  let text = '';
  const collect = (c: Buffer) => (text += c.toString());
  out.on('data', collect);
  cmd.outputHelp();
  out.off('data', collect);
  return text;
}

describe('qgate --help', () => {
  const stdout = new PassThrough();
  const program = buildProgram({ stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {} });
  const all = leaves(program);

  it('walks every command of the issue', () => {
    const names = all.map(([n]) => n);
    for (const n of ['qgate login', 'qgate iam access-group-policy-create', 'qgate iam explain', 'qgate iam audit', 'qgate resource service-instance-create', 'qgate runtime job-results', 'qgate apply', 'qgate export']) {
      expect(names).toContain(n);
    }
    expect(all.length).toBeGreaterThan(45);
  });

  it.each(all)('%s has a description and examples of itself', (name, cmd) => {
    const help = helpOf(cmd, stdout);
    expect(cmd.description().length).toBeGreaterThan(10);
    expect(help).toMatch(new RegExp(`Examples:\\n(\\s+\\$ .+\\n)*\\s+\\$ ${name.replace(/[-]/g, '\\-')}\\b`));
  });

  it.each(all.filter(([n]) => !WITHOUT_OUTPUT.has(n)))('%s takes --output json|table', (_name, cmd) => {
    const output = cmd.options.find((o) => o.long === '--output');
    expect(output?.argChoices).toEqual(['table', 'json']);
  });
});

describe('the progress display', () => {
  it('writes nothing when standard error is not a terminal', () => {
    const stderr = new PassThrough();
    let written = '';
    stderr.on('data', (c: Buffer) => (written += c.toString()));
    const progress = startProgress({ stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: {} }, 'applying');
    progress.text = '1/3 + instance QR-ml';
    progress.stop();
    expect(written).toBe('');
  });
});
