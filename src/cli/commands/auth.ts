/**
 * `qgate login`, `logout` and `target`: signing in to an endpoint (API key, or email and password) and showing
 * which account and endpoint the other commands talk to.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { APIKEY_GRANT, requestToken, type TokenResponse } from '#src/client/tokens.js';
import { action, outputOf, sub, withOutput, type Ctx } from '../command-kit.js';
import { CliError, usageError } from '../io.js';
import { printObject } from '../output.js';
import type { Credentials, Profile } from '../profile-store.js';
import { readLine, readSecret } from '../prompt.js';
import { resolveInstance } from '../resolve.js';
import { ssoSignIn } from '../sso.js';
import { profileStore, tokenClaims } from '../session.js';

function normalizeEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`option '-a' must be the server's URL (http://host:port), not '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`option '-a' must be an http or https URL, not '${value}'`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** `--apikey @file` reads the key from a file, as ibmcloud does; `--apikey -` from standard input. */
async function apiKeyValue(ctx: Ctx, value: string): Promise<string> {
  if (value === '-') return (await readLine(ctx.io)).trim();
  if (value.startsWith('@')) {
    const named = value.slice(1);
    const file = named.startsWith('~/') ? path.join(ctx.io.env.HOME ?? '', named.slice(2)) : path.resolve(ctx.io.cwd ?? process.cwd(), named);
    try {
      const text = fs.readFileSync(file, 'utf8').trim();
      // A file written by `qgate iam api-key-create --file` is JSON with an `apikey` field.
      if (text.startsWith('{')) return String((JSON.parse(text) as { apikey?: unknown }).apikey ?? '');
      return text;
    } catch (err) {
      throw usageError(`cannot read the API key from ${file}: ${(err as Error).message}`);
    }
  }
  return value;
}

function targetView(p: Profile) {
  return { endpoint: p.endpoint, account_id: p.accountId, user: p.name, iam_id: p.iamId, instance: p.instance ?? '' };
}

export function registerAuth(program: Command, ctx: Ctx): void {
  const login = sub(program, 'login', 'Sign in to a qgate server with an API key, or an email and password (prompted)', [
    'qgate login -a http://127.0.0.1:8080 --apikey @~/qgate-key.json',
    'qgate login -a https://qgate.example.com -u admin@example.com',
    'echo "$PASSWORD" | qgate login -a http://127.0.0.1:8080 -u admin@example.com',
    'qgate login -a https://qgate.example.com --sso',
  ])
    .requiredOption('-a, --api-endpoint <url>', 'the server, e.g. http://127.0.0.1:8080')
    .option('--apikey <key>', 'an API key, @FILE to read it from a file, or - for standard input')
    .option('-u, --username <email>', 'sign in with this email; the password is prompted (never echoed)')
    .option('--sso', "sign in through the account's identity provider in a browser (with -u, the email is passed as a hint)")
    .option('--realm <realm>', 'with --sso: the identity provider (default: the only one the server offers)')
    .option('--no-browser', 'with --sso: print the address to open instead of opening a browser');
  action(withOutput(login), async (_args, opts) => {
    const endpoint = normalizeEndpoint(opts.apiEndpoint as string);
    if (opts.sso && opts.apikey) throw usageError('give either --sso or --apikey, not both');
    if (!opts.sso && !opts.apikey === !opts.username) throw usageError('give --apikey, -u <email> (the password is then prompted), or --sso');
    if (opts.realm && !opts.sso) throw usageError("option '--realm' goes with --sso");
    let credentials: Credentials;
    let tokens: TokenResponse;
    if (opts.sso) {
      tokens = await ssoSignIn(ctx.io, endpoint, { realm: opts.realm as string | undefined, loginHint: opts.username as string | undefined, openBrowser: opts.browser !== false });
      credentials = { kind: 'sso', tokens };
    } else if (opts.apikey) {
      const apikey = await apiKeyValue(ctx, opts.apikey as string);
      if (!apikey) throw usageError('the API key is empty');
      tokens = await requestToken(endpoint, { grant_type: APIKEY_GRANT, apikey });
      credentials = { kind: 'apikey', apikey };
    } else {
      const password = await readSecret(ctx.io, 'Password: ');
      if (!password) throw usageError('the password is empty');
      tokens = await requestToken(endpoint, { grant_type: 'password', username: opts.username as string, password });
      credentials = { kind: 'password', tokens };
    }
    const claims = tokenClaims(tokens.access_token);
    const accountId = String(claims.account?.bss ?? '');
    if (!accountId) throw new CliError('the server answered with a token that names no account');
    const profile: Profile = { endpoint, accountId, iamId: String(claims.iam_id ?? ''), name: String(claims.email ?? claims.name ?? claims.sub ?? ''), credentials, tokens };
    const store = profileStore(ctx.io);
    store.save(profile);
    if (outputOf(opts) === 'json') return printObject(ctx.io, 'json', targetView(profile));
    ctx.io.stdout.write(`OK\nSigned in to ${endpoint} as ${profile.name} (account ${accountId}).\nCredentials are kept in ${store.file} (mode 0600).\n`);
  });

  action(sub(program, 'logout', 'Forget the signed-in profile and its credentials', ['qgate logout']), () => {
    const removed = profileStore(ctx.io).remove();
    ctx.io.stdout.write(removed ? 'OK\nSigned out.\n' : 'Not signed in.\n');
  });

  const target = sub(program, 'target', 'Show the account, endpoint and default instance the commands use; --instance sets the default instance', [
    'qgate target',
    'qgate target --instance QR-ml',
    'qgate target --unset-instance',
  ])
    .option('-i, --instance <name>', 'default instance of `qgate runtime` commands (name, GUID or CRN)')
    .option('--unset-instance', 'forget the default instance');
  action(withOutput(target), async (_args, opts) => {
    const store = profileStore(ctx.io);
    if (opts.instance) {
      const inst = await resolveInstance(ctx.session(), opts.instance as string);
      store.update((p) => ({ ...p, instance: inst.crn }));
    } else if (opts.unsetInstance) {
      store.update((p) => ({ ...p, instance: undefined }));
    }
    const profile = store.get() ?? ctx.session().profile;
    printObject(ctx.io, outputOf(opts), targetView(profile));
  });
}
