// Erasure sticks, seen from the widget: a user is erased while their answer is still queued in the
// browser (the collector stored it, but the reply was lost); the outbox sends it again, the real
// collector refuses it as `erased`, and the widget drops it for good: nothing re-created, no alert,
// no dead letter, no `record-rejected` event. An answer given after the erasure is stored.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startReceiver } from '../helpers/alerts-receiver';
import { useBrowserSession } from '../helpers/browser-session';
import { startTestCollector } from '../helpers/collector-route';
import { answerLikeAUser as answer, storedWidgetKeys, until } from '../helpers/outbox-browser';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><script src="/dist/nps.js"></script>
<script>
  window.events = [];
  nps.init({ endpoint: '/api/nps', product: 'Acme' });
  nps.identify('erin');
  nps.on('error', (e) => events.push({ code: e.code, details: e.details }));
  nps.on('delivered', (e) => events.push({ code: 'delivered', details: e.ids }));
</script></head><body><h1>Acme</h1></body></html>`;

type Win = {
  nps: { show(o: object): Promise<{ id: string }>; flush(): Promise<{ delivered: number; pending: number }> };
  events: { code: string; details: unknown }[];
};

const receiver = await startReceiver();
const collector = await startTestCollector({ webhooks: [{ url: receiver.url }] });
const session = useBrowserSession({ routes: [collector.route] });
beforeAll(() => session.server.page('/app.html', PAGE));
afterAll(async () => {
  await collector.close();
  await receiver.close();
});

/** The widget's stored keys of queued records and dead letters. */
const storedKeys = async (page: Page) =>
  (await storedWidgetKeys(page)).filter((key) => /^(record|dead-letter):/.test(key));

const rowsOf = async (table: string, column: string, id: string) =>
  Number((await collector.db.query(`select count(*)::int as n from ${table} where ${column} = $1`, [id])).rows[0]?.n);

it('the outbox resending an erased answer re-creates nothing and drops it; a new answer is stored', async () => {
  const page = await session.open('/app.html');
  // The replies are lost: the collector stores each version, the widget keeps them queued.
  collector.state.dropReplies = true;
  const id = await answer(page, 2, 'Please delete my data');
  await until(
    async () =>
      (await collector.db.query(`select comment from nps_responses where id = $1`, [id])).rows[0]?.comment ===
      'Please delete my data',
    20_000,
    'the answer stored',
  );
  expect(await storedKeys(page)).toContain(`record:${id}`);
  expect(await rowsOf('nps_alerts', 'response_id', id)).toBe(1);

  const erased = await collector.api(`/api/users?userId=erin`, { method: 'DELETE' });
  expect(await erased.json()).toEqual({ deleted: 1 });
  const sentBefore = collector.exchanges.length;
  collector.state.dropReplies = false;

  // The outbox sends it again (now, rather than after its backoff): refused as erased, dropped.
  await page.evaluate(() => (window as unknown as Win).nps.flush());
  await until(async () => !(await storedKeys(page)).length, 20_000, 'the queue emptied');
  const resent = collector.exchanges.slice(sentBefore).filter((e) => e.ids.includes(id));
  expect(resent.length).toBeGreaterThan(0);
  expect(resent.every((e) => e.reply.rejected?.some((r) => r.id === id && r.error === 'erased'))).toBe(true);
  expect(await rowsOf('nps_responses', 'id', id)).toBe(0);
  expect(await rowsOf('nps_alerts', 'response_id', id)).toBe(0);
  const events = await page.evaluate(() => (window as unknown as Win).events);
  expect(events.filter((e) => e.code === 'record-rejected')).toEqual([]);
  expect(events.filter((e) => e.code === 'delivered').flatMap((e) => e.details as string[])).not.toContain(id);
  // Nothing is kept aside as a dead letter, and nothing more is sent.
  expect(await storedKeys(page)).toEqual([]);
  const settled = collector.exchanges.length;
  await page.evaluate(() => (window as unknown as Win).nps.flush());
  expect(collector.exchanges.length).toBe(settled);

  // Answering again after the erasure is new consent: stored, with its alert.
  const again = await answer(page, 9, 'Fixed now, thanks');
  await until(async () => (await rowsOf('nps_responses', 'id', again)) === 1, 20_000, 'the new answer stored');
  await until(async () => !(await storedKeys(page)).length, 20_000, 'the new answer confirmed');
  const history = (await (await collector.api('/api/users?userId=erin')).json()) as { responses: { id: string }[] };
  expect(history.responses.map((r) => r.id)).toEqual([again]);
});
