import { expect, it } from 'vitest';
import { createHealthRoute } from '../../../src/collector/http/health-route';

// GET /healthz: 200 when the database answers within the limit, 503 with Retry-After otherwise.
const answering = { query: async () => ({ rows: [{ '?column?': 1 }] }) };
const failing = { query: async () => Promise.reject(new Error('connection refused')) };
const hanging = { query: () => new Promise<{ rows: [] }>(() => {}) };

it('answers 200 when the database answers', async () => {
  const reply = await createHealthRoute({ db: answering, setTimer: () => undefined })();
  expect([reply.status, await reply.json()]).toEqual([200, { ok: true }]);
});

it('answers 503 with Retry-After when the database fails, without its error', async () => {
  const reply = await createHealthRoute({ db: failing, setTimer: () => undefined })();
  expect(reply.status).toBe(503);
  expect(reply.headers.get('retry-after')).toBe('5');
  expect(await reply.json()).toEqual({ ok: false, error: 'the database failed' });
});

it('answers 503 when the database does not answer within timeoutMs', async () => {
  const timers: { run: () => void; ms: number }[] = [];
  const reply = createHealthRoute({ db: hanging, timeoutMs: 1000, setTimer: (run, ms) => timers.push({ run, ms }) })();
  expect(timers.map((t) => t.ms)).toEqual([1000]);
  timers[0]?.run();
  const answered = await reply;
  expect([answered.status, await answered.json()]).toEqual([
    503,
    { ok: false, error: 'the database did not answer within 1000 ms' },
  ]);
});
