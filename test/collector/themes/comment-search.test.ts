import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCollector, type Database, type ResponseStore } from '../../../src/collector-entry';
import type { ResponsesReply, StatsReply } from '../../../src/core/api-types';
import type { ResponseRecord } from '../../../src/core/wire';
import {
  INDEXED_CONFIGS,
  TEXT_SEARCH_CONFIGS,
  textSearchConfigOf,
} from '../../../src/collector/themes/text-search-configs';
import { answered, DATABASES, dashboardFixture, freshStore, removeDashboardFixtures, shown } from '../fixtures';

// `GET /api/responses?q=`: comments found by their stems in the response's own language, with every
// other filter, in the CSV export too; a `q` the collector cannot use is a 400 naming it.
const TOKEN = 'search-token';
const bearer = { authorization: 'Bearer ' + TOKEN };
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-10T10:00:00Z');
const dashboardDir = dashboardFixture();
afterAll(() => removeDashboardFixtures());

const comment = (text: string, score: number, over: Partial<ResponseRecord> = {}, at = T0): ResponseRecord =>
  answered(shown(over, at), score, { comment: text });

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('comment search on ' + name, () => {
    let db: Database;
    let store: ResponseStore;
    beforeAll(async () => ({ db, store } = await freshStore(url)));
    afterAll(() => db.close());
    beforeEach(() => db.query('truncate nps_responses cascade'));

    const get = async (path: string) => {
      const handle = createCollector({ store, dashboardToken: TOKEN, dashboardDir, log: () => {} });
      return handle(new Request('http://127.0.0.1' + path, { headers: bearer }), { clientAddress: 'c1' });
    };
    const comments = async (query: string) => {
      const reply = (await (await get('/api/responses?' + query)).json()) as ResponsesReply;
      return reply.responses.map((response) => response.comment).sort();
    };

    it('names only text search configurations this database has, and maps locales as the code does', async () => {
      const { rows } = await db.query('select cfgname from pg_ts_config');
      const present = new Set(rows.map((row) => String(row.cfgname)));
      for (const config of INDEXED_CONFIGS) expect(present, config).toContain(config);
      const locales = [...Object.keys(TEXT_SEARCH_CONFIGS), 'de-AT', 'pt_BR', 'EN-gb', 'ja', 'zh-TW', 'pl', 'he', 'et'];
      const mapped = await db.query(
        'select locale, nps_text_search_config(locale)::text as config from unnest($1::text[]) as locale',
        [locales],
      );
      expect(Object.fromEntries(mapped.rows.map((row) => [row.locale, row.config]))).toEqual(
        Object.fromEntries(locales.map((locale) => [locale, textSearchConfigOf(locale)])),
      );
      expect(textSearchConfigOf('de-AT')).toBe('german');
      expect(textSearchConfigOf('ja')).toBe('simple');
    });

    it('finds English comments by their stem: ship finds shipping and shipped', async () => {
      await store.upsert([
        comment('Shipping was slow.', 2),
        comment('It shipped a week late.', 4),
        comment('The ships in the logo are cute.', 9),
        comment('Delivery was fine.', 8),
      ]);
      expect(await comments('q=ship')).toEqual([
        'It shipped a week late.',
        'Shipping was slow.',
        'The ships in the logo are cute.',
      ]);
      expect(await comments('q=shipped')).toHaveLength(3);
      expect(await comments('q=deliveries')).toEqual(['Delivery was fine.']);
    });

    it('finds German comments by their stem: Lieferung finds Lieferungen', async () => {
      await store.upsert([
        comment('Die Lieferungen kamen immer zu spät.', 2, { locale: 'de-AT' }),
        comment('Der Editor ist großartig.', 10, { locale: 'de' }),
        comment('Deliveries were late.', 3, { locale: 'en' }),
      ]);
      expect(await comments('q=Lieferung')).toEqual(['Die Lieferungen kamen immer zu spät.']);
      expect(await comments('q=lieferungen')).toEqual(['Die Lieferungen kamen immer zu spät.']);
      expect(await comments('q=Editoren')).toEqual(['Der Editor ist großartig.']);
    });

    it('finds words in languages without a stemmer as written (simple)', async () => {
      await store.upsert([comment('Dostawa była bardzo wolna.', 3, { locale: 'pl' })]);
      expect(await comments('q=Dostawa')).toEqual(['Dostawa była bardzo wolna.']);
      expect(await comments('q=dostawy')).toEqual([]);
    });

    it('reads q as a web search: a quoted phrase, or, and a minus', async () => {
      await store.upsert([
        comment('Slow shipping ruined it.', 2),
        comment('Shipping was slow.', 3),
        comment('Refunds take forever.', 1),
      ]);
      expect(await comments('q=' + encodeURIComponent('"slow shipping"'))).toEqual(['Slow shipping ruined it.']);
      expect(await comments('q=' + encodeURIComponent('refund or ruined'))).toEqual([
        'Refunds take forever.',
        'Slow shipping ruined it.',
      ]);
      expect(await comments('q=' + encodeURIComponent('shipping -ruined'))).toEqual(['Shipping was slow.']);
      // Only stop words: nothing to look for, so nothing is found.
      expect(await comments('q=the')).toEqual([]);
    });

    it('combines q with every other filter of the listing', async () => {
      const match = comment('Shipping was slow.', 2, { stage: 'checkout', userId: 'u1' }, T0 + DAY);
      await store.upsert([
        match,
        comment('Shipping was slow.', 9, { stage: 'checkout', userId: 'u1' }, T0 + DAY),
        comment('Shipping was slow.', 2, { stage: 'onboarded', userId: 'u1' }, T0 + DAY),
        comment('Shipping was slow.', 2, { stage: 'checkout', userId: 'u2' }, T0 + DAY),
        comment('Shipping was slow.', 2, { stage: 'checkout', userId: 'u1' }, T0 - 5 * DAY),
        comment('The editor was slow.', 2, { stage: 'checkout', userId: 'u1' }, T0 + DAY),
      ]);
      const reply = (await (
        await get(
          '/api/responses?q=shipping&stage=checkout&category=detractor&status=answered&hasComment=true' +
            '&userId=u1&from=2026-11-09&to=2026-11-12&followUp=open',
        )
      ).json()) as ResponsesReply;
      expect(reply.responses.map((response) => response.id)).toEqual([match.id]);
    });

    it('pages through the matches with the cursor, each once', async () => {
      await store.upsert(Array.from({ length: 7 }, (_, i) => comment(`Shipping problem number ${i}.`, 2)));
      await store.upsert([comment('The editor is great.', 10)]);
      const seen: string[] = [];
      for (let cursor = ''; ; ) {
        const page = (await (
          await get('/api/responses?q=ship&limit=3' + (cursor && '&cursor=' + cursor))
        ).json()) as ResponsesReply;
        seen.push(...page.responses.map((response) => response.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(new Set(seen).size).toBe(7);
      expect(seen).toHaveLength(7);
    });

    it('keeps the search current when a newer version changes the comment', async () => {
      const first = comment('Shipping was slow.', 2);
      await store.upsert([first]);
      await store.upsert([
        { ...first, comment: 'The editor crashed.', updatedAt: new Date(T0 + 60_000).toISOString() },
      ]);
      expect(await comments('q=shipping')).toEqual([]);
      expect(await comments('q=editor')).toEqual(['The editor crashed.']);
    });

    it('exports only the matching responses to CSV, and leaves the figures of the range alone', async () => {
      await store.upsert([comment('Shipping was slow.', 2), comment('The editor is great.', 10)]);
      const csv = await (await get('/api/export.csv?q=shipping')).text();
      expect(csv).toContain('Shipping was slow.');
      expect(csv).not.toContain('The editor is great.');
      expect(csv.trim().split('\r\n')).toHaveLength(2);
      const stats = (await (await get('/api/stats?q=shipping')).json()) as StatsReply;
      expect(stats.total).toBe(2);
    });

    it('refuses a q that is too long or holds a control character, naming q', async () => {
      for (const bad of ['x'.repeat(201), 'ship\u0007ping', 'ship\u0000']) {
        const res = await get('/api/responses?q=' + encodeURIComponent(bad));
        expect(res.status, JSON.stringify(bad)).toBe(400);
        expect(((await res.json()) as { error: string }).error).toMatch(/^q /);
      }
      expect((await get('/api/responses?q=' + 'x'.repeat(200))).status).toBe(200);
      expect((await get('/api/export.csv?q=' + 'x'.repeat(201))).status).toBe(400);
    });
  });
