import type { ResponseRecord } from '../core/wire';

/**
 * The first records, in order, that fit one request: at most `max` records and `bytes` of UTF-8
 * JSON including the batch wrapper. The first record is always taken, however large, so an
 * oversized one reaches the server (and is refused into the dead-letter) instead of blocking the queue.
 * @default max 50, bytes 60000 (under the 64 KiB keepalive budget)
 */
export function takeBatch(records: ResponseRecord[], max = 50, bytes = 6e4): ResponseRecord[] {
  const out: ResponseRecord[] = [];
  // Encoding is synchronous and local; a Blob per record would cost a round trip to the browser's blob registry each.
  const utf8 = new TextEncoder();
  let size = 80;
  for (const r of records) {
    size += utf8.encode(JSON.stringify(r)).length + 1;
    if (out.length === max || (out.length && size > bytes)) break;
    out.push(r);
  }
  return out;
}
