import type { Database } from '../store/database';
import { buildSegmentKeyStep } from './build-segment-key';
import { compactRollups } from './compact-rollups';
import { foldUserChanges } from './fold-user-changes';
import { declareSegmentKeys } from './segment-keys';

/** Timers, passed in so tests can drive them. */
interface MaintenanceTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/** Options of {@link startRollupMaintenance}. */
export interface RollupMaintenanceOptions {
  db: Database;
  /** The segment keys to declare (see {@link declareSegmentKeys}); undefined: keep the declared ones. */
  segmentKeys?: readonly string[];
  log: (message: string) => void;
  /** How often the buckets of past days are folded. @default 600000 (10 minutes) */
  compactEveryMs?: number;
  /** How often the users whose answers changed get their summaries computed again. @default 2000 */
  foldEveryMs?: number;
  /** The pause between two build steps, which lets new responses through. @default 100 */
  buildPauseMs?: number;
  /** After a failed step (the database unavailable), the next try. @default 30000 */
  retryAfterMs?: number;
  timers?: MaintenanceTimers;
}

/** The rollups' background work while the collector runs. */
export interface RollupMaintenance {
  /** Settles once the segment keys have been declared (or the attempt failed and was logged). */
  readonly ready: Promise<void>;
  /** Stops the work; a step in flight finishes first. */
  stop(): Promise<void>;
}

const DEFAULT_TIMERS: MaintenanceTimers = {
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/**
 * What autovacuum does on a PostgreSQL server, which PGlite lacks: vacuum the table whose rows come
 * and go all day (the noted user changes), and refresh the planner's statistics, without which it may
 * read a whole table where an index range would do.
 */
export async function tidyPglite(db: Database): Promise<void> {
  await db.query('vacuum nps_user_changes');
  await db.query(
    'analyze nps_responses, nps_rollup_days, nps_rollup_stages, nps_rollup_segment_days, nps_rollup_segment_key_days, nps_rollup_segment_values, nps_user_summaries',
  );
}

/**
 * Declares the segment keys, builds the rollup of any key declared after responses were stored
 * (step by step, in the background; `/api/stats?segment=` says it is not ready meanwhile), computes
 * again the summaries of users whose answers changed every `foldEveryMs`, and folds the buckets of
 * past days every `compactEveryMs`. Any number of collectors may run it on one
 * database: build steps and folds take their own locks.
 */
export function startRollupMaintenance(options: RollupMaintenanceOptions): RollupMaintenance {
  const { db, log } = options;
  const timers = options.timers ?? DEFAULT_TIMERS;
  const compactEveryMs = options.compactEveryMs ?? 600_000;
  const buildPauseMs = options.buildPauseMs ?? 100;
  const foldEveryMs = options.foldEveryMs ?? 2000;
  const retryAfterMs = options.retryAfterMs ?? 30_000;
  let running = true;
  let timer: unknown;
  let inFlight: Promise<void> = Promise.resolve();
  let declared = options.segmentKeys === undefined;
  // The first pass folds and, on PGlite, refreshes the statistics at once.
  let nextCompaction = Date.now();

  const schedule = (ms: number) => {
    if (!running) return;
    timer = timers.setTimeout(() => {
      inFlight = work();
    }, ms);
  };

  async function declare(): Promise<void> {
    if (declared || !options.segmentKeys) return;
    const { added, dropped } = await declareSegmentKeys(db, options.segmentKeys);
    declared = true;
    if (added.length || dropped.length)
      log(
        `collector: segment keys declared: ${added.join(', ') || 'none'} added, ${dropped.join(', ') || 'none'} dropped`,
      );
  }

  async function work(): Promise<void> {
    try {
      await declare();
      const step = await buildSegmentKeyStep(db);
      if (step?.built) log(`collector: the rollup of segment key ${step.key} is built`);
      if (step) return schedule(step.built ? 0 : buildPauseMs);
      await foldUserChanges(db.query, { wait: false });
      if (Date.now() >= nextCompaction) {
        nextCompaction = Date.now() + compactEveryMs;
        await compactRollups(db);
        if (db.kind === 'pglite') await tidyPglite(db);
      }
      schedule(Math.min(foldEveryMs, Math.max(0, nextCompaction - Date.now())));
    } catch (error) {
      log(`collector: rollup maintenance failed (tried again in ${retryAfterMs / 1000} s): ${String(error)}`);
      schedule(retryAfterMs);
    }
  }

  const ready = declare().catch((error: unknown) => log(`collector: could not declare segment keys: ${String(error)}`));
  inFlight = ready.then(() => work());
  return {
    ready,
    async stop() {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      await inFlight;
    },
  };
}
