import type { NpsCounts, NpsFigures } from '../../core/api-types';
import { addCounts, noCounts, npsFigures } from './nps-figures';
import { NO_STAGE } from '../http/read-filter';

/** At most this many stages are listed in `byStage`; the rest are summed under {@link OTHER_STAGES}. */
const MAX_STAGES = 50;

/** The `byStage` group of the stages beyond {@link MAX_STAGES}. */
const OTHER_STAGES = 'other';

/**
 * `byStage` from counts per stage (null: no stage): the {@link MAX_STAGES} most shown stages by name,
 * the rest under "other", records without a stage under "(none)". A real stage whose name is one of
 * those group names is listed under its name in double quotes (`"(none)"`), so it never merges with
 * the group.
 * @example groupStages(new Map([[null, counts], ['checkout', counts]])) // { '(none)': …, checkout: … }
 */
export function groupStages(byStage: ReadonlyMap<string | null, NpsCounts>): Record<string, NpsFigures> {
  const named = mostShownFirst(byStage);
  const groups = new Map<string, NpsCounts>();
  const none = byStage.get(null);
  if (none) groups.set(NO_STAGE, none);
  let other: NpsCounts | undefined;
  named.forEach(([stage, counts], rank) => {
    if (rank >= MAX_STAGES) other = addCounts(other ?? noCounts(), counts);
    else groups.set(stage === NO_STAGE || stage === OTHER_STAGES ? JSON.stringify(stage) : stage, counts);
  });
  if (other) groups.set(OTHER_STAGES, other);
  return Object.fromEntries([...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, c]) => [k, npsFigures(c)]));
}

/** The named groups, most shown first (then by name): the order that picks the {@link MAX_STAGES} listed. */
function mostShownFirst(byStage: ReadonlyMap<string | null, NpsCounts>): [string, NpsCounts][] {
  const named = [...byStage].filter((e): e is [string, NpsCounts] => e[0] != null);
  return named.sort(([a, x], [b, y]) => y.shown - x.shown || (a < b ? -1 : 1));
}

/**
 * The `stage=` values that select exactly one group of {@link groupStages}: the real names of the
 * stages it lists by name (unquoted), and "(none)" when some records have no stage. The `other`
 * group is no stage, and a real stage named "(none)" cannot be told from no stage by the filter, so
 * neither is offered.
 * @example stageFilters(new Map([[null, counts], ['checkout', counts]])) // ['(none)', 'checkout']
 */
export function stageFilters(byStage: ReadonlyMap<string | null, NpsCounts>): string[] {
  const names = mostShownFirst(byStage)
    .slice(0, MAX_STAGES)
    .map(([stage]) => stage)
    .filter((stage) => stage !== NO_STAGE);
  return [...(byStage.has(null) ? [NO_STAGE] : []), ...names.sort()];
}
