import type { ResponseRecord } from '../core/wire';
import { parseDateTime } from './date-time';

/** How far past the server's clock a batch's times may be and still be stored as sent (clock skew between devices). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const TIMES = ['shownAt', 'answeredAt', 'updatedAt'] as const;

/**
 * How far a device's clock runs ahead of the server's, from the batch's `sentAt` (stamped as the
 * request left the device): 0 within {@link MAX_CLOCK_SKEW_MS}, so a normal device's times stay as sent.
 * @example deviceClockAhead('2026-11-23T10:10:00Z', Date.parse('2026-11-23T10:00:00Z')) // 600000
 */
export function deviceClockAhead(sentAt: string, now: number): number {
  const ahead = (parseDateTime(sentAt) ?? now) - now;
  return ahead > MAX_CLOCK_SKEW_MS ? ahead : 0;
}

/**
 * A record's times on the server's clock. Refusing the records of a device whose clock runs fast
 * would lose every answer from it, and storing them as sent would date them in the future, where no
 * later version could ever replace them. So every time moves back by how far the device's clock is
 * ahead (`ahead`, the same for the whole batch): versions of one record keep their order and spacing.
 * A time still more than {@link MAX_CLOCK_SKEW_MS} ahead (the device's clock changed between making
 * the record and sending it) is clamped to the server's receive time, `now`.
 * @example onServerClock(record, deviceClockAhead(batch.sentAt, Date.now()), Date.now())
 */
export function onServerClock(record: ResponseRecord, ahead: number, now: number): ResponseRecord {
  let corrected: ResponseRecord | undefined;
  for (const field of TIMES) {
    const given = record[field];
    if (given == null) continue;
    const sent = parseDateTime(given)!;
    const shifted = Math.max(0, sent - ahead);
    const stored = shifted > now + MAX_CLOCK_SKEW_MS ? now : shifted;
    if (stored != sent) (corrected ??= { ...record })[field] = new Date(stored).toISOString();
  }
  return corrected ?? record;
}
