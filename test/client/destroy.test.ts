// destroy(): the prompt closes, delivery stops, show() is disabled, and the device is left alone.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';
import { fakeEnv, recordingStore } from '../helpers/fakes';
import { ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';

describe('destroy()', () => {
  it('destroy() closes the prompt, closes the outbox and disables show()', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    const result = nps.show();
    await until(() => f.view.surveys.length > 0, 50);
    nps.destroy();
    await expect(result).resolves.toMatchObject({ status: 'dismissed' });
    expect(f.view.closedByClient).toBe(1);
    expect(f.outbox.closed).toBe(true);
    await expect(nps.show({ force: true })).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
  });
});

describe('destroyed or server-side clients stay off the device', () => {
  it('consent pending: show() after destroy() resolves disabled and writes nothing', async () => {
    const recorded = recordingStore();
    const f = fakeEnv({ store: recorded.store });
    const nps = createClient({ endpoint, consent: 'pending' }, f.env);
    nps.destroy();
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
    await ticks(10);
    expect(recorded.calls).toEqual([]);
  });

  it('consent granted: show() after destroy() reads nothing from the device', async () => {
    const recorded = recordingStore();
    const f = fakeEnv({ store: recorded.store });
    const nps = createClient({ endpoint }, f.env);
    await ticks(10);
    const before = recorded.calls.length;
    nps.destroy();
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
    await ticks(10);
    expect(recorded.calls.slice(before)).toEqual([]);
  });
});
