import type { Json } from './json';
import type { Category } from './nps-scale';

/** Version of the wire format sent in every batch's `v` field. */
export const WIRE_VERSION = 1;

export type { Category } from './nps-scale';

/** Lifecycle of one prompt impression. `answered` is never downgraded to `dismissed`. */
export type ResponseStatus = 'shown' | 'answered' | 'dismissed';

/**
 * One prompt impression, keyed by `id` (UUIDv7). Newer versions (greater `updatedAt`) replace older
 * ones, on the client's queue and on the server.
 */
export interface ResponseRecord {
  id: string;
  status: ResponseStatus;
  /** Integer 0..10 when answered. */
  score?: number;
  category?: Category;
  /** Trimmed, at most `commentMaxLength` characters. */
  comment?: string;
  userId?: string;
  anonymousId: string;
  traits?: Json;
  stage?: string;
  metadata?: Json;
  /** The language the prompt was shown in. */
  locale: string;
  /** Origin and pathname only: never the query string or hash. */
  page: string;
  shownAt: string;
  answeredAt?: string;
  updatedAt: string;
  /** `nps-widget@<version>` */
  sdk: string;
}

/** The body of `POST {endpoint}`. */
export interface Batch {
  v: typeof WIRE_VERSION;
  sentAt: string;
  responses: ResponseRecord[];
}

/**
 * The `error` of a refused record whose user (or browser) was erased after it was shown: final. The
 * widget deletes such a record without keeping it as a dead letter and without an `error` event.
 */
export const ERASED = 'erased';

/** Optional 2xx reply body: records the server refused (the rest were stored). */
export interface BatchReply {
  rejected?: { id: string; error: string }[];
}
