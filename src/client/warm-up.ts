import { isThrottled, type UserState } from '../core/eligibility';
import type { NpsOptions } from '../core/options';
import { type Resolved, resolveStage, type StageOptions } from '../core/stage-options';

/**
 * The warm-up, run when the browser is idle: a user who could be shown a prompt on this page gets
 * the prompt and the page's locale in the background, so `show()` paints at once and works
 * offline; a throttled user never does. The device's own state counts too: identify() often comes
 * after the warm-up, or not at all on this page. A failed load stays silent (`show()` tries again).
 * @param stopped whether the client may no longer work on this device (destroyed, or no consent)
 * @param readStates the stored states of the device's anonymous visitor and of the identified user
 * @param prepare loads what a prompt needs, with `render` (the built-in prompt unless given)
 * @example whenIdle(() => void warmUp(options, now, stopped, readStates, prepare));
 */
export async function warmUp(
  options: NpsOptions<string>,
  now: () => number,
  stopped: () => boolean,
  readStates: () => Promise<UserState[]>,
  prepare: (render: NpsOptions['render']) => Promise<unknown>,
): Promise<void> {
  if (stopped()) return;
  const states = await readStates().catch(() => undefined);
  // No show() on this page could pass the throttle when every rule set (the top level's and each
  // stage's) finds a state throttled.
  const ruleSets = [undefined, ...Object.values<StageOptions>(options.stages ?? {})].map((stage) =>
    resolveStage(options, stage),
  );
  const throttled = (o: Resolved) => states?.some((state) => isThrottled({ now: now(), state, ...o }));
  if (!states || stopped() || ruleSets.every(throttled)) return;
  await prepare(options.render).catch(() => {});
}
