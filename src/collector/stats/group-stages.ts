import type { NpsCounts, NpsFigures } from '../../core/api-types';
import { NO_STAGE } from '../http/read-filter';
import { npsFigures } from './nps-figures';

/** The group of the stages (or trait values) beyond the 50 named ones. */
const OTHER_STAGES = 'other';

/** Groups of a figure: the named ones (at most 50), the rest together, and the responses without any. */
export interface Groups {
  named: ReadonlyMap<string, NpsCounts>;
  other?: NpsCounts;
  none?: NpsCounts;
}

/** Whether a group holds any response of the range. */
const holdsResponses = (counts: NpsCounts | undefined): counts is NpsCounts => !!counts && counts.shown > 0;

/**
 * `byStage` (or `bySegment`) from its groups: the named stages under their names, the rest under
 * "other", responses without a stage under "(none)"; groups without responses in the range are left
 * out. A real stage whose name is one of those group names is listed under its name in double quotes
 * (`"(none)"`), so it never merges with the group.
 * @example labelGroups({ named: new Map([['checkout', counts]]), none }) // { '(none)': …, checkout: … }
 */
export function labelGroups({ named, other, none }: Groups): Record<string, NpsFigures> {
  const groups = new Map<string, NpsCounts>();
  if (holdsResponses(none)) groups.set(NO_STAGE, none);
  for (const [name, counts] of named)
    if (holdsResponses(counts))
      groups.set(name === NO_STAGE || name === OTHER_STAGES ? JSON.stringify(name) : name, counts);
  if (holdsResponses(other)) groups.set(OTHER_STAGES, other);
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, counts]) => [label, npsFigures(counts)]),
  );
}

/**
 * The `stage=` values that select exactly one group of {@link labelGroups}: the real names of the
 * stages it lists by name (unquoted), and "(none)" when some responses have no stage. The `other`
 * group is no stage, and a real stage named "(none)" cannot be told from no stage by the filter, so
 * neither is offered.
 * @example stageFilters({ named: new Map([['checkout', counts]]), none }) // ['(none)', 'checkout']
 */
export function stageFilters({ named, none }: Groups): string[] {
  const names = [...named]
    .filter(([name, counts]) => holdsResponses(counts) && name !== NO_STAGE)
    .map(([name]) => name);
  return [...(holdsResponses(none) ? [NO_STAGE] : []), ...names.sort()];
}
