import { NpsError } from '../core/errors';
import { idbKvStore, kvStore, memoryKvStore, type KvStore } from './kv-store';
import { localKvStore } from './local-kv-store';

type Layer = () => KvStore;
type Stored = { r?: { updatedAt?: string } } | undefined;

/**
 * The default store, which never stops working: IndexedDB (its own database through idb-keyval),
 * reopened once if it fails after having worked (a connection closed mid-session), then
 * localStorage, then memory. Every operation that fails, hangs past `timeout` (a blocked or
 * hanging `open`) or runs over quota is retried on the next layer, and each move to a new kind of
 * storage is reported as `storage-fallback`. Records a past page had to leave in localStorage move
 * back into IndexedDB once it works again.
 * @param onError receives the `storage-fallback` reports
 * @example const store = openStore((e) => console.warn(e.message));
 */
export function openStore(
  onError: (e: NpsError) => void,
  idb: Layer = idbKvStore,
  local: Layer = localKvStore,
  /** @default 2000 */
  timeout = 2000,
): KvStore {
  let i = 0;
  let worked = false;
  let cur: KvStore | undefined;
  let moved: Promise<void> | undefined;
  const adopt = async (s: KvStore) => {
    let l: KvStore, list: [string, unknown][];
    try {
      list = await (l = local()).entries('');
    } catch {
      return;
    }
    for (const [k, v] of list) {
      // When both hold a key, the newer record version wins.
      await s.update<Stored>(k, (old) => (!old || (v as Stored)?.r?.updatedAt! > old.r?.updatedAt! ? (v as Stored) : old));
      await l.del(k);
    }
  };
  const within = <T>(p: Promise<T>) =>
    new Promise<T>((ok, no) => {
      const t = setTimeout(no, timeout, Error('timeout'));
      p.finally(() => clearTimeout(t)).then(ok, no);
    });
  const run = async <T>(op: (s: KvStore) => Promise<T>): Promise<T> => {
    for (;;) {
      const at = i;
      try {
        const s = (cur ??= [idb, idb, local, memoryKvStore][i]!());
        if (!i) await within((moved ??= adopt(s)));
        const v = await within(op(s));
        worked ||= i < 2;
        return v;
      } catch (e) {
        if (at == 3) throw new NpsError('storage-failed', 'could not store', e);
        // Concurrent failures of the same layer move down one layer, not one each.
        if (at == i) {
          cur = undefined;
          // Reopen IndexedDB only if it ever worked; a first open that failed or hung won't do better.
          i += !i && !worked ? 2 : 1;
          if (i > 1) onError(new NpsError('storage-fallback', 'storage fell back to ' + (i > 2 ? 'memory' : 'localStorage'), e));
        }
      }
    }
  };
  return kvStore(
    (k) => run((s) => s.get(k)),
    (k, fn) => run((s) => s.update(k, fn)),
    (p) => run((s) => s.entries(p)),
  );
}
