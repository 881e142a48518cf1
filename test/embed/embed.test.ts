import { afterEach, describe, expect, it, vi } from 'vitest';
import { VERSION } from '../../src/core/version';
import { SNIPPET } from '../helpers/snippet';

type WindowNps = { version?: string; q?: unknown[] } & Record<string, (...a: unknown[]) => unknown>;
const win = window as unknown as { nps?: WindowNps };

/** `window.nps`, which the test expects to be set by now. */
function loaded(): WindowNps {
  if (!win.nps) throw new Error('window.nps is not set');
  return win.nps;
}

afterEach(() => {
  win.nps?.destroy?.();
  delete win.nps;
  vi.resetModules();
  vi.restoreAllMocks();
});

describe('embed (script-tag entry)', () => {
  it('replays calls queued by the snippet, in order, and resolves their promises', async () => {
    new Function(SNIPPET)();
    const stub = loaded();
    const events: string[] = [];
    const unsubscribed = stub.on('skipped', (p: { reason: string }) => events.push(p.reason)) as Promise<unknown>;
    stub.init({ endpoint: '/api/nps', stages: { onboarded: {} } });
    stub.identify('user-42');
    const skipped = stub.show({ stage: 'nope' }) as Promise<unknown>;
    expect(stub.q).toHaveLength(4);

    await import('../../src/embed');
    expect(win.nps).not.toBe(stub);
    expect(loaded().version).toBe(VERSION);
    await expect(skipped).resolves.toEqual({ status: 'skipped', reason: 'unknown-stage' });
    expect(events).toEqual(['unknown-stage']);
    expect(typeof (await unsubscribed)).toBe('function');
  });

  it('replays consent calls queued by the snippet in order: pending, then granted, then show', async () => {
    new Function(SNIPPET)();
    const stub = loaded();
    stub.init({ endpoint: '/api/nps', consent: 'pending', stages: { y: {} } });
    const before = stub.show({ force: true }) as Promise<unknown>;
    stub.consent(true);
    stub.track('upgraded');
    await import('../../src/embed');
    await expect(before).resolves.toEqual({ status: 'skipped', reason: 'no-consent' });
    expect(typeof loaded().track).toBe('function');
    expect(typeof loaded().consent).toBe('function');
    // Granted by the replayed call: this show() passes consent and is skipped by the next rule.
    await expect(loaded().show({ stage: 'nope' })).resolves.toEqual({ status: 'skipped', reason: 'unknown-stage' });
  });

  it('queues calls made after load but before init, and runs them at init', async () => {
    await import('../../src/embed');
    const nps = loaded();
    const result = nps.show({ stage: 'x' }) as Promise<unknown>;
    nps.init({ endpoint: '/api/nps', stages: { y: {} } });
    await expect(result).resolves.toEqual({ status: 'skipped', reason: 'unknown-stage' });
  });

  it('before init, on() returns an unsubscribe function and off() works; handlers left are added at init', async () => {
    await import('../../src/embed');
    const nps = loaded();
    const kept: string[] = [];
    const removed: string[] = [];
    const offed: string[] = [];
    const off = nps.on('skipped', (p: { reason: string }) => removed.push(p.reason));
    expect(typeof off).toBe('function');
    expect(() => (off as () => void)()).not.toThrow();
    const offedHandler = (p: { reason: string }) => offed.push(p.reason);
    nps.on('skipped', offedHandler);
    nps.off('skipped', offedHandler);
    nps.on('skipped', (p: { reason: string }) => kept.push(p.reason));
    nps.init({ endpoint: '/api/nps', stages: { y: {} } });
    await nps.show({ stage: 'x' });
    expect(kept).toEqual(['unknown-stage']);
    expect(removed).toEqual([]);
    expect(offed).toEqual([]);
  });

  it('the unsubscribe function on() returned before init also works after init', async () => {
    await import('../../src/embed');
    const nps = loaded();
    const seen: string[] = [];
    const off = nps.on('skipped', (p: { reason: string }) => seen.push(p.reason)) as () => void;
    nps.init({ endpoint: '/api/nps', stages: { y: {} } });
    await nps.show({ stage: 'x' });
    off();
    await nps.show({ stage: 'x' });
    expect(seen).toEqual(['unknown-stage']);
  });

  it('logs one clear error for a bad config and never throws into the page', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    new Function(SNIPPET)();
    loaded().init({ endpoint: 'ftp://nope' });
    await import('../../src/embed');
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0])).toMatch(/^nps: options\.endpoint must be an https URL.*got "ftp:\/\/nope"$/);
    expect(() => loaded().identify('')).not.toThrow();
    expect(() => loaded().init({ endpoint: '/api/nps' })).not.toThrow();
    expect(() => loaded().identify('')).not.toThrow();
    expect(String(error.mock.lastCall?.[0])).toMatch(/identify\(userId\) must be a non-empty string/);
  });

  it('after a bad config, show() calls resolve skipped disabled instead of never; listeners wait for a valid init', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    new Function(SNIPPET)();
    const stub = loaded();
    const queued = stub.show() as Promise<unknown>;
    const seen: string[] = [];
    stub.on('skipped', (p: { reason: string }) => seen.push(p.reason));
    stub.init({ endpoint: 'ftp://nope' });
    await import('../../src/embed');
    await expect(queued).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
    await expect(loaded().show()).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
    await expect(loaded().flush()).resolves.toBeUndefined();
    loaded().init({ endpoint: '/api/nps', stages: { y: {} } });
    await loaded().show({ stage: 'x' });
    expect(seen).toEqual(['unknown-stage']);
  });

  it('show(stage) is the shorthand for show({ stage }); show(42) logs one console error and shows nothing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await import('../../src/embed');
    const nps = loaded();
    nps.init({ endpoint: '/api/nps', stages: { y: {} } });
    await expect(nps.show('x')).resolves.toEqual({ status: 'skipped', reason: 'unknown-stage' });
    expect(error).not.toHaveBeenCalled();
    await expect(nps.show(42)).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0])).toMatch(/^nps: show\(\{ stage \}\) must be a non-empty string.*, got 42$/);
    expect(document.querySelector('nps-widget')).toBeNull();
  });

  it('does not replace an already loaded widget', async () => {
    await import('../../src/embed');
    const first = win.nps;
    vi.resetModules();
    await import('../../src/embed');
    expect(win.nps).toBe(first);
  });
});
