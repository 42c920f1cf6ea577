/**
 * Big-endian reads over a QPY byte buffer. Every read is bounds-checked so that a truncated or
 * lying payload fails with a message naming what was being read, never with a RangeError.
 */
import { InvalidEncodingError } from '../errors.js';

export class QpyReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Reserves `n` bytes for `what`, failing if the payload ends first. */
  private take(n: number, what: string): number {
    if (!Number.isSafeInteger(n) || n < 0 || n > this.remaining) {
      throw new InvalidEncodingError(`QPY payload is truncated: ${what} needs ${n} bytes at offset ${this.pos}, ${this.remaining} left`);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  u8(what: string): number {
    return this.view.getUint8(this.take(1, what));
  }

  u16(what: string): number {
    return this.view.getUint16(this.take(2, what));
  }

  u32(what: string): number {
    return this.view.getUint32(this.take(4, what));
  }

  i32(what: string): number {
    return this.view.getInt32(this.take(4, what));
  }

  /** An unsigned 64-bit count or size; anything past 2^53 cannot be a real size here. */
  u64(what: string): number {
    const v = this.view.getBigUint64(this.take(8, what));
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidEncodingError(`QPY payload has an impossible ${what} (${v})`);
    return Number(v);
  }

  i64(what: string): bigint {
    return this.view.getBigInt64(this.take(8, what));
  }

  f64(what: string): number {
    return this.view.getFloat64(this.take(8, what));
  }

  /** Numeric INSTRUCTION_PARAM values are little-endian, unlike the rest of the format. */
  f64le(what: string): number {
    return this.view.getFloat64(this.take(8, what), true);
  }

  i64le(what: string): bigint {
    return this.view.getBigInt64(this.take(8, what), true);
  }

  /** A one-byte type code as its ASCII character. */
  char(what: string): string {
    return String.fromCharCode(this.u8(what));
  }

  bytesOf(n: number, what: string): Uint8Array {
    const at = this.take(n, what);
    return this.bytes.subarray(at, at + n);
  }

  utf8(n: number, what: string): string {
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytesOf(n, what));
  }

  skip(n: number, what: string): void {
    this.take(n, what);
  }
}
