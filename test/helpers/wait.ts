/** One macrotask: pending promise chains and zero-delay timers run. */
export const tick = () => new Promise((r) => setTimeout(r, 0));

/** `n` macrotasks. */
export async function ticks(n = 30): Promise<void> {
  for (let i = 0; i < n; i++) await tick();
}

/** Ticks until `check()` holds, at most `tries` times; resolves with whether it held. */
export async function until(check: () => boolean, tries = 200): Promise<boolean> {
  for (let i = 0; i < tries && !check(); i++) await tick();
  return check();
}

/** `rounds` setImmediate turns: settles promise chains without moving fake timers. */
export async function idle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
