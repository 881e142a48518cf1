import { addCounts, npsFigures, noCounts, type NpsCounts, type NpsFigures } from '../core/nps-figures';
import { NO_STAGE } from './read-filter';

/** At most this many stages are listed in `byStage`; the rest are summed under {@link OTHER_STAGES}. */
export const MAX_STAGES = 50;

/** The `byStage` group of the stages beyond {@link MAX_STAGES}. */
export const OTHER_STAGES = 'other';

/**
 * `byStage` from counts per stage (null: no stage): the {@link MAX_STAGES} most shown stages by name,
 * the rest under "other", records without a stage under "(none)". A real stage whose name is one of
 * those group names is listed under its name in double quotes (`"(none)"`), so it never merges with
 * the group.
 * @example groupStages(new Map([[null, counts], ['checkout', counts]])) // { '(none)': …, checkout: … }
 */
export function groupStages(byStage: ReadonlyMap<string | null, NpsCounts>): Record<string, NpsFigures> {
  const named = [...byStage].filter((e): e is [string, NpsCounts] => e[0] != null);
  named.sort(([a, x], [b, y]) => y.shown - x.shown || (a < b ? -1 : 1));
  const groups = new Map<string, NpsCounts>();
  const none = byStage.get(null);
  if (none) groups.set(NO_STAGE, none);
  let other: NpsCounts | undefined;
  named.forEach(([stage, counts], i) => {
    if (i >= MAX_STAGES) other = addCounts(other ?? noCounts(), counts);
    else groups.set(stage == NO_STAGE || stage == OTHER_STAGES ? JSON.stringify(stage) : stage, counts);
  });
  if (other) groups.set(OTHER_STAGES, other);
  return Object.fromEntries([...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, c]) => [k, npsFigures(c)]));
}
