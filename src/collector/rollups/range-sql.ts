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

/** One part of a range: its sign, and the condition on a column that selects it. */
export interface RangePart {
  sign: 1 | -1;
  within(column: string): string;
}

/** The rollup days of a plan, each span a condition on a `date` column (each its own index range). */
export function dayParts(plan: RangePlan, params: Params): RangePart[] {
  return plan.days.map((span) => {
    const first = span.first === undefined ? undefined : params.add(span.first, 'date');
    const end = span.end === undefined ? undefined : params.add(span.end, 'date');
    return {
      sign: span.sign,
      within: (column) =>
        [first && `${column} >= ${first}`, end && `${column} < ${end}`].filter(Boolean).join(' and ') || 'true',
    };
  });
}

/** The stored-row parts of a plan, each a condition on a `timestamptz` column (an index range of `shown_at`). */
export function rowParts(plan: RangePlan, params: Params): RangePart[] {
  return plan.rows.map((part) => {
    const from = params.add(part.from.toISOString(), 'timestamptz');
    const to = params.add(part.to.toISOString(), 'timestamptz');
    return { sign: part.sign, within: (column) => `${column} >= ${from} and ${column} < ${to}` };
  });
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

/** The sums of the count columns of rollup rows `r`, times `sign`. */
export const rollupSums = (sign: number) => `(${sign} * sum(r.shown))::int as shown,
  (${sign} * sum(r.promoters))::int as promoters, (${sign} * sum(r.passives))::int as passives,
  (${sign} * sum(r.detractors))::int as detractors`;

/** The counts of stored rows `r`, times `sign`. */
export const storedSums = (sign: number) => `(${sign} * count(*))::int as shown,
  (${sign} * count(*) filter (where r.status = 'answered' and r.category = 'promoter'))::int as promoters,
  (${sign} * count(*) filter (where r.status = 'answered' and r.category = 'passive'))::int as passives,
  (${sign} * count(*) filter (where r.status = 'answered' and r.category = 'detractor'))::int as detractors`;

/** The counts of a row of {@link rollupSums} or {@link storedSums} (a sum of no rows is null). */
export const countsOf = (row: Row): NpsCounts => ({
  promoters: Number(row.promoters ?? 0),
  passives: Number(row.passives ?? 0),
  detractors: Number(row.detractors ?? 0),
  shown: Number(row.shown ?? 0),
});
