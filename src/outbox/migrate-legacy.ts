import { readDeliveryState } from './delivery-state';
import { DEAD_LETTER, DELIVERY_STATE, LEGACY, RECORD, newer, toEnvelope } from './envelope';
import type { KvStore } from './kv-store';

const sameVersion = (a: unknown, b: unknown) => toEnvelope(a)?.record.updatedAt === toEnvelope(b)?.record.updatedAt;

/**
 * Moves what widget 0.1 stored under its short keys (`r:`, `d:`, `o:meta`) to the readable keys,
 * in one atomic step, never losing a record: when both keys hold a version the newer wins, and an
 * old key that an old tab rewrote meanwhile is kept for the next call. Returns how many keys moved.
 */
export async function migrateLegacy(store: KvStore, now: number): Promise<number> {
  const [records, deadLetters, state] = await Promise.all([
    store.entries<unknown>(LEGACY.record),
    store.entries<unknown>(LEGACY.deadLetter),
    store.get<unknown>(LEGACY.state),
  ]);
  if (!records.length && !deadLetters.length && state === undefined) return 0;
  const read = new Map<string, unknown>();
  const moved = new Map<string, unknown>();
  const move = (list: [string, unknown][], from: string, to: string) => {
    for (const [key, value] of list) {
      read.set(key, value);
      moved.set(to + key.slice(from.length), value);
    }
  };
  move(records, LEGACY.record, RECORD);
  move(deadLetters, LEGACY.deadLetter, DEAD_LETTER);
  if (state !== undefined) read.set(LEGACY.state, state);
  await store.updateMany<unknown>([...moved.keys(), ...read.keys(), DELIVERY_STATE], (current, key) => {
    if (moved.has(key)) return toEnvelope(newer(toEnvelope(current), moved.get(key)));
    // The state this version wrote, if any, is newer than widget 0.1's.
    if (key === DELIVERY_STATE)
      return current ?? (state === undefined ? undefined : readDeliveryState(state, now).state);
    if (key === LEGACY.state) return undefined;
    return sameVersion(current, read.get(key)) ? undefined : current;
  });
  return read.size;
}
