/**
 * Which responses a follow-up figure covers: by stage (`null` = responses without a stage) and by
 * `shownAt`, `from` inclusive and `to` exclusive, the same way `GET /api/stats` filters.
 */
export interface ResponseFilter {
  stage?: string | null;
  from?: Date;
  to?: Date;
}

/**
 * `and …` clauses on `nps_responses` (aliased `alias`) for `filter`, numbering parameters after
 * `params.length`, which it extends; values only ever travel as parameters.
 */
export function filterClauses(filter: ResponseFilter, params: unknown[], alias = 'r'): string {
  const clauses: string[] = [];
  const add = (sql: string, value: unknown) => clauses.push(sql.replace('?', '$' + params.push(value)));
  if (filter.stage === null) clauses.push(`${alias}.stage is null`);
  else if (filter.stage !== undefined) add(`${alias}.stage = ?`, filter.stage);
  if (filter.from) add(`${alias}.shown_at >= ?`, filter.from.toISOString());
  if (filter.to) add(`${alias}.shown_at < ?`, filter.to.toISOString());
  return clauses.map((c) => ' and ' + c).join('');
}
