import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Collector,
  createCollector,
  createResponseStore,
  type Database,
  DatabaseUnavailableError,
  migrate,
  openDatabase,
} from '../../../src/collector-entry';
import type { StatsReply } from '../../../src/core/api-types';
import { canStartPrivatePostgres, type PrivatePostgres, startPrivatePostgres } from '../../helpers/private-postgres';
import { answered, batch, shown } from '../fixtures';

const TOKEN = 'a-long-dashboard-token';
const ORIGIN = 'http://127.0.0.1:5173';
// Short limits, so a request that would hang answers within a few seconds.
const STATEMENT_MS = 400;
const CONNECTION_MS = 400;
// initdb and a server start on a busy machine.
const STARTING_MS = 120_000;

const read = (collector: Collector, path: string) =>
  collector(new Request(ORIGIN + path, { headers: { authorization: `Bearer ${TOKEN}` } }), { clientAddress: 'c1' });
const post = (collector: Collector, records: unknown[]) =>
  collector(
    new Request(`${ORIGIN}/api/nps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify(batch(records)),
    }),
    { clientAddress: 'c1' },
  );

/** What a client is told when the database cannot answer: 503, and when to try again. */
async function expectUnavailable(reply: Promise<Response>): Promise<void> {
  const response = await reply;
  expect(response.status).toBe(503);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await response.json()).toEqual({ error: 'the database is unavailable: try again later' });
}

describe.skipIf(!canStartPrivatePostgres())('a PostgreSQL server that hangs, then stops, mid-test', () => {
  let pg: PrivatePostgres | undefined;
  let db: Database | undefined;
  let collector: Collector | undefined;
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    db = await openDatabase({
      url: pg.url,
      statementTimeoutMs: STATEMENT_MS,
      connectionTimeoutMs: CONNECTION_MS,
      poolSize: 4,
      log: () => {},
    });
    await migrate(db);
    collector = createCollector({
      store: createResponseStore(db),
      dashboardToken: TOKEN,
      allowedOrigins: [ORIGIN],
      log: () => {},
    });
  }, STARTING_MS);
  afterAll(async () => {
    pg?.resume();
    await collector?.close();
    await db?.close().catch(() => {});
    pg?.remove();
  });

  it(
    'answers 503 with Retry-After while the server hangs or is gone, and serves again with nothing lost once it is back',
    async () => {
      const handle = collector as Collector;
      const record = answered(shown(), 9);
      expect((await post(handle, [record])).status).toBe(200);
      expect((await read(handle, '/api/stats')).status).toBe(200);

      // Hung: the server's processes are stopped; open connections and new ones get no answer.
      pg?.pause();
      await expectUnavailable(read(handle, '/api/stats'));
      await expectUnavailable(read(handle, '/api/responses?limit=5'));
      await expectUnavailable(post(handle, [shown()]));
      pg?.resume();

      // Back: the connections that timed out were dropped, new ones serve, the answer is still there.
      const stats = await read(handle, '/api/stats');
      expect(stats.status).toBe(200);
      expect(((await stats.json()) as StatsReply).promoters).toBe(1);

      // Gone: the server is stopped; connecting is refused.
      pg?.stop();
      await expectUnavailable(read(handle, '/api/stats'));
      await expectUnavailable(post(handle, [shown()]));
    },
    STARTING_MS,
  );
});

describe('PGlite that does not answer in time', () => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
  });

  it('rejects a statement past the statement timeout with DatabaseUnavailableError, and a request waiting behind it gets 503', async () => {
    db = await openDatabase({ dataDir: 'memory://', statementTimeoutMs: STATEMENT_MS, log: () => {} });
    await migrate(db);
    const collector = createCollector({ store: createResponseStore(db), dashboardToken: TOKEN, log: () => {} });
    await expect(db.query('select 1 as one')).resolves.toEqual({ rows: [{ one: 1 }] });

    // One statement holds PGlite's one connection longer than the limit: it and a read queued behind it give up.
    const hung = db.query('select pg_sleep(3)');
    const waiting = read(collector, '/api/stats');
    await expect(hung).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expectUnavailable(waiting);
    await collector.close();
  });
});
