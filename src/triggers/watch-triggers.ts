import type { Trigger, Triggers } from '../core/trigger';
import { afterSecondsCondition, type TimerHost, type VisibilitySource } from './kinds/after-seconds';
import { type ClickRoot, clickCondition } from './kinds/click';
import { eventCondition } from './kinds/event';
import { pathCondition } from './kinds/path';
import { type StageTrigger, stageTrigger } from './stage-trigger';
import type { TriggerCondition } from './trigger-condition';
import { type WaitingList, waitingList } from './waiting-list';
import { type NavigationHost, watchNavigation } from './watch-navigation';

/** Everything triggers use from the page; `window` is one. Tests pass fakes. */
export interface TriggerHost extends TimerHost, NavigationHost {
  location: { readonly pathname: string };
  document: VisibilitySource & ClickRoot;
}

/** How {@link watchTriggers} reaches the client and the page. */
export interface WatchTriggersOptions {
  /** Called when a stage's trigger fires; the client applies throttle, sampling and one prompt at a time. */
  show(options: { stage: string }): unknown;
  /** @default window (none during server rendering: then nothing is watched) */
  host?: TriggerHost;
}

/** A running set of triggers. */
export interface TriggerWatch {
  /** An app event (`nps.track(name)`): fires the stages whose ready trigger names it. */
  track(event: string): void;
  /** Removes every listener and timer, and restores `history` if nobody wrapped it after us. */
  stop(): void;
}

/** Every (stage, trigger) pair of `stages`, in declaration order; an array `on` gives one pair per trigger. */
const declaredTriggers = (stages: Readonly<Record<string, { on?: Triggers } | undefined>>) =>
  Object.entries(stages).flatMap(([stage, config]) =>
    ([] as Trigger[]).concat(config?.on ?? []).map((trigger) => [stage, trigger] as const),
  );

/**
 * The runtime of the condition `name` of `trigger`, by its kind (`kinds/<kind>.ts`): adding a trigger
 * kind adds one case here. `rank` is the trigger's place in declaration order.
 */
function conditionOf(
  name: keyof Trigger,
  trigger: Trigger,
  rank: number,
  host: TriggerHost,
  appEvents: WaitingList,
): TriggerCondition | undefined {
  switch (name) {
    case 'path':
      return pathCondition(trigger.path);
    case 'afterSeconds':
      return afterSecondsCondition(trigger.afterSeconds, host);
    case 'click':
      return clickCondition(trigger.click, host.document, rank);
    case 'event':
      return eventCondition(trigger.event, appEvents, rank);
    default:
      // A kind in core/trigger.ts without a case here fails the type check; an unknown name (which
      // validation rejects) is no condition.
      name satisfies never;
      return undefined;
  }
}

/**
 * Shows stages when their `on` triggers fire. A page view is one pathname: at start and after each
 * same-document navigation to another pathname, a trigger enters when its `path` matches (a trigger
 * without `path` enters on every page view). Entering starts its visible-time timer (`afterSeconds`),
 * then it fires, or waits for its `click` or `event`. A navigation that stays within a trigger's
 * pattern (`/projects/1` → `/projects/2` under `/projects/**`) keeps it as it was, timer running; one
 * that leaves cancels it. A stage fires at most once per entry: firing settles every entered trigger of
 * the stage until it enters again. Timers exist only while a matching page is open, the click
 * listener only while a click trigger waits; with no `on` anywhere nothing is installed at all.
 * @example const triggers = watchTriggers(options.stages ?? {}, { show: (o) => void nps.show(o) });
 */
export function watchTriggers(
  stages: Readonly<Record<string, { on?: Triggers } | undefined>>,
  options: WatchTriggersOptions,
): TriggerWatch {
  const declared = declaredTriggers(stages);
  // Without a page (server rendering) there is nothing to watch.
  const { show, host = globalThis.window } = options;
  if (!declared.length || !host) return { track() {}, stop() {} };
  const appEvents = waitingList();
  let pathname: string | undefined;
  let firedInView = new Set<string>();

  const fire = (stage: string) => {
    // One click can match two click triggers of a stage (the listener loops over both): once.
    if (firedInView.has(stage)) return;
    firedInView.add(stage);
    for (const trigger of all) if (trigger.stage === stage) trigger.settle();
    show({ stage });
  };
  const all: StageTrigger[] = declared.map(([stage, trigger], rank) => {
    const names = Object.keys(trigger) as (keyof Trigger)[];
    const conditions = names.map((name) => conditionOf(name, trigger, rank, host, appEvents));
    return stageTrigger(
      stage,
      conditions.filter((condition) => condition !== undefined),
      fire,
    );
  });
  const startPageView = () => {
    // Hash and query changes, and replaceState for state only, are the same page view.
    if (host.location.pathname === pathname) return;
    pathname = host.location.pathname;
    firedInView = new Set();
    // In declaration order: a stage that fires stops its later triggers from entering.
    for (const trigger of all) trigger.view(pathname, firedInView);
  };

  const stopNavigation = watchNavigation(startPageView, host);
  startPageView();
  return {
    track(event) {
      appEvents.dispatch(event);
    },
    stop() {
      stopNavigation();
      for (const trigger of all) trigger.settle();
    },
  };
}
