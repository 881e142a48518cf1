// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SNIPPET, SNIPPET_SOURCE } from '../helpers/snippet';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

const METHODS = ['init', 'identify', 'show', 'dismiss', 'on', 'off', 'flush', 'reset', 'destroy', 'track', 'consent'];

type Queued = [string, ArrayLike<unknown>, (value: unknown) => void];
type Stub = { q: Queued[] } & Record<string, (...args: unknown[]) => Promise<unknown>>;

/** Runs a snippet text against a page of its own; returns what it left in `window.nps`. */
function runOn(text: string, page: { nps?: unknown } = {}) {
  new Function('window', text)(page);
  return page.nps as Stub;
}

describe('the loader snippet', () => {
  it('is the same in the README, the demo page and the tests', () => {
    for (const path of ['README.md', 'demo/public/index.html']) {
      const text = read(path);
      expect(text).toContain(SNIPPET);
      // Every copy of the snippet there is the generated one: none is left from an older source.
      expect(text.split('"init identify show').length).toBe(text.split(SNIPPET).length);
    }
  });

  it('is generated from its readable source: one line, minified', () => {
    expect(SNIPPET).not.toContain('\n');
    expect(SNIPPET.length).toBeLessThan(SNIPPET_SOURCE.length / 2);
  });

  describe.each([
    ['readable source', SNIPPET_SOURCE],
    ['generated text', SNIPPET],
  ])('its %s', (_, text) => {
    it('defines every client method and an empty queue', () => {
      const stub = runOn(text);
      expect(stub.q).toEqual([]);
      expect(Object.keys(stub).filter((key) => key !== 'q')).toEqual(METHODS);
      for (const method of METHODS) expect(typeof stub[method]).toBe('function');
    });

    it('queues [method, arguments, resolve] in nps.q, in call order; each resolve settles its promise', async () => {
      const stub = runOn(text);
      const options = { endpoint: '/api/nps' };
      stub.init(options);
      const shown = stub.show({ stage: 'checkout' });
      stub.consent(true);
      expect(stub.q.map(([method, args]) => [method, Array.from(args)])).toEqual([
        ['init', [options]],
        ['show', [{ stage: 'checkout' }]],
        ['consent', [true]],
      ]);
      expect(Object.prototype.toString.call(stub.q[0][1])).toBe('[object Arguments]');
      stub.q[1][2]({ status: 'skipped', reason: 'throttled' });
      await expect(shown).resolves.toEqual({ status: 'skipped', reason: 'throttled' });
    });

    it('leaves a window.nps that is already there alone', () => {
      const loaded = { version: '1.0.0' };
      expect(runOn(text, { nps: loaded })).toBe(loaded);
    });
  });
});
