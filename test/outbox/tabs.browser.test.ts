import { expect, it } from 'vitest';
import { until, useOutboxHarness } from '../helpers/outbox-browser';

const h = useOutboxHarness();

it('three tabs with a shared backlog: one tab sends at a time, each id stored once', async () => {
  // Slow answers, so two tabs sending at once would overlap at the collector.
  h.c.answer(() => ({ status: 200, delayMs: 250 }));
  const tabs = await Promise.all([h.open(), h.open(), h.open()]);
  await Promise.all(tabs.map((t) => h.warmedUp(t)));
  await h.context.setOffline(true);
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) for (const t of tabs) ids.push(await h.record(t));
  expect(new Set(await h.queued(tabs[0]))).toEqual(new Set(ids.map((id) => `record:${id}`)));
  await h.context.setOffline(false);
  await until(() => ids.every((id) => h.c.stored.get(id)?.status === 'dismissed'), 20_000, 'every id delivered');
  await until(async () => !(await h.queued(tabs[0])).length, 5_000, 'empty queue');
  // Then all three tabs write at once while the collector is slow: many requests, still one at a time.
  const before = h.c.requests.length;
  for (let round = 0; round < 4; round++) ids.push(...(await Promise.all(tabs.map((t) => h.record(t)))));
  await until(() => ids.every((id) => h.c.stored.get(id)?.status === 'dismissed'), 20_000, 'every id delivered');
  await until(async () => !(await h.queued(tabs[0])).length, 5_000, 'empty queue');
  expect(h.c.requests.length - before).toBeGreaterThanOrEqual(2);
  expect(h.c.maxInFlight).toBe(1);
  expect(h.c.stored.size).toBe(ids.length);
  const sent = h.c.requests.flatMap((r) => r.ids);
  console.log(
    `three tabs: ${ids.length} records, ${h.c.requests.length} requests, ${sent.length} deliveries, ${h.c.duplicates} duplicates`,
  );
  for (const t of tabs) await t.close();
});
