// The client with the real outbox: every version of a record is committed before the UI moves on,
// and what the server confirms is what `delivered` and `flush()` report.
import { expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';
import { RECORD, type Envelope } from '../../src/outbox/envelope';
import { memoryKvStore, type ErasableKvStore, type KvStore } from '../../src/outbox/kv-store';
import { createOutbox } from '../../src/outbox/outbox';
import { fakeEnv } from '../helpers/fakes';
import { fakeServer } from '../helpers/outbox-fakes';
import { ticks, until } from '../helpers/wait';

const endpoint = 'https://collect.example/api/nps';
const waitFor = async (f: () => boolean) => expect(await until(f)).toBe(true);

/** A store whose writes (whichever method makes them) wait for `release()`: a slow disk. */
function gatedStore(inner: ErasableKvStore) {
  let gate: Promise<void> | undefined;
  let open!: () => void;
  const wait =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A) => {
      await gate;
      return f(...a);
    };
  const store: ErasableKvStore = {
    ...inner,
    set: wait(inner.set),
    update: wait(inner.update) as KvStore['update'],
    updateMany: wait(inner.updateMany) as KvStore['updateMany'],
    del: wait(inner.del),
  };
  return {
    store,
    close: () => {
      gate = new Promise((r) => {
        open = r;
      });
    },
    release: () => {
      gate = undefined;
      open();
    },
  };
}

it('stores every version before the UI moves on, delivers the latest, and reports it', async () => {
  const server = fakeServer();
  const disk = gatedStore(memoryKvStore());
  const f = fakeEnv({ store: disk.store, fetch: server.fetch, outbox: createOutbox });
  const nps = createClient({ endpoint, headers: { 'X-NPS-Write-Key': 'k' } }, f.env);
  const delivered: string[] = [];
  nps.on('delivered', (e) => delivered.push(...e.ids));
  const result = nps.show({ force: true });
  await waitFor(() => f.view.surveys.length === 1);
  const view = f.view.current;

  disk.close();
  let scored = false;
  const score = view.answer(4).then(() => (scored = true));
  await ticks(20);
  expect(scored).toBe(false); // the UI waits for the disk
  disk.release();
  await score;
  // When onScore resolves the answer is durable: still queued on disk, or already confirmed by the server.
  const queued = (await disk.store.entries<Envelope>(RECORD)).map(([, e]) => e.record);
  const durable =
    queued.find((r) => r.status === 'answered') ?? [...server.stored.values()].find((r) => r.status === 'answered');
  expect(durable).toMatchObject({ status: 'answered', score: 4, category: 'detractor' });

  await view.comment('Too slow');
  view.done();
  const { id } = (await result) as { id: string };
  await waitFor(() => server.stored.get(id)?.comment === 'Too slow');
  expect(server.requests.every((r) => r.headers['X-NPS-Write-Key'] === 'k')).toBe(true);
  await waitFor(() => delivered.includes(id));
  expect(await nps.flush()).toEqual({ delivered: 0, pending: 0 });
  nps.destroy();
});

it('flush() reports what is still pending when the server is down', async () => {
  const server = fakeServer();
  server.setPolicy(() => ({ kind: 'status', status: 503 }));
  const f = fakeEnv({ store: memoryKvStore(), fetch: server.fetch, outbox: createOutbox });
  const nps = createClient({ endpoint }, f.env);
  const errors: string[] = [];
  nps.on('error', (e) => errors.push(e.code));
  void nps.show({ force: true });
  await waitFor(() => f.view.surveys.length === 1);
  nps.dismiss();
  expect(await nps.flush()).toEqual({ delivered: 0, pending: 1 });
  expect(errors).toContain('delivery-failed');
  server.setPolicy(() => ({ kind: 'ok' }));
  expect(await nps.flush()).toEqual({ delivered: 1, pending: 0 });
  nps.destroy();
});
