import type { ResponseRecord } from '../../core/wire';
import { parseDateTime } from './date-time';

/** How far past the server's clock a batch's times may be and still be stored as sent (clock skew between devices). */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const TIMES = ['shownAt', 'answeredAt', 'updatedAt'] as const;

/**
 * How far to move a batch's times back: how far the device's clock runs ahead of the server's (by the
 * batch's `sentAt`, stamped as the request left the device) beyond {@link MAX_CLOCK_SKEW_MS}, so a
 * normal device's times stay as sent. It grows smoothly from 0: a cut-off (all or nothing past the
 * limit) would move one version of a record by minutes and the next, whose request was a little
 * faster, not at all, and the later version would lose.
 * @example clockCorrection('2026-11-23T10:10:00Z', Date.parse('2026-11-23T10:00:00Z')) // 300000
 */
export function clockCorrection(sentAt: string, now: number): number {
  return Math.max(0, (parseDateTime(sentAt) ?? now) - now - MAX_CLOCK_SKEW_MS);
}

/**
 * A record's times within {@link MAX_CLOCK_SKEW_MS} of the server's clock. Refusing the records of a
 * device whose clock runs fast would lose every answer from it, and storing them as sent would date
 * them in the future, where no later version could ever replace them. So every time moves back by
 * `correction` (see {@link clockCorrection}, the same for the whole batch): versions of one record keep
 * their order and spacing. A time still more than {@link MAX_CLOCK_SKEW_MS} ahead (the device's clock
 * changed between making the record and sending it) is clamped to the server's receive time, `now`.
 * @example onServerClock(record, clockCorrection(batch.sentAt, Date.now()), Date.now())
 */
export function onServerClock(record: ResponseRecord, correction: number, now: number): ResponseRecord {
  let corrected: ResponseRecord | undefined;
  for (const field of TIMES) {
    const given = record[field];
    if (given == null) continue;
    const sent = parseDateTime(given);
    // The schema let only real date-times through.
    if (sent === undefined) throw new TypeError(`${field} is not a date-time: ${given}`);
    const shifted = Math.max(0, sent - correction);
    const stored = shifted > now + MAX_CLOCK_SKEW_MS ? now : shifted;
    if (stored === sent) continue;
    corrected ??= { ...record };
    corrected[field] = new Date(stored).toISOString();
  }
  return corrected ?? record;
}
