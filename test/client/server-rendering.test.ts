// @vitest-environment node
import { expect, it } from 'vitest';
import { createNps } from '../../src/client/create-nps';
import type { NpsError } from '../../src/core/errors';
import { ticks } from '../helpers/wait';

it('createNps on a server (no document, no IndexedDB) touches no storage and emits no error', async () => {
  expect(typeof document).toBe('undefined');
  // The unit setup installs fake-indexeddb; a server has none, and neither localStorage.
  const saved = (globalThis as { indexedDB?: unknown }).indexedDB;
  Reflect.deleteProperty(globalThis, 'indexedDB');
  try {
    const errors: NpsError[] = [];
    const nps = createNps({ endpoint: 'https://api.example.com/nps' });
    nps.on('error', (e) => void errors.push(e));
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
    await ticks(20);
    expect(errors.map((e) => e.code)).toEqual([]);
  } finally {
    (globalThis as { indexedDB?: unknown }).indexedDB = saved;
  }
});
