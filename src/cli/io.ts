/**
 * The CLI's view of the outside world, passed in so that tests can run commands in-process with their own
 * streams and environment.
 */
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  /** `columns`: a terminal's width, 0 when it reports none (the progress spinner needs one). */
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: Record<string, string | undefined>;
  /** Where relative paths (-f, --file) are resolved; defaults to process.cwd(). */
  cwd?: string;
}

/** An error the CLI reports as it is (no stack), exiting with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Refused input (flags, files): exit code 2, as for usage errors. */
export const usageError = (message: string) => new CliError(message, 2);
