import type { ResponseRecord } from '../core/wire';
import type { KvStore } from './kv-store';

/** Where the outbox keeps things in the store. */
export const RECORD = 'record:';
export const DEAD_LETTER = 'dead-letter:';
export const DELIVERY_STATE = 'delivery-state';

/** The keys widget 0.1 used for the same things; read (and moved) by {@link migrateLegacy}. */
export const LEGACY = { record: 'r:', deadLetter: 'd:', state: 'o:meta' } as const;

/**
 * How a queued record (or a dead letter) is stored. `format` lets a newer widget read what an
 * older one wrote.
 */
export interface Envelope {
  format: 2;
  record: ResponseRecord;
  /** Until when (ms since the epoch) the tab that is sending this record owns it. */
  leasedUntil?: number;
  /** Why the server refused it (dead letters only). */
  error?: string;
}

/** Format 1 (widget 0.1 with the outbox): short names. */
interface LegacyEnvelope {
  f: 1;
  r: ResponseRecord;
  l?: number;
  e?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value != null;

/**
 * Any stored value as an envelope: format 2 as is, format 1 renamed, format 0 (a bare record)
 * wrapped; never dropped. `undefined` (or something that is no record at all) stays `undefined`.
 */
export function toEnvelope(value: unknown): Envelope | undefined {
  if (!isObject(value)) return undefined;
  if (value.format === 2 && isObject(value.record)) return value as unknown as Envelope;
  if (value.f === 1 && isObject(value.r)) {
    const { r: record, l: leasedUntil, e: error } = value as unknown as LegacyEnvelope;
    const e: Envelope = { format: 2, record };
    if (leasedUntil) e.leasedUntil = leasedUntil;
    if (error != null) e.error = error;
    return e;
  }
  return typeof value.id === 'string' && typeof value.updatedAt === 'string'
    ? { format: 2, record: value as unknown as ResponseRecord }
    : undefined;
}

/**
 * Of two stored values for one key, the newer record version, as stored (either may be in an old
 * format); when either is no record at all, the first one (or, if missing, the second).
 */
export function newer(a: unknown, b: unknown): unknown {
  const x = toEnvelope(a);
  const y = toEnvelope(b);
  return x && y ? (y.record.updatedAt > x.record.updatedAt ? b : a) : (a ?? b);
}

/** Every readable envelope stored under `prefix`, in key order (UUIDv7 ids: creation order). */
export async function readEnvelopes(store: KvStore, prefix: string): Promise<[key: string, envelope: Envelope][]> {
  const list: [string, Envelope][] = [];
  for (const [key, value] of await store.entries<unknown>(prefix)) {
    const e = toEnvelope(value);
    if (e) list.push([key, e]);
  }
  return list;
}
