/**
 * What went wrong, as a stable string to switch on:
 * - `storage-fallback`: IndexedDB failed; records now live in localStorage or memory.
 * - `storage-failed`: a record could not be stored at all.
 * - `storage-evicted`: records over the age or count cap were dropped (listed in `details`).
 * - `delivery-failed`: a batch could not be sent yet; it stays queued and is retried.
 * - `record-rejected`: the server refused a record; it is kept aside as dead-letter.
 * - `locale-failed`: a locale module could not be loaded; the prompt falls back.
 * - `load-failed`: the prompt module could not be loaded; `show()` was skipped as `unavailable`.
 * - `handler-threw`: one of your event handlers threw; the widget carried on.
 */
export type NpsErrorCode =
  | 'storage-fallback'
  | 'storage-failed'
  | 'storage-evicted'
  | 'delivery-failed'
  | 'record-rejected'
  | 'locale-failed'
  | 'load-failed'
  | 'handler-threw';

/**
 * The error the widget reports through its `error` event.
 * @example nps.on('error', (e) => e.code == 'record-rejected' && report(e.details));
 */
export class NpsError extends Error {
  override name = 'NpsError';
  constructor(
    readonly code: NpsErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(`nps: ${message}`);
  }
}

/** Type guard for {@link NpsError}. */
export const isNpsError = (e: unknown): e is NpsError => e instanceof NpsError;
