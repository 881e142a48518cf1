import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, ResponseStore } from '../../../src/collector-entry';
import { DATABASES, freshStore } from '../fixtures';

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('dashboard sessions on ' + name, () => {
    let db: Database;
    let store: ResponseStore;
    beforeAll(async () => ({ db, store } = await freshStore(url)));
    afterAll(() => db.close());
    beforeEach(() => db.query('truncate nps_dashboard_sessions'));

    it('keeps sessions until they expire, and revokes them', async () => {
      const now = Date.parse('2026-11-24T00:00:00Z');
      await store.createSession('hash-1', 'token-a', new Date(now + 1000));
      expect(await store.hasSession('hash-1', 'token-a', new Date(now))).toBe(true);
      expect(await store.hasSession('hash-1', 'token-b', new Date(now))).toBe(false);
      expect(await store.hasSession('hash-1', 'token-a', new Date(now + 1000))).toBe(false);
      await store.deleteSession('hash-1');
      expect(await store.hasSession('hash-1', 'token-a', new Date(now))).toBe(false);
    });
  });
