/**
 * The one error type qgate throws on purpose. Its `code` is stable and documented in docs/errors.md;
 * the HTTP layer renders it in the error shape of the IBM service a route imitates.
 */
import type { ErrorCode } from './registry.js';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    /** Extra machine-readable fields merged into the error item (never secrets). */
    readonly details?: Record<string, unknown>,
    /** Headers to add to the error response, e.g. `Retry-After`. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** States an invariant in one line: throws `err` (or what it builds) unless `cond` holds. */
export function assertThat(cond: unknown, err: AppError | (() => AppError)): asserts cond {
  if (!cond) throw typeof err === 'function' ? err() : err;
}
