// Page hide in a real browser: an answer given just before the tab closes arrives through the
// keepalive request sent on pagehide, before any page of the site is opened again.
import { expect, it } from 'vitest';
import { defined } from '../helpers/defined';
import { until, useOutboxHarness } from '../helpers/outbox-browser';

const h = useOutboxHarness();

it('an answer given just before the tab closes arrives by keepalive, with no page reopened', async () => {
  // The first request (the 'shown' version) hangs: the regular loop is busy until its 10 s timeout,
  // so only the page-hide request can carry the answer out in time.
  const first = h.c.requests.length;
  h.c.answer((n) => (n === first + 1 ? 'hang' : { status: 200 }));
  const page = await h.open();
  const id = await h.answer(page, 10, 'Closing the tab now');
  await until(() => h.c.requests.length > first, 5_000, 'the hanging request');
  expect(h.c.stored.has(id)).toBe(false);
  const pagesBefore = h.context.pages().length;
  const closedAt = Date.now();
  await page.close();
  // Only the collector is checked from here on: no page of the site is opened again.
  await until(() => h.c.stored.get(id)?.comment === 'Closing the tab now', 10_000, 'the keepalive arrival');
  const arrival = defined(
    h.c.requests.find((r) => r.body.responses.some((x) => x.id === id && x.comment === 'Closing the tab now')),
    'the request that carried the answer',
  );
  expect(arrival.at).toBeGreaterThanOrEqual(closedAt);
  expect(h.c.stored.get(id)).toMatchObject({ status: 'answered', score: 10 });
  expect(h.context.pages().length).toBe(pagesBefore - 1);
  h.c.releaseHanging();
}, 40_000);
