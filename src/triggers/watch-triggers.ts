import type { Trigger, Triggers } from '../core/trigger';
import { pathPattern } from './match-path';
import { visibleTimer, type TimerHost, type VisibilitySource } from './visible-timer';
import { watchClicks, type ClickRoot, type ClickTarget } from './watch-clicks';
import { watchNavigation, type NavigationHost } from './watch-navigation';

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

/** One trigger of one stage, its path test compiled once, and where it stands. */
interface StageTrigger {
  stage: string;
  trigger: Trigger;
  matches(pathname: string): boolean;
  /** It entered on this page view or an earlier one whose path it also matched, and has not left since. */
  entered: boolean;
  /** Its path and time hold; it waits for its click or event. */
  waiting: boolean;
  /** Cancels its running `afterSeconds` timer. */
  stopTimer?: () => void;
}

const always = () => true;

/** Every (stage, trigger) pair of `stages`; an array `on` gives one pair per trigger. */
const stageTriggers = (stages: Readonly<Record<string, { on?: Triggers } | undefined>>): StageTrigger[] =>
  Object.entries(stages).flatMap(([stage, config]) =>
    ([] as Trigger[]).concat(config?.on ?? []).map((trigger) => ({
      stage,
      trigger,
      matches: trigger.path === undefined ? always : pathPattern(trigger.path),
      entered: false,
      waiting: false,
    })),
  );

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
  const all = stageTriggers(stages);
  // Without a page (server rendering) there is nothing to watch.
  const { show, host = globalThis.window } = options;
  if (!all.length || !host) return { track() {}, stop() {} };
  let stopClicks: (() => void) | undefined;
  let pathname: string | undefined;
  let firedInView = new Set<string>();

  // One click listener for every waiting click trigger, rebuilt when that set changes.
  const watchWaitingClicks = () => {
    stopClicks?.();
    const targets: ClickTarget[] = all
      .filter(({ waiting, trigger }) => waiting && trigger.click)
      .map(({ stage, trigger }) => ({ selector: trigger.click!, onClick: () => fire(stage) }));
    stopClicks = targets.length ? watchClicks(targets, host.document) : undefined;
  };
  const settle = (item: StageTrigger) => {
    item.stopTimer?.();
    item.stopTimer = undefined;
    item.waiting = false;
  };
  const fire = (stage: string) => {
    // One click can match two click triggers of a stage (the listener loops over both): once.
    if (firedInView.has(stage)) return;
    firedInView.add(stage);
    for (const item of all) if (item.stage == stage) settle(item);
    watchWaitingClicks();
    show({ stage });
  };
  // The trigger's path and time hold: fire now, or wait for its click or event.
  const ready = (item: StageTrigger) => {
    if (!item.trigger.click && !item.trigger.event) return fire(item.stage);
    item.waiting = true;
    watchWaitingClicks();
  };
  const enter = (item: StageTrigger) => {
    // Another trigger of the stage fired earlier in this page view.
    if (firedInView.has(item.stage)) return;
    const seconds = item.trigger.afterSeconds;
    if (!seconds) return ready(item);
    const elapsed = () => {
      item.stopTimer = undefined;
      ready(item);
    };
    item.stopTimer = visibleTimer(seconds * 1000, elapsed, host);
  };
  const startPageView = () => {
    // Hash and query changes, and replaceState for state only, are the same page view.
    if (host.location.pathname == pathname) return;
    pathname = host.location.pathname;
    firedInView = new Set();
    for (const item of all) {
      const matches = item.matches(pathname);
      // Still within its pattern: the same visit goes on (its timer keeps running).
      if (matches && item.entered && item.trigger.path !== undefined) continue;
      settle(item);
      item.entered = matches;
      if (matches) enter(item);
    }
    watchWaitingClicks();
  };

  const stopNavigation = watchNavigation(startPageView, host);
  startPageView();
  return {
    track(event) {
      for (const item of all) if (item.waiting && item.trigger.event == event) fire(item.stage);
    },
    stop() {
      stopNavigation();
      all.forEach(settle);
      watchWaitingClicks();
    },
  };
}
