import type { NpsCounts } from '../../core/api-types';
import { NO_STAGE } from '../http/read-filter';
import type { Row } from '../store/queryable';
import type { RangePlan } from './range-plan';
import { SCOPE } from './rollup-tables';

/** Parameters of one statement, numbered as they are added. */
export class Params {
  readonly values: unknown[] = [];
  /** `$n` for `value`, cast to `type`. */
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** The rollup days of a plan as a `values` list `spans(first, past, sign)`; undefined when there are none. */
export function daySpans(plan: RangePlan, params: Params): string | undefined {
  if (!plan.days.length) return undefined;
  const rows = plan.days.map(
    (span) =>
      `(${params.add(span.first ?? '-infinity', 'date')}, ${params.add(span.end ?? 'infinity', 'date')}, ${span.sign})`,
  );
  return `(values ${rows.join(', ')}) spans(first, past, sign)`;
}

/** The stored-row parts of a plan as a `values` list `parts(from_at, to_at, sign)`; undefined when there are none. */
export function rowSpans(plan: RangePlan, params: Params): string | undefined {
  if (!plan.rows.length) return undefined;
  const rows = plan.rows.map(
    (part) =>
      `(${params.add(part.from.toISOString(), 'timestamptz')}, ${params.add(part.to.toISOString(), 'timestamptz')}, ${part.sign})`,
  );
  return `(values ${rows.join(', ')}) parts(from_at, to_at, sign)`;
}

/** Which rollup rows and stored rows a stage filter selects. */
export interface StageScope {
  scope: number;
  stage: string;
}

/** The rollup scope of a `stage=` filter: every stage, no stage (`(none)`), or one stage. */
export function stageScopeOf(stage: string | undefined): StageScope {
  if (stage === undefined) return { scope: SCOPE.everyStage, stage: '' };
  if (stage === NO_STAGE) return { scope: SCOPE.noStage, stage: '' };
  return { scope: SCOPE.namedStage, stage };
}

/** The condition on stored rows (alias `r`) that matches a stage scope. */
export function storedRowsOf(scope: StageScope, params: Params): string {
  if (scope.scope === SCOPE.everyStage) return 'true';
  if (scope.scope === SCOPE.noStage) return 'r.stage is null';
  return `r.stage = ${params.add(scope.stage, 'text')}`;
}

/** The signed sums of the count columns of rollup rows `r` joined with `spans`. */
export const ROLLUP_SUMS = `sum(spans.sign * r.shown)::int as shown, sum(spans.sign * r.promoters)::int as promoters,
  sum(spans.sign * r.passives)::int as passives, sum(spans.sign * r.detractors)::int as detractors`;

/** The signed counts of stored rows `r` joined with `parts`. */
export const STORED_SUMS = `sum(parts.sign)::int as shown,
  sum(parts.sign) filter (where r.status = 'answered' and r.category = 'promoter')::int as promoters,
  sum(parts.sign) filter (where r.status = 'answered' and r.category = 'passive')::int as passives,
  sum(parts.sign) filter (where r.status = 'answered' and r.category = 'detractor')::int as detractors`;

/** The counts of a row of {@link ROLLUP_SUMS} or {@link STORED_SUMS} (a filtered sum of no rows is null). */
export const countsOf = (row: Row): NpsCounts => ({
  promoters: Number(row.promoters ?? 0),
  passives: Number(row.passives ?? 0),
  detractors: Number(row.detractors ?? 0),
  shown: Number(row.shown ?? 0),
});
