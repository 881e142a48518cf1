/** Fills a byte array with random values; `crypto.getRandomValues` by default. */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => (byte + 256).toString(16).slice(1)).join('');

/**
 * Makes a UUIDv7 generator (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids from one
 * generator sort in creation order even within one millisecond, because the 12-bit `rand_a` field is
 * used as a counter (method 1 of the RFC).
 * @example const id = uuidv7(); id() // '019a...-7...'
 */
export function uuidv7(
  now: () => number = Date.now,
  random: RandomBytes = (bytes) => crypto.getRandomValues(bytes),
): () => string {
  let last = -1;
  // rand_a: random at each new millisecond, then counting up within it.
  let counter = 0;
  return () => {
    const bytes = random(new Uint8Array(16));
    let ms = Math.max(now(), last);
    if (ms === last) {
      // The counter ran out: borrow the next millisecond, as the RFC allows.
      if (++counter > 0xfff) {
        ms = ++last;
        counter = 0;
      }
    } else counter = ((bytes[6] & 0xf) << 8) | bytes[7];
    last = ms;
    // unix_ts_ms, big-endian, in bytes 0 to 5.
    for (let index = 5; index >= 0; index--) {
      bytes[index] = ms % 256;
      ms = Math.floor(ms / 256);
    }
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    return hex(bytes).replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  };
}
