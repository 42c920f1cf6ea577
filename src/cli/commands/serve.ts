/**
 * `qgate serve`: starts the server exactly as `npm start` does (the same entry module, configured by the same
 * QGATE_* environment variables), and keeps running until SIGTERM or Ctrl-C.
 */
import type { Command } from 'commander';
import { action, sub, type Ctx } from '../command-kit.js';

export function registerServe(program: Command, _ctx: Ctx): void {
  const serve = sub(program, 'serve', 'Start the qgate server in this process (the same as `npm start`; configured by QGATE_* variables)', [
    'qgate serve',
    'QGATE_PORT=9090 QGATE_DATA_DIR=/var/lib/qgate qgate serve',
  ]);
  action(serve, async () => {
    // The server's own entry point: it reads its configuration, listens, and handles signals itself.
    await import('#src/main.js');
  });
}
