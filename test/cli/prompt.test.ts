/**
 * The password prompt on a terminal (a stand-in TTY): what is typed is never echoed, Enter ends it, and Ctrl-C
 * cancels it with exit code 130 instead of leaving it waiting (readline swallows Ctrl-C in raw mode).
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliError, type CliIo } from '#src/cli/io.js';
import { readSecret } from '#src/cli/prompt.js';

function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (_mode: boolean) => stdin });
  const stderr = Object.assign(new PassThrough(), { isTTY: true });
  let shown = '';
  stderr.on('data', (c: Buffer) => (shown += c.toString()));
  const io: CliIo = { stdin, stdout: new PassThrough(), stderr, env: {} };
  return { io, type: (s: string) => stdin.write(s), shown: () => shown };
}

describe('readSecret on a terminal', () => {
  it('reads a line without echoing it', async () => {
    const t = terminal();
    const answer = readSecret(t.io, 'Password: ');
    t.type('violet harbor\r');
    expect(await answer).toBe('violet harbor');
    expect(t.shown()).toBe('Password: \n');
  });

  it('cancels on Ctrl-C with exit code 130', async () => {
    const t = terminal();
    const answer = readSecret(t.io, 'Password: ');
    t.type('half typed');
    t.type('\x03');
    const err = await answer.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(130);
    expect(t.shown()).not.toContain('half typed');
  });
});
