import type { TriggerCondition } from '../trigger-condition';
import type { WaitingList } from '../waiting-list';

/**
 * The `event` kind: once the trigger is ready, the app event `name` (`nps.track(name)`, which the
 * watch passes to `appEvents`) fires it. `rank` is the trigger's place in declaration order, the
 * order in which one event fires stages.
 * @example eventCondition('upgraded', appEvents, 0)
 */
export const eventCondition = (
  name: string | undefined,
  appEvents: WaitingList,
  rank: number,
): TriggerCondition | undefined =>
  name ? { moment: (happened) => appEvents.add(rank, { key: name, happened }) } : undefined;
