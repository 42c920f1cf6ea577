/**
 * JSON logs (pino) with secrets redacted wherever they might appear in a logged object.
 */
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["iam-apikey"]',
  'req.headers.cookie',
  'password', '*.password',
  'apikey', '*.apikey',
  'refresh_token', '*.refresh_token',
  'access_token', '*.access_token',
  'client_secret', '*.client_secret',
  'token', '*.token',
  'privateKey', '*.privateKey',
];

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'qgate' },
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
