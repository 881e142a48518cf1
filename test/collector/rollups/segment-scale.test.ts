import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { compactRollups } from '../../../src/collector/rollups/compact-rollups';
import { tidyPglite } from '../../../src/collector/rollups/rollup-maintenance';
import { declareSegmentKeys } from '../../../src/collector/rollups/segment-keys';
import { createCollector, createResponseStore, type Database, toNodeListener } from '../../../src/collector-entry';
import type { SegmentsReply, StatsReply } from '../../../src/core/api-types';
import { recordingDatabase, rowsRead } from '../../helpers/rows-read';
import { batch, DATABASES, dashboardFixture, freshStore, shown } from '../fixtures';

const TOKEN = 'a-long-dashboard-token';
const DAYS = 30;
// Storing 100,000 responses with their rollups takes about a minute on PGlite on a busy 2-core machine.
const STORING_TAKES_MS = 300_000;

/**
 * Responses `from` to `to` (exclusive), stored in one statement through the same triggers an upsert
 * fires (100 upserts of 1,000 would count the same, only slower): 30% answered, shown over the last 30 days, `plan` one of 4 values and a unique `email`.
 */
const storeResponses = (db: Database, from: number, to: number) =>
  db.transaction(
    (query) =>
      query(
        `insert into nps_responses (id, status, score, category, anonymous_id, traits, stage, locale, page, shown_at, answered_at, updated_at, sdk)
     select ('0190a0a0-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
       case when g % 10 < 3 then 'answered' else 'shown' end,
       case when g % 10 < 3 then g % 11 end,
       case when g % 10 < 3 then (case when g % 11 >= 9 then 'promoter' when g % 11 >= 7 then 'passive' else 'detractor' end) end,
       'anon-' || g,
       jsonb_build_object('plan', (array['free', 'pro', 'team', 'enterprise'])[g % 4 + 1], 'email', 'r' || g || '@example.com'),
       (array['checkout', 'onboarding'])[g % 2 + 1], 'en', 'http://127.0.0.1/app',
       now() - (g % ${DAYS}) * interval '1 day', case when g % 10 < 3 then now() - (g % ${DAYS}) * interval '1 day' end,
       now() - (g % ${DAYS}) * interval '1 day', 'nps-widget@0.1.0'
     from generate_series($1::int, $2::int - 1) g`,
        [from, to],
      ),
    // 90,000 rows in one statement take longer than a request may.
    { timeoutMs: 0 },
  );

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)(`segments of a key with 100,000 values on ${name}`, () => {
    let db: Database | undefined;
    let server: Server | undefined;
    afterEach(async () => {
      server?.close();
      await db?.close();
    });

    it(
      'read no more rows at 100,000 distinct values than at 10,000, within a bound set by days, and the server answers meanwhile',
      async () => {
        ({ db } = await freshStore(url));
        await declareSegmentKeys(db, ['plan', 'email']);
        const recording = recordingDatabase(db);
        const handle = createCollector({
          store: createResponseStore(recording.db),
          dashboardToken: TOKEN,
          dashboardDir: dashboardFixture(),
          log: () => {},
        });
        server = createServer(toNodeListener(handle));
        await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
        const address = server.address();
        const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        const get = (path: string) => fetch(base + path, { headers: { authorization: `Bearer ${TOKEN}` } });
        /** The rows read by the statements of one request. */
        const measure = async (path: string) => {
          recording.statements.length = 0;
          expect((await get(path)).status, path).toBe(200);
          return rowsRead(db as Database, [...recording.statements]);
        };
        const routes = ['/api/segments', '/api/stats?segment=email', '/api/stats?segment=plan'];

        const measureAll = async () => {
          const rows: number[] = [];
          for (const route of routes) rows.push(await measure(route));
          return rows;
        };
        // What the collector's maintenance does every 10 minutes: fold the per-connection buckets of
        // past days, and give the planner statistics after a bulk load (PGlite has no autovacuum).
        const maintain = async () => {
          await compactRollups(db as Database);
          await tidyPglite(db as Database);
        };
        await storeResponses(db, 0, 10_000);
        await maintain();
        const atTenThousand = await measureAll();
        await storeResponses(db, 10_000, 100_000);
        await maintain();
        const atHundredThousand = await measureAll();

        // Ten times the values read no more rows: give or take today's and yesterday's buckets (one
        // per connection that wrote them) and the planner's choices, a few percent, never ten times as many.
        for (const [i, route] of routes.entries())
          expect(atHundredThousand[i], `rows read by ${route}`).toBeLessThanOrEqual(
            Math.ceil((atTenThousand[i] ?? 0) * 1.1),
          );
        // Ranking reads (at most 800 rows), 50 values × 30 days × 2 stage scopes, key and day totals,
        // and the sample of the latest 10,000 responses for suggestions: not the 100,000 values.
        for (const rows of atHundredThousand) expect(rows).toBeLessThan(20_000);
        const segments = (await (await get('/api/segments')).json()) as SegmentsReply;
        expect(segments.segments.find((s) => s.key === 'email')).toMatchObject({ responses: 100_000 });
        expect(segments.segments.find((s) => s.key === 'plan')?.values).toHaveLength(4);
        const stats = (await (await get('/api/stats?segment=email')).json()) as StatsReply;
        expect(Object.keys(stats.bySegment ?? {})).toHaveLength(51); // 50 named values and "other"
        expect(stats.bySegment?.other?.shown).toBe(100_000 - 50);

        // While the two routes run, a static file and an ingest request are answered too.
        const record = shown();
        const replies = await Promise.all([
          get('/api/segments'),
          get('/api/stats?segment=email'),
          fetch(`${base}/dashboard/dashboard.js`),
          fetch(`${base}/api/nps`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(batch([record])),
          }),
        ]);
        expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      },
      STORING_TAKES_MS,
    );
  });
