// A body nested to any depth is refused with a 4xx and a short message, and nothing reaches the log:
// describing the refusal never walks the whole value (10,000 and 100,000 levels deep here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, type Database, type ResponseStore } from '../../../src/collector-entry';
import { jsonPreview } from '../../../src/collector/http/json-preview';
import { batch, freshStore, shown } from '../fixtures';

const ORIGIN = 'http://127.0.0.1:5173';
const TOKEN = 'deep-nesting-token';
const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

let db: Database;
let store: ResponseStore;
const logged: string[] = [];
let handle: ReturnType<typeof createCollector>;
beforeAll(async () => {
  ({ db, store } = await freshStore());
  handle = createCollector({
    store,
    dashboardToken: TOKEN,
    log: (message) => logged.push(message),
    // Deep bodies are large: room for them, and no rate limit in the way.
    maxBodyBytes: 1_000_000,
    rateLimit: { limit: 10_000, windowMs: 60_000 },
  });
});
afterAll(async () => {
  await handle.close();
  await db.close();
});

const post = (body: string) =>
  handle(new Request(`${ORIGIN}/api/nps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }), {
    clientAddress: 'c1',
  });

/** A record whose `field` holds `json` as written. */
const recordWith = (field: string, json: string) => {
  const record = JSON.stringify(batch([shown()]));
  return record.replace('"status":"shown"', `"status":"shown","${field}":${json}`);
};

describe('bodies nested to any depth', () => {
  for (const depth of [10_000, 100_000]) {
    it(`a batch nested ${depth} levels deep is a 400 with a short message`, async () => {
      for (const body of [nested(depth), nestedObject(depth), `{"v":1,"sentAt":${nested(depth)},"responses":[]}`]) {
        const res = await post(body);
        expect(res.status).toBe(400);
        const { error } = (await res.json()) as { error: string };
        expect(error.length).toBeLessThan(200);
      }
    });

    it(`a record with a field nested ${depth} levels deep is refused on its own, with a short reason`, async () => {
      for (const [field, json] of [
        ['id', nested(depth)],
        ['score', nestedObject(depth)],
        ['traits', nested(depth)],
        ['metadata', nestedObject(depth)],
        ['comment', nested(depth, '"x"')],
      ]) {
        const res = await post(recordWith(field as string, json as string));
        expect(res.status, field).toBe(200);
        const { rejected } = (await res.json()) as { rejected: { error: string }[] };
        expect(rejected, field).toHaveLength(1);
        expect(rejected[0]?.error.length, field).toBeLessThan(200);
      }
    });
  }

  it('a follow-up change nested deep is a 400', async () => {
    const res = await handle(
      new Request(`${ORIGIN}/api/responses/0190a0a0-0000-7000-8000-000000000001`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: `{"followUp":{"status":"open","note":${nested(5000)}}}`,
      }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error.length).toBeLessThan(200);
  });

  it('quotes ordinary values exactly as JSON, cut at 40 characters', () => {
    const whole = (value: unknown) => {
      const text = JSON.stringify(value) ?? String(value);
      return text.length > 40 ? `${text.slice(0, 37)}…` : text;
    };
    const values = [
      11,
      'fr-CA',
      null,
      undefined,
      true,
      { plan: 'pro', seats: [1, 2, 3] },
      ['a\nb', '"quoted"', 'é😀'],
      'x'.repeat(100),
      { ['k'.repeat(60)]: 1 },
      Array.from({ length: 50 }, (_, i) => i),
      [],
      {},
    ];
    for (const value of values) expect(jsonPreview(value)).toBe(whole(value));
    expect(jsonPreview(JSON.parse(nested(100_000)))).toBe(`${'['.repeat(37)}…`);
  });

  it('logs nothing: no stack trace for a refusal', () => {
    expect(logged).toEqual([]);
  });
});
