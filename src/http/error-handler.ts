/**
 * Renders every error in the shape of the IBM service the route imitates, so IBM's SDKs surface
 * qgate's message (`err.message` comes from `errors[0].message`), and records refusals in the audit trail.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '#src/errors/app-error.js';
import { appError, ibmCodeOf } from '#src/errors/registry.js';
import { describeValidationError } from './validation.js';
import { routeConfig, type ServiceShape } from './route-config.js';

export interface RefusalRecorder {
  recordRefusal(req: FastifyRequest, error: AppError): void;
}

/** Maps anything thrown while serving a request to an {@link AppError}. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validationContext?: string };
  if (fe?.validation && fe.validation.length > 0) {
    const part = fe.validationContext ?? 'body';
    const message = describeValidationError(part, fe.validation[0] as never);
    return appError(part === 'body' ? 'invalid_body' : part === 'querystring' ? 'invalid_query' : 'invalid_parameter', message);
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return appError('unsupported_content_type', `unsupported content type; send application/json${fe.message.includes('form') ? '' : ' (or application/x-www-form-urlencoded where documented)'}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return appError('body_too_large', 'request body is too large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return appError('invalid_body', 'request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return appError('invalid_body', 'Content-Length does not match the body');
  }
  if (err instanceof SyntaxError) return appError('invalid_body', 'request body is not valid JSON');
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('invalid_body', fe.statusCode, fe.message);
  }
  return appError('internal_error', 'an internal error occurred; the request id identifies it in the server log');
}

export function errorBody(shape: ServiceShape, error: AppError, requestId: string): Record<string, unknown> {
  const item = { code: error.code, message: error.message, ...(error.details ?? {}) };
  const common = { trace: requestId, errors: [item], status_code: error.status };
  switch (shape) {
    case 'token':
      return { errorCode: ibmCodeOf(error.code), errorMessage: error.message, ...common };
    case 'resource-controller':
      return { error_code: `RC-${error.code}`, message: error.message, transaction_id: requestId, ...common };
    case 'runtime':
      return { errors: [{ ...item, more_info: `docs/errors.md#${error.code}` }], trace: requestId, status_code: error.status };
    case 'platform':
      return common;
  }
}

export function createErrorHandler(recorder: RefusalRecorder) {
  return function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
    const error = toAppError(err);
    if (error.status >= 500) req.log.error({ err }, 'request failed');
    else if (error.status === 401 || error.status === 403 || error.status === 429 || error.details?.action !== undefined) {
      recorder.recordRefusal(req, error);
    }
    const shape = routeConfig(req)?.service ?? 'platform';
    if (error.headers) void reply.headers(error.headers);
    return reply.status(error.status).type('application/json').send(errorBody(shape, error, req.id));
  };
}
