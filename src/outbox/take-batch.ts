import type { ResponseRecord } from '../core/wire';

// A Blob per record would cost a round trip to the browser's blob registry each: count bytes here.
const utf8Length = (text: string) => {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 2 bytes up to U+07FF, 3 above; a surrogate pair (4 bytes) counts 3 for its high half, 1 for its low.
    if (c > 0x7f) bytes += c < 0x800 ? 1 : c >= 0xdc00 && c <= 0xdfff ? 0 : 2;
  }
  return bytes;
};

/**
 * The first records, in order, that fit one request: at most `max` records and `bytes` of UTF-8
 * JSON including the batch wrapper. The first record is always taken, however large, so an
 * oversized one reaches the server (and is refused into the dead-letter) instead of blocking the queue.
 * @default max 50, bytes 60000 (under the 64 KiB keepalive budget)
 */
export function takeBatch(records: ResponseRecord[], max = 50, bytes = 6e4): ResponseRecord[] {
  const out: ResponseRecord[] = [];
  let size = 80;
  for (const r of records) {
    size += utf8Length(JSON.stringify(r)) + 1;
    if (out.length == max || (out.length && size > bytes)) break;
    out.push(r);
  }
  return out;
}
