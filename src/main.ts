/**
 * `npm start`: reads the configuration, starts qgate on one port, and stops gracefully on SIGTERM.
 */
import { ConfigError, loadConfig } from './config/config.js';
import { createQgate } from './app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`qgate: configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const qgate = await createQgate(config);
  const log = qgate.app.log;
  const boot = qgate.bootstrapped;
  if (boot?.generatedPassword || boot?.generatedApiKey) {
    // Shown once, on the terminal only (never in the JSON log): qgate keeps only their hashes.
    process.stdout.write(
      [
        '',
        '  qgate bootstrapped a new account.',
        `  account id:     ${boot.accountId}`,
        `  owner:          ${config.adminEmail}`,
        ...(boot.generatedPassword ? [`  password:       ${boot.generatedPassword}`] : []),
        ...(boot.generatedApiKey ? [`  API key:        ${boot.generatedApiKey}`] : []),
        '  These are shown only now. Store them safely.',
        '',
      ].join('\n') + '\n',
    );
  }
  const address = await qgate.listen();
  log.info({ address, store: qgate.database.description, publicUrl: config.publicUrl }, 'qgate is listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing in-flight requests');
    const force = setTimeout(() => {
      log.error('graceful stop took too long; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    qgate.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`qgate: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
