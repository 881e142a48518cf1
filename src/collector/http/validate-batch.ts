import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import SCHEMA from '../../schema/response.v1.json';
import { isStorableText } from '../../core/json';
import type { ResponseRecord } from '../../core/wire';
import { clockCorrection, onServerClock } from './clock-skew';
import { parseDateTime } from './date-time';
import { describeRecordError } from './describe-record-error';

/** A record the collector refused, with why: the `rejected` entries of the reply to `POST /api/nps`. */
export interface Rejection {
  /** The record's id, or `#<index>` when it has none. */
  id: string;
  error: string;
}

// Two compilations of the schema: a fast one that stops at the first error (every record goes
// through it), and one that collects all errors, run only on a refused record to find the clearest reason.
const compile = (allErrors: boolean) => {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, strictTypes: false, allErrors });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => parseDateTime(s) != null });
  ajv.addSchema(SCHEMA);
  return {
    record: ajv.getSchema(SCHEMA.$id + '#/$defs/ResponseRecord') as ValidateFunction<ResponseRecord>,
    // The envelope alone: records are checked one by one so a bad one cannot sink the others.
    envelope: ajv.compile({
      ...SCHEMA,
      $id: SCHEMA.$id.replace(/\.json$/, '.envelope.json'),
      properties: { ...SCHEMA.properties, responses: { ...SCHEMA.properties.responses, items: true } },
    }),
  };
};
const fast = compile(false);
const thorough = compile(true);

/** The clearest reason `check` refuses `value`, from a run that collects every error. */
const reason = (check: ValidateFunction, value: unknown, root?: string) => {
  check(value);
  return describeRecordError(check.errors, value, root);
};

// PostgreSQL text and jsonb cannot hold NUL or unpaired surrogates: refuse them per record, not per batch.
const UNSTORABLE = 'text contains NUL or an unpaired surrogate, or JSON nested over 64 levels';
const unstorable = (value: unknown, depth = 0): boolean =>
  typeof value === 'string'
    ? !isStorableText(value)
    : !!value &&
      typeof value === 'object' &&
      (depth > 64 || Object.entries(value).some(([k, x]) => unstorable(k) || unstorable(x, depth + 1)));

/**
 * Checks a parsed batch against the shipped JSON Schema, then each record for what PostgreSQL cannot
 * store. Times from a device whose clock runs ahead are moved onto the server's clock (see
 * {@link onServerClock}), never refused.
 * @returns `error` when the envelope itself is wrong; otherwise the records split into valid (times
 * corrected) and rejected.
 * @example validateBatch(JSON.parse(body), Date.now())
 */
export function validateBatch(
  body: unknown,
  now: number,
): { error: string } | { valid: ResponseRecord[]; rejected: Rejection[] } {
  if (!fast.envelope(body)) return { error: reason(thorough.envelope, body, 'batch') };
  const correction = clockCorrection((body as { sentAt: string }).sentAt, now);
  const valid: ResponseRecord[] = [];
  const rejected: Rejection[] = [];
  (body as { responses: unknown[] }).responses.forEach((record, index) => {
    const given = record && typeof record === 'object' ? (record as { id?: unknown }).id : undefined;
    const id = typeof given === 'string' ? given : `#${index}`;
    const error = !fast.record(record) ? reason(thorough.record, record) : unstorable(record) ? UNSTORABLE : undefined;
    if (error) rejected.push({ id, error });
    else valid.push(onServerClock(record as ResponseRecord, correction, now));
  });
  return { valid, rejected };
}
