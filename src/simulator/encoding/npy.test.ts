import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy } from './npy.js';
import { decodeNdarray, encodeNdarray } from './runtime-json.js';
import { encodeEstimatorResult, encodeSamplerResult, hexSamples } from './results.js';
import type { EstimatorResult, SamplerResult } from '../primitives/results.js';

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
// CI installs NumPy and requires it (QGATE_TEST_REQUIRE=numpy): there a missing NumPy fails instead of skipping.
if (!hasNumpy && (process.env.QGATE_TEST_REQUIRE ?? '').split(',').includes('numpy')) {
  throw new Error('python3 with NumPy is required (QGATE_TEST_REQUIRE) but not installed: apt-get install python3-numpy');
}
if (!hasNumpy) {
  console.warn('SKIPPED: NumPy interoperability checks of the npy encoding need python3 with NumPy (apt-get install python3-numpy)');
}

/** Runs Python with NumPy on `stdin` JSON and returns its JSON output. */
function python(script: string, input: unknown): unknown {
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const DECODE = `
import sys, json, base64, zlib, io
import numpy as np
out = []
for v in json.load(sys.stdin):
    a = np.load(io.BytesIO(zlib.decompress(base64.b64decode(v))), allow_pickle=False)
    out.append({"dtype": a.dtype.str, "shape": list(a.shape), "values": a.ravel().tolist()})
print(json.dumps(out))
`;

describe('npy', () => {
  it('writes a version 1.0 header padded to 64 bytes', () => {
    const bytes = encodeNpy('|u1', [4, 1], new Uint8Array([3, 0, 3, 1]));
    const header = new TextDecoder('latin1').decode(bytes.subarray(10, 10 + (bytes[8]! | (bytes[9]! << 8))));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    expect(header.startsWith("{'descr': '|u1', 'fortran_order': False, 'shape': (4, 1), }")).toBe(true);
    expect(header.endsWith('\n')).toBe(true);
    expect((10 + header.length) % 64).toBe(0);
    expect(Array.from(bytes.subarray(10 + header.length))).toEqual([3, 0, 3, 1]);
  });

  it('round-trips float64 arrays of any rank, including 0-d and empty', () => {
    for (const [shape, data] of [[[], [1.5]], [[3], [1, -2, 3.25]], [[2, 0], []], [[2, 2, 1], [0.1, 0.2, 0.3, 0.4]]] as const) {
      const decoded = decodeNpy(encodeNpy('<f8', shape, new Float64Array(data)));
      expect(decoded).toEqual({ dtype: '<f8', shape, data: new Float64Array(data) });
    }
  });

  it('reads other dtypes, big-endian data and Fortran order as float64', () => {
    const header = "{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }";
    const pad = ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
    const h = header + pad;
    const bytes = new Uint8Array(10 + h.length + 24);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, h.length & 0xff, h.length >> 8]);
    for (let i = 0; i < h.length; i++) bytes[10 + i] = h.charCodeAt(i);
    const view = new DataView(bytes.buffer, 10 + h.length);
    // column-major storage of [[1, 2, 3], [4, 5, 6]]
    [1, 4, 2, 5, 3, 6].forEach((v, i) => view.setInt32(4 * i, v, false));
    expect(decodeNpy(bytes)).toEqual({ dtype: '<i4', shape: [2, 3], data: new Float64Array([1, 2, 3, 4, 5, 6]) });
  });

  it('rejects what is not npy', () => {
    expect(() => decodeNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toThrow('missing the \\x93NUMPY magic');
    expect(() => decodeNdarray({ __type__: 'ndarray', __value__: Buffer.from('nonsense').toString('base64') })).toThrow();
  });

  it.skipIf(!hasNumpy)('is read by NumPy exactly as intended (python3-numpy)', () => {
    const u8 = encodeNdarray('|u1', [2, 3, 1], new Uint8Array([0, 1, 2, 3, 254, 255]));
    const f8 = encodeNdarray('<f8', [2, 2], new Float64Array([0.1, -2.5e-300, Math.PI, 1e300]));
    const scalar = encodeNdarray('<f8', [], new Float64Array([0.7]));
    expect(python(DECODE, [u8.__value__, f8.__value__, scalar.__value__])).toEqual([
      { dtype: '|u1', shape: [2, 3, 1], values: [0, 1, 2, 3, 254, 255] },
      { dtype: '<f8', shape: [2, 2], values: [0.1, -2.5e-300, Math.PI, 1e300] },
      { dtype: '<f8', shape: [], values: [0.7] },
    ]);
  });

  it.skipIf(!hasNumpy)('reads what NumPy writes (python3-numpy)', () => {
    const encoded = python(
      `import sys, json, base64, zlib, io\nimport numpy as np\nb = io.BytesIO(); np.save(b, np.arange(6, dtype=np.float64).reshape(3, 2) / 4); print(json.dumps(base64.b64encode(zlib.compress(b.getvalue())).decode()))`,
      null,
    ) as string;
    expect(decodeNdarray({ __type__: 'ndarray', __value__: encoded })).toEqual({ dtype: '<f8', shape: [3, 2], data: new Float64Array([0, 0.25, 0.5, 0.75, 1, 1.25]) });
  });
});

describe('result encodings', () => {
  const sampler: SamplerResult = {
    pubResults: [
      {
        shape: [2],
        shots: 3,
        registers: [
          { name: 'meas', numBits: 2, bytes: new Uint8Array([3, 0, 1, 2, 3, 3]) },
          { name: 'wide', numBits: 10, bytes: new Uint8Array([0x02, 0xab, 0, 0, 0, 1, 3, 0xff, 0, 0x10, 1, 0]) },
        ],
        metadata: { shots: 3, circuit_metadata: {} },
      },
    ],
    metadata: { version: 2 },
  };

  it('writes plain JSON: hex register values nested by PUB shape', () => {
    expect(hexSamples(new Uint8Array([0x02, 0xab, 0, 0, 0, 0x10]), 10)).toEqual(['0x2ab', '0x0', '0x10']);
    expect(encodeSamplerResult(sampler, { qiskit: false })).toEqual({
      results: [
        {
          data: {
            meas: { samples: [['0x3', '0x0', '0x1'], ['0x2', '0x3', '0x3']], num_bits: 2 },
            wide: { samples: [['0x2ab', '0x0', '0x1'], ['0x3ff', '0x10', '0x100']], num_bits: 10 },
          },
          metadata: { shots: 3, circuit_metadata: {} },
        },
      ],
      metadata: { version: 2 },
    });
  });

  it('writes the Qiskit envelope: PrimitiveResult / SamplerPubResult / DataBin / BitArray', () => {
    const body = encodeSamplerResult(sampler, { qiskit: true }) as any;
    expect(body.__type__).toBe('PrimitiveResult');
    const pub = body.__value__.pub_results[0];
    expect(pub.__type__).toBe('SamplerPubResult');
    expect(pub.__value__.data.__type__).toBe('DataBin');
    expect(pub.__value__.data.__value__).toMatchObject({ field_names: ['meas', 'wide'], shape: [2] });
    const wide = pub.__value__.data.__value__.fields.wide;
    expect(wide).toMatchObject({ __type__: 'BitArray', __value__: { num_bits: 10 } });
    expect(decodeNdarray(wide.__value__.array)).toEqual({ dtype: '|u1', shape: [2, 3, 2], data: sampler.pubResults[0]!.registers[1]!.bytes });
  });

  it.skipIf(!hasNumpy)('gives NumPy a uint8 BitArray array whose packed bits are the register values', () => {
    const body = encodeSamplerResult(sampler, { qiskit: true }) as any;
    const array = body.__value__.pub_results[0].__value__.data.__value__.fields.wide.__value__.array.__value__;
    const script = `
import sys, json, base64, zlib, io
import numpy as np
a = np.load(io.BytesIO(zlib.decompress(base64.b64decode(json.load(sys.stdin)))))
vals = [int.from_bytes(bytes(row), "big") for row in a.reshape(-1, a.shape[-1])]
print(json.dumps({"dtype": a.dtype.str, "shape": list(a.shape), "values": vals}))`;
    expect(python(script, array)).toEqual({ dtype: '|u1', shape: [2, 3, 2], values: [0x2ab, 0, 1, 0x3ff, 0x10, 0x100] });
  });

  it('encodes estimator results in both forms', () => {
    const est: EstimatorResult = {
      pubResults: [{ shape: [], evs: new Float64Array([0.5]), stds: new Float64Array([0]), ensembleStandardError: new Float64Array([0]), metadata: { shots: 0 } }],
      metadata: { version: 2 },
    };
    expect(encodeEstimatorResult(est, { qiskit: false })).toEqual({
      results: [{ data: { evs: 0.5, stds: 0, ensemble_standard_error: 0 }, metadata: { shots: 0 } }],
      metadata: { version: 2 },
    });
    const typedBody = encodeEstimatorResult(est, { qiskit: true, pubResultType: 'EstimatorPubResult' }) as any;
    const pub = typedBody.__value__.pub_results[0];
    expect(pub.__type__).toBe('EstimatorPubResult');
    expect(pub.__value__.data.__value__.field_names).toEqual(['evs', 'stds', 'ensemble_standard_error']);
    expect(decodeNdarray(pub.__value__.data.__value__.fields.evs)).toEqual({ dtype: '<f8', shape: [], data: new Float64Array([0.5]) });
    expect((encodeEstimatorResult(est, { qiskit: true }) as any).__value__.pub_results[0].__type__).toBe('PubResult');
  });
});
