/**
 * What the primitives return, before encoding (see encoding/results.ts for the wire formats).
 */
import type { Shape } from './ndarray.js';

/** The shots of one classical register, packed as Qiskit's BitArray packs them. */
export interface RegisterSamples {
  readonly name: string;
  readonly numBits: number;
  /**
   * Shape (*pubShape, shots, ceil(numBits/8)), C order. Each shot is big-endian: its last byte
   * holds bits 0-7 of the register, bit 0 as the least significant bit.
   */
  readonly bytes: Uint8Array;
}

export interface SamplerPubResult {
  readonly shape: Shape;
  readonly shots: number;
  /** One entry per classical register, in declaration order. */
  readonly registers: readonly RegisterSamples[];
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface SamplerResult {
  readonly pubResults: readonly SamplerPubResult[];
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface EstimatorPubResult {
  readonly shape: Shape;
  /** Expectation values, C order. */
  readonly evs: Float64Array;
  /** Standard errors of `evs` (0 when exact). */
  readonly stds: Float64Array;
  readonly ensembleStandardError: Float64Array;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface EstimatorResult {
  readonly pubResults: readonly EstimatorPubResult[];
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Number of bytes one shot of an n-bit register takes. */
export const bytesPerShot = (numBits: number): number => Math.ceil(numBits / 8);
