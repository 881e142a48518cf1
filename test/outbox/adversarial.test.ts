// Findings of the adversarial review, each with the test that failed before its fix: redirects,
// unbounded Retry-After, the Referer, a fetch that drops the AbortSignal, and hostile host pages.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DELIVERY_STATE } from '../../src/outbox/envelope';
import { type fakeBus, fakeHost, fakeLocks, makeRecord, present } from '../helpers/outbox-fakes';
import { T0, advance, id, queued, setup } from '../helpers/outbox-setup';
import { idle } from '../helpers/wait';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

const HOUR = 3600_000;

describe('redirects are failures, not deliveries', () => {
  it.each([
    [
      'an opaque redirect (redirect: manual)',
      { type: 'opaqueredirect', status: 0, redirected: false, url: '' },
      'a redirect',
    ],
    [
      'a followed redirect ending in a 200 page',
      { type: 'basic', status: 200, redirected: true, url: 'https://sso.example/login' },
      'a redirect to https://sso.example/login',
    ],
  ])('%s: kept, retried, and the error names the redirect', async (_, response, named) => {
    let redirects = 1;
    const { outbox, server, errors, store } = setup({
      fetch: async (...a) => {
        if (redirects-- > 0)
          return { ...response, headers: new Headers(), text: async () => '<html>login</html>' } as unknown as Response;
        return server.fetch(...a);
      },
    });
    await outbox.put(makeRecord(id(1), T0));
    await idle();
    expect(await queued(store)).toHaveLength(1);
    expect(errors.map((e) => e.message)).toEqual([
      `nps: send failed (the endpoint answered with ${named} (HTTP ${response.status}); redirects are not followed)`,
    ]);
    await advance(2_000);
    expect(server.stored.size).toBe(1);
    expect(await queued(store)).toEqual([]);
    expect(present(server.requests[0]).init.redirect).toBe('manual');
  });
});

describe('Retry-After is capped at one hour', () => {
  it.each([
    ['delay-seconds', '99999999999'],
    ['an HTTP-date', 'Fri, 31 Dec 9999 23:59:59 GMT'],
  ])('a huge value in %s waits one hour, and the stored state holds the cap', async (_, value) => {
    const { outbox, server, store } = setup();
    server.next({ kind: 'status', status: 503, retryAfter: value });
    await outbox.put(makeRecord(id(1), T0));
    await idle();
    expect(await store.get(DELIVERY_STATE)).toMatchObject({ retryAfterUntil: T0 + HOUR });
    await advance(HOUR - 60_000, 60_000);
    expect(server.requests).toHaveLength(1);
    await advance(120_000, 1000);
    expect(server.stored.size).toBe(1);
  });

  it('a far-future state stored by an older version heals: capped in storage, delivery within the hour', async () => {
    const { make, server, store } = setup();
    await store.set('o:meta', { a: 3, b: T0 + 10 * HOUR, w: Date.parse('9999-12-31T23:59:59Z') });
    const o = make();
    await o.put(makeRecord(id(1), T0));
    await idle();
    expect(await store.get(DELIVERY_STATE)).toEqual({
      failedAttempts: 3,
      throttled: 0,
      backoffUntil: T0 + 300_000,
      retryAfterUntil: T0 + HOUR,
    });
    await advance(HOUR + 60_000, 60_000);
    expect(server.stored.size).toBe(1);
    o.close();
  });
});

it('requests carry no Referer (referrerPolicy no-referrer) and no cookies', async () => {
  const { outbox, server } = setup();
  await outbox.put(makeRecord(id(1), T0));
  await idle();
  expect(present(server.requests[0]).init).toMatchObject({ referrerPolicy: 'no-referrer', credentials: 'omit' });
});

it('the timeout holds when the page’s fetch drops the AbortSignal, and the Web Lock is released', async () => {
  const locks = fakeLocks();
  const page = fakeHost({ navigator: { locks: locks.forTab('a') } });
  let calls = 0;
  const { outbox, server, errors } = setup(
    // A wrapper that loses the signal: the first request would hang forever.
    {
      fetch: (url, init) =>
        calls++ ? server.fetch(url, { ...init, signal: undefined }) : new Promise<Response>(() => {}),
    },
    page,
  );
  await outbox.put(makeRecord(id(1), T0));
  await advance(9_900);
  expect(errors).toEqual([]);
  await advance(200);
  expect(errors.map((e) => e.message)).toEqual(['nps: send failed (Error: no reply within 10000 ms)']);
  // The lock is free again: another tab gets it at once.
  let granted = false;
  await locks.forTab('b').request('nps-outbox', { ifAvailable: true }, async (lock) => {
    granted = !!lock;
  });
  expect(granted).toBe(true);
  await advance(2_000);
  expect(server.stored.size).toBe(1);
});

describe('a hostile or careless host page', () => {
  it('navigator.locks.request that never calls back: lease-only mode after 2 s, still delivered', async () => {
    const never = { request: () => new Promise<never>(() => {}) } as unknown as Pick<LockManager, 'request'>;
    const { outbox, server, errors } = setup({}, fakeHost({ navigator: { locks: never } }));
    await outbox.put(makeRecord(id(1), T0));
    await advance(1_900);
    expect(server.requests).toHaveLength(0);
    await advance(200);
    expect(server.stored.size).toBe(1);
    expect(errors).toEqual([]);
    // Later sends do not wait again.
    await outbox.put(makeRecord(id(2), T0));
    await idle();
    expect(server.stored.size).toBe(2);
  });

  it('navigator.locks.request that throws: lease-only mode at once', async () => {
    const throwing = {
      request: () => {
        throw new TypeError('locks are broken');
      },
    } as unknown as Pick<LockManager, 'request'>;
    const { outbox, server, errors } = setup({}, fakeHost({ navigator: { locks: throwing } }));
    await outbox.put(makeRecord(id(1), T0));
    await idle();
    expect(server.stored.size).toBe(1);
    expect(errors).toEqual([]);
  });

  it.each([
    [
      'whose constructor throws',
      () => {
        throw new DOMException('nope', 'SecurityError');
      },
    ],
    [
      'whose postMessage throws',
      function (this: { postMessage: () => void; close: () => void }) {
        this.postMessage = () => {
          throw new DOMException('nope', 'DataCloneError');
        };
        this.close = () => {};
      },
    ],
  ])('a BroadcastChannel %s: no throw, still delivered', async (_, Channel) => {
    const { outbox, server, errors } = setup(
      {},
      fakeHost({ BroadcastChannel: Channel as unknown as ReturnType<typeof fakeBus>['Channel'] }),
    );
    await expect(outbox.put(makeRecord(id(1), T0))).resolves.toBeUndefined();
    await idle();
    expect(server.stored.size).toBe(1);
    expect(errors).toEqual([]);
    outbox.close();
  });

  it('Array.prototype.map patched to throw: still delivered, the outbox never calls it', async () => {
    const map = Array.prototype.map;
    let outboxCalls = 0;
    const { make, server, errors, page } = setup();
    // It throws for calls made from the outbox's code; the test runner, which shares this realm
    // and needs map meanwhile, keeps the real one.
    Array.prototype.map = function (this: unknown[], ...args: Parameters<typeof map>) {
      if (/[\\/]src[\\/]outbox[\\/]/.test(new Error().stack ?? '')) {
        outboxCalls++;
        throw new Error('map is broken by the page');
      }
      return map.apply(this, args);
    } as typeof map;
    try {
      const outbox = make();
      await outbox.put(makeRecord(id(1), T0));
      await idle();
      page.hide();
      outbox.close();
    } finally {
      Array.prototype.map = map;
    }
    expect(outboxCalls).toBe(0);
    expect(server.stored.size).toBe(1);
    expect(errors).toEqual([]);
  });
});
