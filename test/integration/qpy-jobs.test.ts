/**
 * Jobs whose PUB circuits are QPY `QuantumCircuit` values, as the Qiskit Python client sends them,
 * over HTTP on both stores: accepted and simulated, or refused with 400 before queueing.
 *
 * The circuit is real Qiskit output: qiskit-terra 0.23.2, QPY 6, H then CX on 2 qubits (see
 * src/simulator/qpy/qpy.test.ts for where it was found), compressed here as RuntimeEncoder does.
 */
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStores } from '../helpers/stores.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const V6_BELL =
  'UUlTS0lUBgAXAgAAAAAAAAABcQAKaQAIAAAAAgAAAAAAAAAAAAAABAAAAAEAAAAAAAAAAmNpcmN1aXQtOTAAAAAAAAAAAG51bGxxAQAAAAIAAQFxAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAUAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAASEdhdGVxAAAAAAAGAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAABAAAAAUNYR2F0ZXEAAAAAcQAAAAEAAA==';
const circuit = (raw: Buffer) => ({ __type__: 'QuantumCircuit', __value__: deflateSync(raw).toString('base64') });

describe.each(await availableStores())('%s: QPY circuits in jobs', (store) => {
  let t: TestServer;
  let admin: string;
  let crn: string;
  const call = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin, body, headers: { 'service-crn': crn } });

  beforeAll(async () => {
    t = await startTestServer({ store });
    admin = await t.adminToken();
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    const res = await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QPY', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } });
    crn = res.body.crn;
  });
  afterAll(() => t.close());

  it('runs an estimator job on a QPY Bell circuit', async () => {
    const pubs = [[circuit(Buffer.from(V6_BELL, 'base64')), [{ ZZ: 1 }, { XX: 1 }, { ZI: 1 }]]];
    const res = await call('POST', '/api/v1/jobs', { program_id: 'estimator', backend: 'simulator_statevector', params: { version: 2, pubs } });
    expect(res.status).toBe(200);
    const id = res.body.id as string;
    let status = '';
    for (let i = 0; i < 400 && !['Completed', 'Failed', 'Cancelled'].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = (await call('GET', `/api/v1/jobs/${id}`)).body.status;
    }
    expect(status).toBe('Completed');
    const results = await call('GET', `/api/v1/jobs/${id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.results[0].data.evs).toEqual([1, 1, 0].map((v) => expect.closeTo(v, 10)));
  });

  it('refuses a QPY circuit it cannot read with 400, naming the problem, and queues nothing', async () => {
    const before = (await call('GET', '/api/v1/jobs')).body.count;
    const renamed = Buffer.from(V6_BELL, 'base64');
    renamed.write('HGbte', renamed.indexOf(Buffer.from('HGate')), 'latin1');
    const res = await call('POST', '/api/v1/jobs', { program_id: 'sampler', backend: 'simulator_statevector', params: { pubs: [[circuit(renamed)]] } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/params\.pubs\[0\]\[0\]': instruction 'HGbte' is not supported/);
    const truncated = await call('POST', '/api/v1/jobs', { program_id: 'sampler', backend: 'simulator_statevector', params: { pubs: [[circuit(Buffer.from(V6_BELL, 'base64').subarray(0, 60))]] } });
    expect(truncated.status).toBe(400);
    expect(JSON.stringify(truncated.body)).toMatch(/QPY payload is truncated/);
    expect((await call('GET', '/api/v1/jobs')).body.count).toBe(before);
  });
});
