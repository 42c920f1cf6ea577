/**
 * The `qgate` executable: runs one command with this process's streams and environment.
 */
import { runCli } from './run.js';

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() });
// `qgate serve` keeps running (its server holds the event loop); every other command ends here.
process.exitCode = code;
