/** Fills a byte array with random values; `crypto.getRandomValues` by default. */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('');

/**
 * Makes a UUIDv7 generator (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids from one
 * generator sort in creation order even within one millisecond, because the 12-bit `rand_a` field is
 * used as a counter (method 1 of the RFC).
 * @example const id = uuidv7(); id() // '019a...-7...'
 */
export function uuidv7(
  now: () => number = Date.now,
  random: RandomBytes = (b) => crypto.getRandomValues(b),
): () => string {
  let last = -1;
  let seq = 0;
  return () => {
    const b = random(new Uint8Array(16));
    let ms = Math.max(now(), last);
    if (ms == last) {
      if (++seq > 0xfff) (ms = ++last), (seq = 0);
    } else seq = ((b[6]! & 0xf) << 8) | b[7]!;
    last = ms;
    for (let i = 5; i >= 0; i--, ms = Math.floor(ms / 256)) b[i] = ms % 256;
    b[6] = 0x70 | (seq >> 8);
    b[7] = seq & 0xff;
    b[8] = 0x80 | (b[8]! & 0x3f);
    return hex(b).replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  };
}
