/**
 * Two qgate processes on one PostgreSQL: what one grants or revokes, the other obeys.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, type Child } from '../helpers/child-server.js';
import { availableStores, createTestDatabase } from '../helpers/stores.js';

const hasPostgres = (await availableStores()).includes('postgres');
const APIKEY = 'two-nodes-admin-key-0123456789abcdefghij';

describe.skipIf(!hasPostgres)('two processes on one PostgreSQL', () => {
  let a: Child;
  let b: Child;
  let drop: () => Promise<void>;
  const dirs: string[] = [];

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const env = (name: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `qgate-${name}-`));
      dirs.push(dir);
      return { QGATE_DATA_DIR: dir, QGATE_DATABASE_URL: db.url, QGATE_ADMIN_APIKEY: APIKEY, QGATE_PUBLIC_URL: 'http://qgate.cluster.example', QGATE_LOG_LEVEL: 'warn' };
    };
    [a, b] = await Promise.all([startChild(env('a')), startChild(env('b'))]);
  });
  afterAll(async () => {
    for (const c of [a, b]) c?.process.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    await drop?.();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const call = async (node: Child, method: string, p: string, token: string, body?: unknown) => {
    const res = await fetch(`${node.url}${p}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const token = async (node: Child, apikey: string) => {
    const res = await fetch(`${node.url}/identity/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey }).toString() });
    return ((await res.json()) as { access_token: string }).access_token;
  };

  it('bootstrap once, share tokens, and obey each other\'s grants and revocations within 100 ms', async () => {
    const adminA = await token(a, APIKEY);
    const adminB = await token(b, APIKEY);
    const claims = JSON.parse(Buffer.from(adminA.split('.')[1]!, 'base64url').toString());
    const account = claims.account.bss as string;
    expect((await call(b, 'GET', '/v1/apikeys', adminA)).status).toBe(200);
    const sid = await call(a, 'POST', '/v1/serviceids/', adminA, { account_id: account, name: 'runner', apikey: { name: 'k' } });
    expect(sid.status).toBe(201);
    const instance = 'aaaabbbb-cccc-dddd-eeee-ffff00001111';
    const question = [{ subject: { attributes: { id: sid.body.iam_id } }, action: 'quantum-computing.job.create', resource: { crn: `crn:v1:qgate:public:quantum-computing:us-east:a/${account}:${instance}::` } }];
    const permittedOnB = async () => (await call(b, 'POST', '/v2/authz', adminB, question)).body.decisions[0].permitted as boolean;
    expect(await permittedOnB()).toBe(false);
    const policy = await call(a, 'POST', '/v1/policies', adminA, {
      type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: sid.body.iam_id }] }], roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Writer' }],
      resources: [{ attributes: [{ name: 'accountId', value: account }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: instance }] }],
    });
    expect(policy.status).toBe(201);
    let start = performance.now();
    while (!(await permittedOnB()) && performance.now() - start < 1000) await new Promise((r) => setTimeout(r, 2));
    expect(performance.now() - start).toBeLessThan(100);
    const robot = await token(b, sid.body.apikey.apikey);
    expect((await call(b, 'GET', '/v1/apikeys', robot)).status).toBe(200);
    expect((await call(a, 'DELETE', `/v1/serviceids/${sid.body.id}`, adminA)).status).toBe(204);
    start = performance.now();
    while ((await call(b, 'GET', '/v1/apikeys', robot)).status !== 401 && performance.now() - start < 1000) await new Promise((r) => setTimeout(r, 2));
    expect(performance.now() - start).toBeLessThan(100);
  });
});
