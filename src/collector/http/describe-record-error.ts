import type { ErrorObject } from 'ajv';
import { SCORE_RANGE } from '../../core/nps-scale';
import { jsonPreview } from './json-preview';

// Keywords of the schema's conditional rules: they only say "some other rule failed", so a reply
// names the rule that did.
const WRAPPERS = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf']);
const RANK: Record<string, number> = {
  additionalProperties: 0,
  type: 1,
  enum: 1,
  minimum: 1,
  maximum: 1,
  format: 1,
  pattern: 1,
  minLength: 1,
  maxLength: 1,
  required: 2,
  const: 3,
  not: 4,
};

const FORMATS: Record<string, string> = {
  id: 'a UUIDv7 (time-ordered, made once per prompt)',
  page: 'an origin and path only (no query string or hash)',
  sdk: 'of the form "nps-widget@<version>"',
};

/**
 * A readable reason for refusing a record, from ajv's errors (run with `allErrors`): the most specific
 * error wins, so `score: 11` gets "score must be an integer from 0 to 10, got 11", not the
 * conditional rule about `category` that also failed.
 * @example describeRecordError(errors) // 'status must be one of "shown", "answered", "dismissed"'
 */
export function describeRecordError(
  errors: readonly ErrorObject[] | null | undefined,
  record: unknown,
  root = 'record',
): string {
  const candidates = (errors ?? []).filter((e) => !WRAPPERS.has(e.keyword));
  const best = candidates.sort((a, b) => (RANK[a.keyword] ?? 5) - (RANK[b.keyword] ?? 5))[0];
  if (!best) return `${root} is invalid`;
  const field = best.instancePath ? best.instancePath.slice(1).replace(/\//g, '.') : root;
  const value = valueAt(record, best.instancePath);
  const got = `, got ${short(value)}`;
  const params = best.params as Record<string, unknown>;
  switch (best.keyword) {
    case 'additionalProperties':
      return `${field} has an unknown field "${String(params.additionalProperty)}"`;
    case 'required':
      return `${params.missingProperty} is required${field === root ? '' : ' in ' + field}${best.schemaPath.includes('/then/') ? ' when status is "answered"' : ''}`;
    case 'enum':
      return `${field} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${got}`;
    case 'minimum':
    case 'maximum':
      return field === 'score' ? `score must be ${SCORE_RANGE}${got}` : `${field} ${best.message}${got}`;
    case 'type':
      return `${field} must be ${params.type === 'integer' && field === 'score' ? SCORE_RANGE : 'a ' + String(params.type)}${got}`;
    case 'format':
      return `${field} must be an ISO 8601 date-time with an offset (e.g. 2026-11-23T10:00:00Z), from 1970 to 9999${got}`;
    case 'pattern':
      return `${field} must be ${FORMATS[field] ?? 'in the documented format'}${got}`;
    case 'minLength':
    case 'maxLength':
      return `${field} must have ${best.keyword === 'minLength' ? 'at least' : 'at most'} ${String(params.limit)} characters`;
    case 'const':
      return field === 'category'
        ? `category must be ${JSON.stringify(params.allowedValue)} for score ${short(valueAt(record, '/score'))}${got}`
        : `${field} must be ${JSON.stringify(params.allowedValue)}${got}`;
    case 'not':
      return 'score, category and comment are allowed only when status is "answered"';
    default:
      return `${field} ${best.message ?? 'is invalid'}`;
  }
}

function valueAt(record: unknown, pointer: string): unknown {
  let value = record;
  for (const key of pointer.split('/').slice(1))
    value =
      value && typeof value === 'object'
        ? (value as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')]
        : undefined;
  return value;
}

/** The value as a message quotes it: short, whatever its size or depth (see {@link jsonPreview}). */
const short = jsonPreview;
