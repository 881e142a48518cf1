// @ts-check
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

/** The JSON Schema that ships in the package: the single source of truth for the wire format. */
export const SCHEMA = JSON.parse(readFileSync(new URL('../../src/schema/response.v1.json', import.meta.url), 'utf8'));

// RFC 3339 date-time; the year range keeps every accepted value storable as timestamptz.
// Offsets up to ±15:59: PostgreSQL refuses larger ones ("time zone displacement out of range").
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-](?:0\d|1[0-5]):[0-5]\d)$/;
/** @param {string} s */
const isDateTime = (s) => {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [, y, mo, d, h, mi, sec] = m.map(Number);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= days && h < 24 && mi < 60 && sec < 61 && !isNaN(Date.parse(s));
};

const ajv = new Ajv2020({ strict: true, strictRequired: false, strictTypes: false });
ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
ajv.addSchema(SCHEMA);
const checkRecord = /** @type {import('ajv').ValidateFunction} */ (ajv.getSchema(SCHEMA.$id + '#/$defs/ResponseRecord'));
// The envelope alone: records are checked one by one so a bad one cannot sink the others.
const checkEnvelope = ajv.compile({
  ...SCHEMA,
  $id: SCHEMA.$id.replace(/\.json$/, '.envelope.json'),
  properties: { ...SCHEMA.properties, responses: { ...SCHEMA.properties.responses, items: true } },
});

/** @param {import('ajv').ErrorObject[] | null | undefined} errors */
const describe = (errors, root = 'record') => {
  const e = errors?.[0];
  if (!e) return 'invalid';
  const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : root;
  const p = e.params;
  const extra = p.additionalProperty ? ` (${p.additionalProperty})` : 'allowedValue' in p ? ` ${JSON.stringify(p.allowedValue)}` : '';
  return `${at} ${e.message}${extra}`;
};

// PostgreSQL text and jsonb cannot hold NUL or unpaired surrogates: refuse them per record, not per batch.
/** @param {unknown} v @returns {boolean} */
const unstorable = (v, depth = 0) =>
  typeof v == 'string'
    ? /\0|\p{Cs}/u.test(v)
    : !!v && typeof v == 'object' && (depth > 64 || Object.entries(v).some(([k, x]) => unstorable(k) || unstorable(x, depth + 1)));

/**
 * Checks a parsed batch against the shipped schema.
 * @param {unknown} body
 * @returns {{ error: string } | { valid: Record<string, unknown>[], rejected: { id: string, error: string }[] }}
 *   `error` when the envelope itself is wrong; otherwise the records split into valid and rejected.
 */
export function validateBatch(body) {
  if (!checkEnvelope(body)) return { error: describe(checkEnvelope.errors, 'batch') };
  /** @type {Record<string, unknown>[]} */
  const valid = [];
  /** @type {{ id: string, error: string }[]} */
  const rejected = [];
  /** @type {unknown[]} */ (/** @type {any} */ (body).responses).forEach((r, i) => {
    const id = r && typeof r == 'object' && typeof (/** @type {any} */ (r).id) == 'string' ? /** @type {any} */ (r).id : `#${i}`;
    if (!checkRecord(r)) rejected.push({ id, error: describe(checkRecord.errors) });
    else if (unstorable(r)) rejected.push({ id, error: 'text contains NUL or an unpaired surrogate, or JSON nested over 64 levels' });
    else valid.push(/** @type {Record<string, unknown>} */ (r));
  });
  return { valid, rejected };
}
