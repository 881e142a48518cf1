import { describe, expect, it } from 'vitest';
import { createPagedList } from '../../src/dashboard/paged-list';
import { createRemoteValue } from '../../src/dashboard/remote-value';
import type { ResponsesReply } from '../../src/core/api-types';
import { answer } from './dashboard-fixtures';

/** A promise resolved from outside, to answer requests in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('replies that arrive out of order', () => {
  it('keep the latest request’s value, not the latest reply’s', async () => {
    const remote = createRemoteValue<string>();
    const slow = deferred<string>(),
      fast = deferred<string>();
    const first = remote.load(() => slow.promise);
    const second = remote.load(() => fast.promise);
    fast.resolve('new filters');
    await second;
    slow.resolve('old filters');
    await first;
    expect(remote.value.value).toBe('new filters');
    expect(remote.loading.value).toBe(false);
  });

  it('a reload drops a "Show more" page that was still on its way', async () => {
    const pages = [deferred<ResponsesReply>(), deferred<ResponsesReply>(), deferred<ResponsesReply>()];
    let call = 0;
    const list = createPagedList(() => pages[call++].promise);
    const one = answer(9),
      two = answer(3),
      three = answer(5);
    const firstLoad = list.reload();
    pages[0].resolve({ responses: [one], nextCursor: 'c1' });
    await firstLoad;
    const more = list.more();
    const reload = list.reload();
    pages[2].resolve({ responses: [three], nextCursor: null });
    await reload;
    pages[1].resolve({ responses: [two], nextCursor: 'c2' });
    await more;
    expect(list.items.value.map((r) => r.id)).toEqual([three.id]);
    expect(list.nextCursor.value).toBeNull();
  });
});
