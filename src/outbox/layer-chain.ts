import { NpsError } from '../core/errors';
import { adoptLocal } from './adopt-local';
import type { ErasableKvStore, KvStore } from './kv-store';
import { within } from './timer';

/** A storage layer, opened on first use. */
export type Layer = () => ErasableKvStore;

// Where each layer sits in the chain: IndexedDB, IndexedDB reopened, localStorage, memory.
const REOPENED = 1;
const LOCAL = 2;
const MEMORY = 3;

/** Runs one store operation on the layer in use, moving down the chain when it fails. */
export type RunOnLayer = <T>(op: (store: KvStore) => Promise<T>) => Promise<T>;

/**
 * The store chain: IndexedDB, reopened once if it fails after having worked (a connection closed
 * mid-session), then localStorage, then memory (`layers`, in that order). An operation that fails or
 * hangs past `timeout` is retried on the next layer, and each move to a new kind of storage is
 * reported as `storage-fallback`. Before the first operation on IndexedDB, what a past page had to
 * leave in localStorage moves in (see adoptLocal). Returns
 * `[run, restart]`: `restart` starts over at IndexedDB (after an erase), returning the IndexedDB layer
 * in use, if any.
 */
export function layerChain(
  layers: Layer[],
  timeout: number,
  onError: (e: NpsError) => void,
): [run: RunOnLayer, restart: () => ErasableKvStore | undefined] {
  let layer = 0;
  let worked = false;
  let current: ErasableKvStore | undefined;
  let adopted: Promise<void> | undefined;
  const timedOut = () => Error('timeout');
  const run: RunOnLayer = async (op) => {
    // Every promise that resolves with an object would call the page's `then` instead: no layer
    // can work, so say why at once rather than after every layer timed out.
    if (typeof (Object.prototype as { then?: unknown }).then === 'function')
      throw new NpsError(
        'storage-failed',
        'the page defines Object.prototype.then, which breaks every promise that carries a stored value; nothing is stored',
      );
    for (;;) {
      const at = layer;
      try {
        current ??= (layers[layer] as Layer)();
        const store = current;
        if (!layer) {
          adopted ??= adoptLocal(store, layers[LOCAL] as Layer);
          await within(adopted, timeout, timedOut);
        }
        const value = await within(op(store), timeout, timedOut);
        worked ||= layer < LOCAL;
        return value;
      } catch (e) {
        if (at === MEMORY) throw new NpsError('storage-failed', 'could not store', e);
        // Concurrent failures of the same layer move down one layer, not one each.
        if (at === layer) {
          current = undefined;
          // Reopen IndexedDB only if it ever worked; a first open that failed or hung won't do better.
          layer = !layer && !worked ? LOCAL : layer + 1;
          if (layer > REOPENED)
            onError(
              new NpsError(
                'storage-fallback',
                `storage fell back to ${layer === MEMORY ? 'memory' : 'localStorage'}`,
                e,
              ),
            );
        }
      }
    }
  };
  const restart = () => {
    const idb = layer < LOCAL ? current : undefined;
    layer = 0;
    worked = false;
    current = undefined;
    adopted = undefined;
    return idb;
  };
  return [run, restart];
}
