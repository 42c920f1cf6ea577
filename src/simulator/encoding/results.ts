/**
 * Result encodings of `GET /jobs/{id}/results`:
 *
 * - plain JSON (`support_qiskit` false or absent), as IBM's REST examples show:
 *   sampler `{results: [{data: {<register>: {samples: ["0x3", ...], num_bits}}, metadata}], metadata}`,
 *   estimator `{results: [{data: {evs, stds, ensemble_standard_error}, metadata}], metadata}` with
 *   numbers or nested lists following the PUB shape;
 * - Qiskit's typed envelope (`support_qiskit` true, what the Python client asks for), which
 *   RuntimeDecoder turns into `PrimitiveResult` / `SamplerPubResult` / `DataBin` / `BitArray`.
 *   Arrays must be npy-encoded: BitArray insists on uint8, and evs/stds on ndarrays.
 */
import { encodeNdarray, typed, type Typed } from './runtime-json.js';
import { toNested } from '../primitives/ndarray.js';
import { bytesPerShot, type EstimatorResult, type SamplerResult } from '../primitives/results.js';

export interface EncodeOptions {
  /** True for Qiskit's typed envelope, false for plain JSON. */
  readonly qiskit: boolean;
}

export interface EstimatorEncodeOptions extends EncodeOptions {
  /**
   * Envelope type of each estimator PUB result. `PubResult` (default) decodes in every
   * qiskit-ibm-runtime release; `EstimatorPubResult` only in recent ones.
   */
  readonly pubResultType?: 'PubResult' | 'EstimatorPubResult';
}

/** Encodes a sampler result for the job results endpoint. */
export function encodeSamplerResult(result: SamplerResult, options: EncodeOptions): unknown {
  if (!options.qiskit) {
    return {
      results: result.pubResults.map((pub) => ({
        data: Object.fromEntries(
          pub.registers.map((reg) => [reg.name, { samples: toNested(hexSamples(reg.bytes, reg.numBits), [...pub.shape, pub.shots]), num_bits: reg.numBits }]),
        ),
        metadata: pub.metadata,
      })),
      metadata: result.metadata,
    };
  }
  return typed('PrimitiveResult', {
    pub_results: result.pubResults.map((pub) =>
      typed('SamplerPubResult', {
        data: typed('DataBin', {
          field_names: pub.registers.map((r) => r.name),
          shape: [...pub.shape],
          fields: Object.fromEntries(
            pub.registers.map((reg) => [
              reg.name,
              typed('BitArray', {
                array: encodeNdarray('|u1', [...pub.shape, pub.shots, bytesPerShot(reg.numBits)], reg.bytes),
                num_bits: reg.numBits,
              }),
            ]),
          ),
        }),
        metadata: pub.metadata,
      }),
    ),
    metadata: result.metadata,
  });
}

/** Encodes an estimator result for the job results endpoint. */
export function encodeEstimatorResult(result: EstimatorResult, options: EstimatorEncodeOptions): unknown {
  if (!options.qiskit) {
    return {
      results: result.pubResults.map((pub) => ({
        data: {
          evs: toNested(pub.evs, pub.shape),
          stds: toNested(pub.stds, pub.shape),
          ensemble_standard_error: toNested(pub.ensembleStandardError, pub.shape),
        },
        metadata: pub.metadata,
      })),
      metadata: result.metadata,
    };
  }
  const pubType = options.pubResultType ?? 'PubResult';
  return typed('PrimitiveResult', {
    pub_results: result.pubResults.map((pub): Typed =>
      typed(pubType, {
        data: typed('DataBin', {
          field_names: ['evs', 'stds', 'ensemble_standard_error'],
          shape: [...pub.shape],
          fields: {
            evs: encodeNdarray('<f8', pub.shape, pub.evs),
            stds: encodeNdarray('<f8', pub.shape, pub.stds),
            ensemble_standard_error: encodeNdarray('<f8', pub.shape, pub.ensembleStandardError),
          },
        }),
        metadata: pub.metadata,
      }),
    ),
    metadata: result.metadata,
  });
}

/** Each shot's register value as a hex string without leading zeros ("0x0", "0x1a"). */
export function hexSamples(bytes: Uint8Array, numBits: number): string[] {
  const nb = bytesPerShot(numBits);
  const shots = nb === 0 ? 0 : bytes.length / nb;
  const out: string[] = new Array<string>(shots);
  for (let s = 0; s < shots; s++) {
    let hex = '';
    for (let i = 0; i < nb; i++) hex += bytes[s * nb + i]!.toString(16).padStart(2, '0');
    out[s] = `0x${hex.replace(/^0+(?=.)/, '')}`;
  }
  return out;
}
