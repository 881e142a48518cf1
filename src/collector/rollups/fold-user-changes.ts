import type { Query } from '../store/queryable';

/** Users whose summaries one fold computes again. */
const FOLD_USERS = 1000;

/** At most this many folds in one call: a reader never waits on a stream of new answers. */
const MAX_FOLDS = 20;

/**
 * Computes again the summaries of the users whose answers changed since the last fold (see
 * `ROLLUP_APPLY_USERS`), `FOLD_USERS` users per step. `wait`: wait for another fold in progress (a
 * reader that must see every committed answer); else skip what another fold holds (the collector's
 * background work).
 * @returns how many users it folded
 * @example await foldUserChanges(db.query, { wait: true })
 */
export async function foldUserChanges(query: Query, { wait }: { wait: boolean }): Promise<number> {
  let folded = 0;
  for (let fold = 0; fold < MAX_FOLDS; fold++) {
    const { rows } = await query('select nps_fold_user_changes($1, $2) as folded', [FOLD_USERS, !wait]);
    const users = Number(rows[0]?.folded ?? 0);
    folded += users;
    if (users < FOLD_USERS) break;
  }
  return folded;
}
