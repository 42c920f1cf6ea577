/**
 * Request validation with two Ajv instances: query strings, params and headers are coerced from
 * text (`limit=10`, `force=true`), bodies are not (a JSON string is never silently a number), and
 * unknown body fields are refused rather than dropped.
 */
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function createAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
  });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv;
}

const bodyAjv = createAjv(false);
const textAjv = createAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema as object);
};

/** Turns an Ajv error into a sentence naming the field and what would be right. */
export function describeValidationError(part: string, error: ErrorObject): string {
  const where = `${part}${error.instancePath.replaceAll('/', '.')}`;
  const field = where.replace(/^body\.?/, '') || part;
  switch (error.keyword) {
    case 'required':
      return `${part === 'body' ? '' : `${part}: `}field '${joinPath(error.instancePath, String(error.params.missingProperty))}' is required`;
    case 'additionalProperties':
      return `${part === 'body' ? '' : `${part}: `}field '${joinPath(error.instancePath, String(error.params.additionalProperty))}' is not allowed here`;
    case 'type':
      return `field '${field}' must be of type ${String(error.params.type)}`;
    case 'format':
      return `field '${field}' must be a valid ${String(error.params.format)}`;
    case 'maxLength':
      return `field '${field}' must be at most ${String(error.params.limit)} characters`;
    case 'minLength':
      return `field '${field}' must be at least ${String(error.params.limit)} characters`;
    case 'const':
      return `field '${field}' must be ${JSON.stringify(error.params.allowedValue)}`;
    case 'enum':
      return `field '${field}' must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'maxItems':
      return `field '${field}' must have at most ${String(error.params.limit)} items`;
    case 'minItems':
      return `field '${field}' must have at least ${String(error.params.limit)} items`;
    case 'minimum':
    case 'maximum':
      return `field '${field}' must be ${error.keyword === 'minimum' ? '>=' : '<='} ${String(error.params.limit)}`;
    case 'pattern':
      return `field '${field}' has an invalid format`;
    default:
      return `field '${field}' ${error.message ?? 'is invalid'}`;
  }
}

function joinPath(instancePath: string, prop: string): string {
  const base = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return base ? `${base}.${prop}` : prop;
}
