/**
 * What a failed call to qgate looks like to a client: every error body carries `errors:[{code, message}]` and a
 * `trace` (the request id), whatever service shape it imitates.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly trace: string | undefined,
  ) {
    super(message);
  }
}

interface ErrorBody {
  errors?: Array<{ code?: unknown; message?: unknown }>;
  errorMessage?: unknown;
  message?: unknown;
  trace?: unknown;
}

/** Builds an {@link ApiError} from a response's status and parsed body (which may be anything). */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const first = Array.isArray(b.errors) ? b.errors[0] : undefined;
  const code = typeof first?.code === 'string' ? first.code : `http_${status}`;
  const message =
    typeof first?.message === 'string' ? first.message
    : typeof b.errorMessage === 'string' ? b.errorMessage
    : typeof b.message === 'string' ? b.message
    : typeof body === 'string' && body.length > 0 ? body
    : `the server answered ${status}`;
  return new ApiError(status, code, message, typeof b.trace === 'string' ? b.trace : undefined);
}
