// Offline in a real browser: while Chromium reports itself offline the outbox attempts no request
// and reports nothing (no error event, no console error); back online, the answer is delivered once.
import { expect, it } from 'vitest';
import { until, useOutboxHarness } from '../helpers/outbox-browser';

const h = useOutboxHarness();

it('offline → answer → no request attempted and no error for 10 s → online → delivered once', async () => {
  const page = await h.open();
  const attempts: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (r) => r.url().includes('/api/nps') && attempts.push(r.method()));
  // The test server has no favicon: its 404 is the page's, not the widget's.
  page.on(
    'console',
    (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && consoleErrors.push(m.text()),
  );
  // The prompt module loads on idle after init (a visitor who is not throttled); offline before that,
  // no prompt could show at all, which is another test's subject.
  await h.warmedUp(page);
  await h.context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  const id = await h.answer(page, 9, 'Works offline too');
  expect(await h.queued(page)).toContain(`record:${id}`);
  await new Promise((r) => setTimeout(r, 10_000));
  expect(attempts).toEqual([]);
  expect(consoleErrors).toEqual([]);
  expect((await h.events(page)).filter((e) => e.type === 'error')).toEqual([]);
  await h.context.setOffline(false);
  await until(() => h.c.stored.get(id)?.comment === 'Works offline too', 5_000, 'delivery after online');
  await until(async () => !(await h.queued(page)).length, 5_000, 'empty queue');
  expect(h.c.requests.filter((r) => r.ids.includes(id))).toHaveLength(1);
  expect(h.c.duplicates).toBe(0);
  expect((await h.events(page)).filter((e) => e.type === 'error')).toEqual([]);
  await page.close();
}, 40_000);
