/**
 * A progress display for long work (waiting for a job, applying a plan): a spinner on a terminal, nothing at
 * all otherwise, so that piped output and logs stay clean.
 */
import ora from 'ora';
import type { CliIo } from './io.js';

export interface Progress {
  text: string;
  stop(): void;
}

export function startProgress(io: CliIo, text: string): Progress {
  if (io.stderr.isTTY !== true) return { text, stop() {} };
  return ora({ text, stream: io.stderr, discardStdin: false }).start();
}
