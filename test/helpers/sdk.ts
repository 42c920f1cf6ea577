/**
 * Reading the outcome of IBM SDK calls in tests.
 */

/** What ibm-cloud-sdk-core rejects with when the service answers outside 2xx. */
export interface SdkError extends Error {
  status?: number;
  statusText?: string;
  result?: any;
  body?: string;
  headers?: Record<string, unknown>;
}

/** Awaits a call that must reject and returns the SDK's error. */
export async function rejection(call: Promise<unknown>): Promise<SdkError> {
  let outcome: unknown;
  try {
    outcome = await call;
  } catch (err) {
    return err as SdkError;
  }
  const status = (outcome as { status?: number } | undefined)?.status;
  throw new Error(`expected the SDK call to reject, but it resolved with status ${String(status)}`);
}
