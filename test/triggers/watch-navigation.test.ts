import { describe, expect, it } from 'vitest';
import { watchNavigation, type HistoryLike, type NavigationHost } from '../../src/triggers/watch-navigation';
import { fakePage, otherLibraryWrapper, prototypeHistory } from '../helpers/trigger-fakes';
import { tick } from '../helpers/wait';

/** Starts a watcher that records the pathname at each notification. */
const record = (page: ReturnType<typeof fakePage>, host: NavigationHost = page) => {
  const seen: string[] = [];
  const stop = watchNavigation(() => seen.push(page.location.pathname), host);
  return { seen, stop };
};

describe('watchNavigation with the Navigation API', () => {
  it('listens to currententrychange and leaves history alone', async () => {
    const page = fakePage({ navigationApi: true });
    const { pushState } = page.history;
    const { seen, stop } = record(page);
    expect(page.history.pushState).toBe(pushState);
    page.history.pushState(null, '', '/projects');
    page.traverse('/');
    page.followHash('#/team');
    expect(seen).toEqual(['/projects', '/', '/']);
    stop();
    page.history.pushState(null, '', '/billing');
    await tick();
    expect(seen).toHaveLength(3);
  });
});

describe('watchNavigation with wrapped history', () => {
  it('is told about pushState, replaceState, back/forward and hash changes, after the URL changed', async () => {
    const page = fakePage();
    const { seen } = record(page);
    page.history.pushState({ id: 1 }, '', '/projects/1');
    await tick();
    page.history.replaceState(null, '', '/projects/2');
    await tick();
    page.traverse('/projects/1');
    page.followHash('#section');
    expect(seen).toEqual(['/projects/1', '/projects/2', '/projects/1', '/projects/1']);
  });

  it('is transparent: every argument, `this` and the return value pass through', () => {
    const page = fakePage();
    record(page);
    const url = new URL('https://app.example/x');
    expect(page.history.pushState({ a: 1 }, 'title', url)).toBe('pushed');
    const other = { name: 'another this' };
    page.history.replaceState.call(other, 'state', '', '/y');
    expect(page.history.calls).toEqual([
      { method: 'pushState', self: page.history, args: [{ a: 1 }, 'title', url] },
      { method: 'replaceState', self: other, args: ['state', '', '/y'] },
    ]);
  });

  it('an error from the original reaches the caller and notifies nobody', async () => {
    const page = fakePage();
    const { seen } = record(page);
    expect(() => page.history.pushState(null, '', 'http://[bad')).toThrow();
    await tick();
    expect(seen).toEqual([]);
  });

  it('wraps once for several watchers and restores the original when the last one stops', async () => {
    const page = fakePage();
    const { pushState, replaceState } = page.history;
    const first = record(page);
    const wrapped = page.history.pushState;
    const second = record(page);
    expect(page.history.pushState).toBe(wrapped);
    page.history.pushState(null, '', '/a');
    await tick();
    expect(page.history.calls).toHaveLength(1);
    expect([first.seen, second.seen]).toEqual([['/a'], ['/a']]);
    first.stop();
    page.history.pushState(null, '', '/b');
    await tick();
    expect([first.seen, second.seen]).toEqual([['/a'], ['/a', '/b']]);
    expect(page.history.pushState).toBe(wrapped);
    second.stop();
    expect(page.history.pushState).toBe(pushState);
    expect(page.history.replaceState).toBe(replaceState);
  });

  it('notifies in a microtask, so calls made together are seen once the URL has settled', async () => {
    const page = fakePage();
    const { seen } = record(page);
    page.history.pushState(null, '', '/a');
    page.history.replaceState(null, '', '/b');
    expect(seen).toEqual([]);
    await tick();
    expect(seen).toEqual(['/b', '/b']);
  });

  it('a watcher stopped between a pushState and its notification is not called', async () => {
    const page = fakePage();
    const { seen, stop } = record(page);
    page.history.pushState(null, '', '/a');
    stop();
    await tick();
    expect(seen).toEqual([]);
  });

  it('stops listening to popstate and hashchange on stop', () => {
    const page = fakePage();
    const { seen, stop } = record(page);
    stop();
    page.traverse('/back');
    page.followHash('#x');
    expect(seen).toEqual([]);
  });

  it('restores a prototype method by removing its own property, so History.prototype shows through again', () => {
    const history = prototypeHistory();
    const page = fakePage();
    const stop = watchNavigation(() => {}, { ...page, history });
    expect(Object.hasOwn(history, 'pushState')).toBe(true);
    history.pushState(null, '');
    stop();
    expect(Object.hasOwn(history, 'pushState')).toBe(false);
    expect(Object.hasOwn(history, 'replaceState')).toBe(false);
    history.pushState(null, '');
    expect(history.calls).toBe(2);
  });
});

describe('watchNavigation next to another library that wraps history', () => {
  it('wrapped before ours: both run, and stop puts back theirs, not the original', async () => {
    const page = fakePage();
    const library = otherLibraryWrapper(page.history);
    const theirs = page.history.pushState;
    const { seen, stop } = record(page);
    page.history.pushState(null, '', '/a');
    await tick();
    expect([library.calls, page.history.calls.length, seen]).toEqual([1, 1, ['/a']]);
    stop();
    expect(page.history.pushState).toBe(theirs);
    page.history.pushState(null, '', '/b');
    await tick();
    expect([library.calls, page.history.calls.length, seen]).toEqual([2, 2, ['/a']]);
  });

  it('wrapped after ours: stop leaves theirs in place, ours stays as a silent pass-through and is reused', async () => {
    const page = fakePage();
    const first = record(page);
    const library = otherLibraryWrapper(page.history);
    const theirs = page.history.pushState;
    page.history.pushState(null, '', '/a');
    await tick();
    expect([library.calls, first.seen]).toEqual([1, ['/a']]);

    first.stop();
    expect(page.history.pushState).toBe(theirs);
    page.history.pushState(null, '', '/b');
    await tick();
    expect([library.calls, page.history.calls.length, first.seen]).toEqual([2, 2, ['/a']]);

    // A new watcher reuses our wrapper under theirs instead of stacking a second one on top.
    const second = record(page);
    expect(page.history.pushState).toBe(theirs);
    page.history.pushState(null, '', '/c');
    await tick();
    expect([library.calls, page.history.calls.length, second.seen]).toEqual([3, 3, ['/c']]);
    second.stop();

    // They unwrap (putting back ours, which they had found): still a working pass-through.
    library.unwrap();
    page.history.pushState(null, '', '/d');
    await tick();
    expect([page.history.calls.length, page.location.pathname, first.seen, second.seen]).toEqual([
      4,
      '/d',
      ['/a'],
      ['/c'],
    ]);
  });

  it('each method is restored on its own: a library that wrapped only replaceState keeps it', async () => {
    const page = fakePage();
    const { pushState } = page.history;
    const { seen, stop } = record(page);
    const ours = page.history.replaceState;
    const theirs: HistoryLike['replaceState'] = function (this: unknown, ...args) {
      return ours.apply(this, args);
    };
    page.history.replaceState = theirs;
    stop();
    expect(page.history.pushState).toBe(pushState);
    expect(page.history.replaceState).toBe(theirs);
    const again = record(page);
    page.history.replaceState(null, '', '/r');
    await tick();
    page.history.pushState(null, '', '/p');
    await tick();
    expect([seen, again.seen]).toEqual([[], ['/r', '/p']]);
  });
});
