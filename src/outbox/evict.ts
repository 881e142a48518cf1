import { NpsError } from '../core/errors';
import { DEAD_LETTER, readEnvelopes, toEnvelope, type Envelope } from './envelope';
import type { KvStore } from './kv-store';

/** The most records the queue keeps, for how long (ms), and the most dead letters kept. */
const MAX_RECORDS = 1000;
const MAX_AGE = 30 * 864e5;
const MAX_DEAD_LETTERS = 100;

type Entry = [key: string, envelope: Envelope];

/**
 * Which queued records go: those shown more than 30 days ago, then, over the count cap,
 * impressions and dismissals before any answer (oldest first within each, as listed in key
 * order, which for UUIDv7 ids is creation order). An answer is the last thing given up.
 */
function evictions(queue: Entry[], now: number): { tooOld: Entry[]; overCap: Entry[] } {
  const tooOld = queue.filter(([, e]) => Date.parse(e.record.shownAt) < now - MAX_AGE);
  const young = queue.filter((x) => !tooOld.includes(x));
  const answered = ([, e]: Entry) => e.record.status === 'answered';
  const byPriority = [...young.filter((x) => !answered(x)), ...young.filter(answered)];
  return { tooOld, overCap: byPriority.slice(0, Math.max(0, young.length - MAX_RECORDS)) };
}

// Deletes the listed versions in one transaction; a version rewritten meanwhile stays.
const remove = (store: KvStore, entries: Entry[]) => {
  const versions = new Map<string, string>();
  for (const [key, e] of entries) versions.set(key, e.record.updatedAt);
  return store.updateMany<unknown>([...versions.keys()], (current, key) =>
    toEnvelope(current)?.record.updatedAt === versions.get(key) ? undefined : current,
  );
};

const ids = (entries: Entry[]) => Array.from(entries, ([, e]) => e.record.id);

/**
 * Applies the queue's caps: evicts (in one transaction) what {@link evictions} picks, reports it
 * as `storage-evicted` with the counts and ids, and returns what is kept.
 */
export async function evict(
  store: KvStore,
  queue: Entry[],
  now: number,
  report: (e: NpsError) => void,
): Promise<Entry[]> {
  const { tooOld, overCap } = evictions(queue, now);
  const gone = [...tooOld, ...overCap];
  if (!gone.length) return queue;
  await remove(store, gone);
  const why = [
    overCap.length && `${overCap.length} over the ${MAX_RECORDS}-record cap`,
    tooOld.length && `${tooOld.length} older than 30 days`,
  ];
  report(
    new NpsError('storage-evicted', `${gone.length} queued records evicted (${why.filter(Boolean).join(', ')})`, {
      records: gone.length,
      overCap: overCap.length,
      tooOld: tooOld.length,
      deadLetters: 0,
      ids: ids(gone),
    }),
  );
  return queue.filter((x) => !gone.includes(x));
}

/** Keeps at most 100 dead letters, dropping the oldest first, and reports what it dropped. */
export async function capDeadLetters(store: KvStore, report: (e: NpsError) => void): Promise<void> {
  const list = await readEnvelopes(store, DEAD_LETTER);
  // Oldest first: ids are UUIDv7, so key order is creation order.
  const gone = list.slice(0, Math.max(0, list.length - MAX_DEAD_LETTERS));
  if (!gone.length) return;
  await remove(store, gone);
  report(
    new NpsError('storage-evicted', `${gone.length} dead letters dropped (over the ${MAX_DEAD_LETTERS}-letter cap)`, {
      records: 0,
      overCap: 0,
      tooOld: 0,
      deadLetters: gone.length,
      ids: ids(gone),
    }),
  );
}
