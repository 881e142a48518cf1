import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCollector, type Database, type ResponseStore } from '../../../src/collector-entry';
import type { ResponseRecord } from '../../../src/core/wire';
import { answered, batch, dashboardFixture, freshStore, removeDashboardFixtures, shown } from '../fixtures';

// A device whose clock runs 10 minutes fast: every time it sends, sentAt included, is 10 minutes ahead.
const ORIGIN = 'http://127.0.0.1:5173';
const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const MINUTE = 60_000;
const FAST = 10 * MINUTE;
// Up to 5 minutes ahead is stored as sent: a device 10 minutes fast has its times moved back 5.
const STILL_AHEAD = 5 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

let db: Database;
let store: ResponseStore;
let clock = NOW;
let handle: ReturnType<typeof createCollector>;
const dashboardDir = dashboardFixture();
beforeAll(async () => {
  ({ db, store } = await freshStore());
});
afterAll(async () => {
  await db.close();
  removeDashboardFixtures();
});
// A collector per test: its rate limiter must never see the clock go back.
beforeEach(async () => {
  clock = NOW;
  await db.query('truncate nps_responses cascade');
  handle = createCollector({
    store,
    dashboardToken: 'clock-skew-token',
    dashboardDir,
    now: () => clock,
    log: () => {},
  });
});
afterEach(() => handle.close());

/** Posts `records` at server time `at`, from a device whose clock is `ahead` ms fast (its sentAt says so); answers the refusals. */
async function send(records: ResponseRecord[], at: number, ahead: number) {
  clock = at;
  const body = JSON.stringify({ v: 1, sentAt: iso(at + ahead), responses: records });
  const res = await handle(
    new Request(ORIGIN + '/api/nps', { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { rejected: unknown[] }).rejected;
}
const sendFromFastDevice = (records: ResponseRecord[], at: number) => send(records, at, FAST);

describe('a device whose clock runs fast', () => {
  // Shown at 11:58 and scored at 11:59 on the server's clock; the comment follows at 12:01.
  const score = answered(shown({}, NOW - 2 * MINUTE + FAST), 3, {
    answeredAt: iso(NOW - MINUTE + FAST),
    updatedAt: iso(NOW - MINUTE + FAST),
  });
  const comment = { ...score, comment: 'Too slow', updatedAt: iso(NOW + MINUTE + FAST) };

  it('has its answers stored, with their times moved onto the server clock', async () => {
    expect(await sendFromFastDevice([score], NOW)).toEqual([]);
    expect(await store.get(score.id)).toMatchObject({
      status: 'answered',
      shownAt: iso(NOW - 2 * MINUTE + STILL_AHEAD),
      answeredAt: iso(NOW - MINUTE + STILL_AHEAD),
      updatedAt: iso(NOW - MINUTE + STILL_AHEAD),
    });
  });

  it('keeps its versions in order, whichever arrives first', async () => {
    expect(await sendFromFastDevice([score], NOW)).toEqual([]);
    expect(await sendFromFastDevice([comment], NOW + 2 * MINUTE)).toEqual([]);
    expect(await store.get(score.id)).toMatchObject({
      comment: 'Too slow',
      updatedAt: iso(NOW + MINUTE + STILL_AHEAD),
    });
    // A resend of the score, arriving late (a page-hide send racing a normal one), replaces nothing.
    expect(await sendFromFastDevice([score], NOW + 3 * MINUTE)).toEqual([]);
    expect(await store.get(score.id)).toMatchObject({
      comment: 'Too slow',
      updatedAt: iso(NOW + MINUTE + STILL_AHEAD),
    });
  });

  it('keeps its versions in order right at the limit, when one request is a little faster than the other', async () => {
    // 5 min 0.2 s fast: the score's request takes 300 ms (4:59.9 ahead on arrival), the comment's,
    // 15 s later, 100 ms (5:00.1 ahead). An all-or-nothing correction would move only the comment, by 5 minutes.
    const edge = 5 * MINUTE + 200;
    const scored = answered(shown({}, NOW + edge - MINUTE), 9, {
      answeredAt: iso(NOW + edge),
      updatedAt: iso(NOW + edge),
    });
    const commented = { ...scored, comment: 'Quick', updatedAt: iso(NOW + 15_000 + edge) };
    expect(await send([scored], NOW + 300, edge - 300)).toEqual([]);
    expect(await send([commented], NOW + 15_100, edge - 100)).toEqual([]);
    expect(await store.get(scored.id)).toMatchObject({ comment: 'Quick' });
  });

  it('clamps to the receive time what is still far ahead, and a later version replaces it', async () => {
    // Made while the clock was a day fast, sent after it was corrected (sentAt is right).
    const dayAhead = answered(shown({}, NOW + 24 * 60 * MINUTE), 9);
    expect(await send([dayAhead], NOW, 0)).toEqual([]);
    expect(await store.get(dayAhead.id)).toMatchObject({
      shownAt: iso(NOW),
      answeredAt: iso(NOW),
      updatedAt: iso(NOW),
    });
    expect(await send([{ ...dayAhead, comment: 'Fine', updatedAt: iso(NOW + MINUTE) }], NOW + MINUTE, 0)).toEqual([]);
    expect(await store.get(dayAhead.id)).toMatchObject({ comment: 'Fine', updatedAt: iso(NOW + MINUTE) });
  });
});

describe('times a client chose', () => {
  const post = (body: unknown) =>
    handle(
      new Request(ORIGIN + '/api/nps', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      { clientAddress: 'c1' },
    );
  const rejectedOf = async (res: Response) =>
    ((await res.json()) as { rejected: { id: string; error: string }[] }).rejected;

  // Refusing these lost every answer of a device whose clock runs fast: they are stored on the server's clock instead.
  it('stores a version dated more than a few minutes past the server clock at the receive time, where a later version still replaces it', async () => {
    const pinned = answered(shown(), 10, { updatedAt: '9999-12-31T00:00:00Z' });
    const skewed = answered(shown(), 9, { updatedAt: iso(NOW + 4 * 60_000) });
    const good = shown();
    expect(await rejectedOf(await post(batch([pinned, skewed, good])))).toEqual([]);
    expect(await store.get(pinned.id)).toMatchObject({ updatedAt: iso(NOW) });
    expect(await store.get(skewed.id)).toMatchObject({ updatedAt: iso(NOW + 4 * 60_000) });
    clock = NOW + 60_000;
    await post(batch([{ ...pinned, comment: 'Later', updatedAt: iso(clock) }]));
    expect(await store.get(pinned.id)).toMatchObject({ comment: 'Later', updatedAt: iso(clock) });
  });

  it('clamps shownAt or answeredAt more than a few minutes past the server clock to the receive time; within a few minutes they stay', async () => {
    const futureAnswer = answered(shown({ shownAt: iso(NOW - 60_000) }), 2, {
      answeredAt: iso(NOW + 60 * 60_000),
      updatedAt: iso(NOW),
    });
    const futureShown = shown({ shownAt: '2027-06-01T00:00:00Z', updatedAt: iso(NOW) });
    const withinSkew = answered(shown({ shownAt: iso(NOW + 2 * 60_000) }), 9, {
      answeredAt: iso(NOW + 4 * 60_000),
      updatedAt: iso(NOW + 4 * 60_000),
    });
    expect(await rejectedOf(await post(batch([futureAnswer, futureShown, withinSkew])))).toEqual([]);
    expect(await store.get(futureAnswer.id)).toMatchObject({ shownAt: iso(NOW - 60_000), answeredAt: iso(NOW) });
    expect(await store.get(futureShown.id)).toMatchObject({ shownAt: iso(NOW) });
    expect(await store.get(withinSkew.id)).toMatchObject({
      shownAt: iso(NOW + 2 * 60_000),
      answeredAt: iso(NOW + 4 * 60_000),
    });
  });

  it('refuses by itself a record whose offset makes it year 10000 in UTC; the rest of the batch is stored', async () => {
    const good = Array.from({ length: 10 }, () => shown());
    const far = shown({ shownAt: '9999-12-31T23:59:59-00:01', updatedAt: '9999-12-31T23:59:59-00:01' });
    const res = await post(batch([...good.slice(0, 5), far, ...good.slice(5)]));
    expect(res.status).toBe(200);
    expect((await rejectedOf(res)).map((r) => r.id)).toEqual([far.id]);
    expect(await store.count()).toBe(10);
  });
});
