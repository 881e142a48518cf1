// A show() is called off between its decision and its prompt on screen (dismiss(), destroy(), a
// withdrawal), and work under way when consent is withdrawn never writes after the erase.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Nps } from '../../src/core/public-types';
import type { NpsError } from '../../src/core/errors';
import type { NpsOptions } from '../../src/core/options';
import { createClient } from '../../src/client/create-client';
import { memoryKvStore, type ErasableKvStore } from '../../src/outbox/kv-store';
import { builtInPrompt, fakeEnv, recordingStore } from '../helpers/fakes';
import { ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';
afterEach(() => document.body.replaceChildren());

/** Calls `callOff` while a show()'s first version is still being stored; returns how show() resolved. */
async function callOffWhileStoring(callOff: (nps: Nps) => void, options: NpsOptions = { endpoint }) {
  const f = fakeEnv();
  const nps = createClient(options, f.env);
  const release = f.outbox.stall();
  const result = nps.show({ force: true });
  expect(await until(() => f.outbox.options !== undefined)).toBe(true);
  await ticks(3);
  callOff(nps);
  release();
  return { f, result: await result };
}

describe('consent withdrawn while work is under way', () => {
  it('a show() still deciding writes no anonymous id after the erase', async () => {
    const disk = recordingStore();
    const f = fakeEnv({ store: disk.store });
    const nps = createClient({ endpoint }, f.env);
    const result = nps.show();
    nps.consent(false);
    await expect(result).resolves.toEqual({ status: 'skipped', reason: 'no-consent' });
    await ticks(10);
    expect(disk.calls).toContain('erase');
    expect(await disk.inner.entries('')).toEqual([]);
    expect(f.view.surveys).toHaveLength(0);
  });

  it('the warm-up reading the anonymous id writes nothing after the erase', async () => {
    const disk = recordingStore();
    const f = fakeEnv({ store: disk.store });
    const nps = createClient({ endpoint }, f.env);
    f.idle.run();
    nps.consent(false);
    await ticks(10);
    expect(disk.calls).toContain('erase');
    expect(await disk.inner.entries('')).toEqual([]);
  });

  it('while the first version is being stored: the prompt never shows', async () => {
    const { f, result } = await callOffWhileStoring((nps) => nps.consent(false));
    expect(result).toMatchObject({ status: 'dismissed' });
    expect(f.view.surveys).toHaveLength(0);
  });

  it('after destroy(), consent(false) still erases what the widget stored', async () => {
    const disk = recordingStore();
    const f = fakeEnv({ store: disk.store });
    const nps = createClient({ endpoint }, f.env);
    await disk.inner.set('anonymous-id', 'a-1');
    nps.destroy();
    nps.consent(false);
    expect(await until(() => disk.calls.includes('erase'))).toBe(true);
    await ticks(2);
    expect(await disk.inner.entries('')).toEqual([]);
    // destroy() still holds: consent(true) starts nothing.
    nps.consent(true);
    await expect(nps.show({ force: true })).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
  });
});

/** A memory store whose reads of user state wait for `release()` (a slow disk while show() decides). */
function slowUserStateReads() {
  const inner = memoryKvStore();
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const store: ErasableKvStore = {
    ...inner,
    get: (async (key: string) => {
      if (key.startsWith('user-state:')) await held;
      return inner.get(key);
    }) as ErasableKvStore['get'],
  };
  return { store, inner, release };
}

describe('called off while show() decides (reading the user state)', () => {
  it('consent(false): show() resolves no-consent, nothing shows, nothing is on the device', async () => {
    const disk = slowUserStateReads();
    const f = fakeEnv({ store: disk.store });
    const nps = createClient({ endpoint }, f.env);
    const result = nps.show();
    await ticks(5);
    nps.consent(false);
    disk.release();
    await expect(result).resolves.toEqual({ status: 'skipped', reason: 'no-consent' });
    await ticks(5);
    expect(f.view.surveys).toHaveLength(0);
    expect(await disk.inner.entries('')).toEqual([]);
  });

  it('dismiss(): show() resolves cancelled and nothing shows', async () => {
    const disk = slowUserStateReads();
    const f = fakeEnv({ store: disk.store });
    const nps = createClient({ endpoint }, f.env);
    const result = nps.show();
    await ticks(5);
    nps.dismiss();
    disk.release();
    await expect(result).resolves.toEqual({ status: 'skipped', reason: 'cancelled' });
    expect(f.view.surveys).toHaveLength(0);
    expect(f.outbox.puts).toEqual([]);
  });
});

describe('called off before the prompt is on screen', () => {
  it('destroy() while the locale loads: nothing mounts and show() resolves disabled', async () => {
    let release!: () => void;
    const f = fakeEnv({
      importPrompt: builtInPrompt,
      importLocale: () => new Promise((r) => (release = () => r({ default: {} }))),
    });
    const nps = createClient({ endpoint, locale: 'de' }, f.env);
    const result = nps.show();
    await until(() => release !== undefined);
    nps.destroy();
    release();
    await expect(result).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
    expect(document.querySelector('nps-widget')).toBeNull();
  });

  it('dismiss() while waiting for delayMs: nothing shows or is stored, show() resolves skipped cancelled', async () => {
    vi.useFakeTimers();
    try {
      const f = fakeEnv();
      const nps = createClient({ endpoint, delayMs: 1500 }, f.env);
      const skipped: unknown[] = [];
      nps.on('skipped', (s) => skipped.push(s));
      const result = nps.show({ force: true });
      await vi.advanceTimersByTimeAsync(100);
      nps.dismiss();
      await expect(result).resolves.toEqual({ status: 'skipped', reason: 'cancelled' });
      await vi.advanceTimersByTimeAsync(3000);
      expect(f.view.surveys).toHaveLength(0);
      expect(f.outbox.puts).toEqual([]);
      expect(skipped).toEqual([{ reason: 'cancelled', stage: undefined }]);
      // The slot is free again.
      const next = nps.show({ force: true });
      await vi.advanceTimersByTimeAsync(1500);
      expect(await until(() => f.view.surveys.length === 1)).toBe(true);
      nps.dismiss();
      await expect(next).resolves.toMatchObject({ status: 'dismissed' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('destroy() while waiting for delayMs resolves disabled at once and loads no prompt', async () => {
    vi.useFakeTimers();
    try {
      const f = fakeEnv();
      const nps = createClient({ endpoint, delayMs: 60_000 }, f.env);
      const result = nps.show({ force: true });
      await vi.advanceTimersByTimeAsync(10);
      nps.destroy();
      await expect(result).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
      expect(f.view.loads).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('destroy() while the first version is being stored: the prompt never shows', async () => {
    const { f, result } = await callOffWhileStoring((nps) => nps.destroy());
    expect(result).toMatchObject({ status: 'dismissed' });
    expect(f.view.surveys).toHaveLength(0);
  });

  it('dismiss() while the first version is being stored: never drawn, and no dismissal or cooldown for it', async () => {
    const { f, result } = await callOffWhileStoring((nps) => nps.dismiss());
    expect(result).toMatchObject({ status: 'dismissed' });
    expect(f.view.surveys).toHaveLength(0);
    await ticks(5);
    expect(f.outbox.puts.map((r) => r.status)).toEqual(['shown']);
    expect(await f.store.entries('user-state:')).toEqual([]);
  });
});

describe('a renderer whose close() throws', () => {
  it('cannot stop a withdrawal from erasing, nor destroy() from closing the outbox; the error is reported', async () => {
    const disk = recordingStore();
    const f = fakeEnv({ store: disk.store });
    let rendered = 0;
    const render = () => {
      rendered++;
      return {
        close() {
          throw new Error('close broke');
        },
      };
    };
    const nps = createClient({ endpoint, render }, f.env);
    const errors: NpsError[] = [];
    nps.on('error', (e) => errors.push(e));
    void nps.show({ force: true });
    expect(await until(() => rendered === 1)).toBe(true);
    expect(() => nps.consent(false)).not.toThrow();
    expect(await until(() => disk.calls.includes('erase'))).toBe(true);
    expect(errors.map((e) => [e.code, e.message])).toEqual([['handler-threw', "nps: the renderer's close() threw"]]);

    nps.consent(true);
    void nps.show({ force: true });
    expect(await until(() => rendered === 2)).toBe(true);
    expect(() => nps.destroy()).not.toThrow();
    expect(f.outbox.closed).toBe(true);
  });
});

describe('comments the collector could not store', () => {
  async function answered(comment: string, commentMaxLength = 100) {
    const f = fakeEnv();
    const nps = createClient({ endpoint, commentMaxLength }, f.env);
    const result = nps.show({ force: true });
    expect(await until(() => f.view.surveys.length === 1)).toBe(true);
    await f.view.current.answer(9);
    await f.view.current.comment(comment);
    f.view.current.done();
    return ((await result) as { comment?: string }).comment;
  }

  it('the cap never splits a surrogate pair', async () => {
    // 'abcd' + '😀' is 6 UTF-16 units: a cap of 5 would leave half of the emoji.
    expect(await answered('abcd😀', 5)).toBe('abcd');
    expect(await answered('abc😀', 5)).toBe('abc😀');
  });

  it('NUL and unpaired surrogates become U+FFFD; pairs stay', async () => {
    expect(await answered('a\0b\uD83Dc\uDE00d 😀')).toBe('a\uFFFDb\uFFFDc\uFFFDd 😀');
  });
});
