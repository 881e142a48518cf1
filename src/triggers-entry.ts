/**
 * The trigger runtime (`dist/triggers.js`, or a chunk of the ESM build): URL, navigation, click,
 * time and event triggers. The SDK loads it only when some stage has `on`.
 */
export { watchTriggers } from './triggers/watch-triggers';
export type { TriggerWatch, WatchTriggersOptions } from './triggers/watch-triggers';
