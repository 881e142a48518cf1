// @vitest-environment node
import { expect, it } from 'vitest';
import { watchTriggers } from '../../src/triggers/watch-triggers';

it('without a window (server rendering) watches nothing and does not throw', () => {
  const shown: string[] = [];
  expect(typeof window).toBe('undefined');
  const watch = watchTriggers(
    { a: { on: { path: '/**' } }, b: { on: { event: 'x' } } },
    { show: ({ stage }) => void shown.push(stage) },
  );
  watch.track('x');
  watch.stop();
  expect(shown).toEqual([]);
});
