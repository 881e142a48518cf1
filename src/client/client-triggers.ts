import { NpsError } from '../core/errors';
import type { StageConfig } from '../core/options';
import { retryingOnce } from './load-prompt';
import type { TriggerWatch, WatchTriggersOptions } from '../triggers-entry';

/** What the trigger runtime (`triggers.js`, or a chunk of the ESM build) exports. */
export type TriggersModule = typeof import('../triggers-entry');

/** The client's side of the triggers: app events, a restart (consent granted) and the end. */
export interface ClientTriggers {
  /** `nps.track(event)`: passed on, or kept until the trigger runtime has loaded. */
  track(event: string): void;
  /** Watches afresh, so the current page's triggers are evaluated again. (Shortened in nps.js: MANGLED in rollup.config.mjs.) */
  restart(): void;
  /** Removes every listener and timer; events kept for a runtime still loading are dropped. */
  stop(): void;
}

/**
 * Loads the trigger runtime only when some stage has `on` (teams without triggers pay nothing),
 * and starts watching at once. Events tracked before it has loaded are replayed in order once it
 * has; a failed load is reported (`load-failed`) and tried again by the next `track()`.
 */
export function clientTriggers(
  stages: Readonly<Record<string, StageConfig | undefined>> | undefined,
  load: () => Promise<TriggersModule>,
  show: WatchTriggersOptions['show'],
  onError: (e: NpsError) => void,
): ClientTriggers {
  const used = !!stages && Object.values(stages).some((stage) => stage?.on !== undefined);
  const loadOnce = retryingOnce(load);
  const early: string[] = [];
  let runtime: TriggersModule | undefined;
  let watch: TriggerWatch | undefined;
  let loading = false;
  let stopped = false;
  // Only called once the runtime is in use, which means some stage has `on`.
  const watchWith = (loaded: TriggersModule) => loaded.watchTriggers(stages ?? {}, { show });

  const begin = () => {
    loading = true;
    loadOnce().then(
      (loaded) => {
        loading = false;
        if (stopped) return;
        runtime = loaded;
        watch = watchWith(loaded);
        for (const event of early.splice(0)) watch.track(event);
      },
      (e) => {
        loading = false;
        onError(new NpsError('load-failed', 'could not load the trigger runtime', e));
      },
    );
  };
  if (used) begin();

  return {
    track(event) {
      if (watch) return watch.track(event);
      if (!used || stopped) return;
      early.push(event);
      if (!loading) begin();
    },
    restart() {
      if (!watch || !runtime || stopped) return;
      watch.stop();
      watch = watchWith(runtime);
    },
    stop() {
      stopped = true;
      early.length = 0;
      watch?.stop();
      watch = undefined;
    },
  };
}
