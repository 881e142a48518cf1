import type { ResponseRecord } from '../core/wire';

/**
 * How a queued record is stored. The format number `f` lets a newer widget read what an older one
 * wrote; `l` is the lease: the time until which a tab that is sending the record owns it.
 */
export interface Envelope {
  f: 1;
  r: ResponseRecord;
  l?: number;
  /** Why the server refused it (dead-letters only). */
  e?: string;
}

/**
 * Any stored value as an envelope. Format 0 (widget 0.1 stored the bare record) is migrated, never
 * dropped; `undefined` stays `undefined`.
 */
export const toEnvelope = (v: unknown): Envelope | undefined =>
  v == null ? undefined : (v as Envelope).f ? (v as Envelope) : { f: 1, r: v as ResponseRecord };
