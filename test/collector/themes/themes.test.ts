import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCollector, type Database, type ResponseStore } from '../../../src/collector-entry';
import type { ThemesReply, ThemeTerm } from '../../../src/core/api-types';
import { readThemes, type ThemesFilter } from '../../../src/collector/themes/read-themes';
import { DEFAULT_THEME_SETTINGS, type ThemeSettings } from '../../../src/collector/themes/theme-options';
import { themedRecords } from '../../helpers/themed-comments';
import { answered, DATABASES, dashboardFixture, freshStore, removeDashboardFixtures, shown } from '../fixtures';

// `GET /api/themes`: the terms detractors mention more than promoters (and the reverse) in a corpus
// whose themes are known: detractors write about shipping, promoters about the editor, both about
// the product and the app (test/helpers/themed-comments.ts).
const TOKEN = 'themes-token';
const dashboardDir = dashboardFixture();
afterAll(() => removeDashboardFixtures());

const termOf = (side: ThemeTerm[], term: string) => side.find((theme) => theme.term === term);

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('themes on ' + name, () => {
    let db: Database;
    let store: ResponseStore;
    beforeAll(async () => ({ db, store } = await freshStore(url)));
    afterAll(() => db.close());
    beforeEach(() => db.query('truncate nps_responses cascade'));

    const themes = (filter: Partial<ThemesFilter> = {}, settings: Partial<ThemeSettings> = {}) =>
      readThemes(db.query, { limit: 10, ...filter }, { ...DEFAULT_THEME_SETTINGS, ...settings });

    it('puts shipping on the detractors side and the editor on the promoters side', async () => {
      const records = themedRecords();
      await store.upsert(records);
      const reply = await themes();
      expect(reply).toMatchObject({
        comments: { detractors: 30, passives: 10, promoters: 30 },
        sampled: false,
        tooFew: false,
        minimum: { comments: 20, mentions: 5 },
      });
      const shipping = termOf(reply.detractors, 'ship');
      expect(shipping).toMatchObject({ text: 'shipping', counts: { detractors: 30, passives: 0, promoters: 0 } });
      expect(shipping?.z).toBeGreaterThanOrEqual(1.96);
      // The three newest detractors' responses (the corpus runs newest first).
      expect(shipping?.examples).toEqual(records.slice(0, 3).map((record) => record.id));
      const editor = termOf(reply.promoters, 'editor');
      expect(editor).toMatchObject({ text: 'editor', counts: { detractors: 0, passives: 0, promoters: 30 } });
      expect(editor?.z).toBeGreaterThanOrEqual(1.96);
      expect(editor?.examples).toEqual(records.slice(30, 33).map((record) => record.id));
      // Mentioned as often by both sides: on neither.
      for (const term of ['product', 'app'])
        expect([...reply.detractors, ...reply.promoters].map((theme) => theme.term)).not.toContain(term);
      for (const theme of [...reply.detractors, ...reply.promoters]) expect(theme.z).toBeGreaterThanOrEqual(1.96);
      expect(termOf(reply.promoters, 'ship')).toBeUndefined();
      expect(termOf(reply.detractors, 'editor')).toBeUndefined();
    });

    it('orders each side by z, and holds at most limit terms', async () => {
      await store.upsert(themedRecords());
      const { detractors } = await themes({ limit: 3 });
      expect(detractors).toHaveLength(3);
      const all = await themes({ limit: 50 });
      expect(all.detractors.slice(0, 3)).toEqual(detractors);
      const zs = all.detractors.map((theme) => theme.z);
      expect(zs).toEqual([...zs].sort((a, b) => b - a));
    });

    it('reports two-word phrases as written, and stop words never', async () => {
      await store.upsert(themedRecords());
      const { detractors } = await themes({ limit: 50 });
      expect(termOf(detractors, 'slow ship')).toMatchObject({ text: 'slow shipping', counts: { detractors: 10 } });
      // "The shipping was slow": no term is made of "the" or "was", and no phrase jumps over them.
      const words = detractors.flatMap((theme) => theme.term.split(' '));
      for (const stopWord of ['the', 'was', 'and', 'it']) expect(words).not.toContain(stopWord);
      expect(termOf(detractors, 'ship slow')).toBeUndefined();
    });

    it('does not report a term mentioned by fewer comments than the minimum, whatever its z', async () => {
      // 12 of the 30 detractors also want a refund; no promoter does.
      await store.upsert(themedRecords({ refunds: 12 }));
      const atMinimum = termOf((await themes({}, { minMentions: 12 })).detractors, 'refund');
      expect(atMinimum?.counts.detractors).toBe(12);
      expect(atMinimum?.z).toBeGreaterThanOrEqual(1.96);
      const belowMinimum = await themes({}, { minMentions: 13 });
      expect(termOf(belowMinimum.detractors, 'refund')).toBeUndefined();
      expect(termOf(belowMinimum.detractors, 'ship')).toBeDefined();
    });

    it('answers "too few comments" below the minimum per side, and names no term', async () => {
      await store.upsert(themedRecords({ detractors: 19, promoters: 40 }));
      expect(await themes()).toEqual({
        comments: { detractors: 19, passives: 10, promoters: 40 },
        sampled: false,
        tooFew: true,
        minimum: { comments: 20, mentions: 5 },
        detractors: [],
        promoters: [],
      } satisfies ThemesReply);
      expect((await themes({}, { minComments: 19 })).tooFew).toBe(false);
    });

    it('compares only the comments of the range, the stage and the segment value asked for', async () => {
      const newest = Date.parse('2026-11-23T10:00:00Z');
      await store.upsert(themedRecords({ newest, fields: { stage: 'checkout', traits: { plan: 'pro' } } }));
      // Elsewhere only promoters, who write about shipping: if they were counted, shipping would not stand out.
      await store.upsert(
        themedRecords({ detractors: 0, promoters: 30, passives: 0, newest, fields: { stage: 'onboarded' } }).map(
          (record) => ({ ...record, comment: 'Fast shipping, thank you.', traits: { plan: 'free' } }),
        ),
      );
      const checkout = await themes({ stage: 'checkout' });
      expect(checkout.comments).toEqual({ detractors: 30, passives: 10, promoters: 30 });
      expect(termOf(checkout.detractors, 'ship')).toBeDefined();
      const pro = await themes({ segment: 'plan', value: 'pro' });
      expect(pro.comments).toEqual(checkout.comments);
      expect(termOf(pro.detractors, 'ship')).toBeDefined();
      expect((await themes({ segment: 'plan', value: 'free' })).comments).toEqual({
        detractors: 0,
        passives: 0,
        promoters: 30,
      });
      // The ten newest days: ten detractors, too few.
      const lastTenDays = await themes({ stage: 'checkout', from: new Date(newest - 9.5 * 86_400_000) });
      expect(lastTenDays).toMatchObject({ comments: { detractors: 10, passives: 0, promoters: 0 }, tooFew: true });
    });

    it('compares only the newest sampleSize comments, and says there were more', async () => {
      await store.upsert(themedRecords());
      // The corpus runs newest first: 30 detractors, then 30 promoters, then 10 passives.
      const reply = await themes({}, { sampleSize: 40, minComments: 10 });
      expect(reply).toMatchObject({ comments: { detractors: 30, passives: 0, promoters: 10 }, sampled: true });
    });

    it('leaves out unanswered responses and records without a comment', async () => {
      await store.upsert(themedRecords());
      await store.upsert([{ ...shown(), comment: 'Shipping, shipping, shipping.' }, answered(shown(), 2)]);
      expect((await themes()).comments).toEqual({ detractors: 30, passives: 10, promoters: 30 });
    });

    it('shows a term as it was most often written, with capitals only when always written so', async () => {
      const records = themedRecords({ detractors: 25, promoters: 25, passives: 0 }).map((record, i) =>
        record.category === 'detractor'
          ? { ...record, locale: 'de', comment: i % 3 ? 'Die Lieferungen kamen zu spät.' : 'Lieferung kaputt.' }
          : record,
      );
      await store.upsert(records);
      const shipping = termOf((await themes()).detractors, 'liefer');
      expect(shipping).toMatchObject({ text: 'Lieferungen', counts: { detractors: 25 } });
    });

    it('reads how a term is written from its own side: detractors write price, newer passives pricing', async () => {
      const records = themedRecords({ detractors: 25, promoters: 25, passives: 10 }).map((record, i) => {
        if (record.category === 'detractor') return { ...record, comment: 'Price too high.' };
        if (record.category === 'promoter') return record;
        const newer = new Date(Date.parse('2026-12-01T00:00:00Z') + i * 60_000).toISOString();
        return { ...record, comment: 'Pricing is unclear.', shownAt: newer, answeredAt: newer, updatedAt: newer };
      });
      await store.upsert(records);
      const price = termOf((await themes()).detractors, 'price');
      expect(price).toMatchObject({ text: 'price', counts: { detractors: 25, passives: 10, promoters: 0 } });
    });

    it('answers GET /api/themes with the filters of the query string, and 400 for ones it cannot use', async () => {
      await store.upsert(themedRecords({ fields: { stage: 'checkout', traits: { plan: 'pro' } } }));
      const handle = createCollector({ store, dashboardToken: TOKEN, dashboardDir, log: () => {} });
      const get = (query: string) =>
        handle(new Request('http://127.0.0.1/api/themes' + query, { headers: { authorization: 'Bearer ' + TOKEN } }));
      const reply = (await (await get('?stage=checkout&segment=plan&value=pro&limit=2')).json()) as ThemesReply;
      expect(reply.detractors).toHaveLength(2);
      expect(reply.comments.detractors).toBe(30);
      expect((await get('')).status).toBe(200);
      for (const [query, named] of [
        ['?value=pro', 'value'],
        ['?limit=51', 'limit'],
        ['?limit=0', 'limit'],
        ['?from=2026-02-30', 'from'],
        ['?segment=plan&value=' + 'x'.repeat(201), 'value'],
        ['?segment=plan&value=a%07b', 'value'],
      ]) {
        const res = await get(query);
        expect(res.status, query).toBe(400);
        expect(((await res.json()) as { error: string }).error, query).toMatch(new RegExp(`^${named}\\b`));
      }
      expect((await handle(new Request('http://127.0.0.1/api/themes'))).status).toBe(401);
    });
  });
