/** The counts behind one term's comparison of two groups (i: detractors, j: promoters, say). */
export interface TermCounts {
  /** y_iw: mentions of the term in group i. */
  inFirst: number;
  /** y_jw: mentions of the term in group j. */
  inSecond: number;
  /** n_i: mentions of every term in group i. */
  totalFirst: number;
  /** n_j: mentions of every term in group j. */
  totalSecond: number;
  /** α_w: the prior's pseudo-mentions of this term (α₀ × its share of all mentions). */
  prior: number;
  /** α₀: the prior's pseudo-mentions of every term. */
  priorTotal: number;
}

/** The weighted log-odds ratio of one term, its approximate variance and its z-score. */
export interface LogOdds {
  /** δ_w: log-odds of the term in group i minus in group j (positive: group i uses it more). */
  delta: number;
  /** σ²(δ_w) ≈ 1/(y_iw + α_w) + 1/(y_jw + α_w). */
  variance: number;
  /** δ_w / σ(δ_w): 1.96 or more means group i uses it more, beyond chance at 95%. */
  z: number;
}

/**
 * The weighted log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi and Quinn
 * (2008), "Fightin' Words", Political Analysis 16(4):
 *
 *   δ_w = log((y_iw + α_w) / (n_i + α₀ − y_iw − α_w)) − log((y_jw + α_w) / (n_j + α₀ − y_jw − α_w))
 *   σ²(δ_w) ≈ 1/(y_iw + α_w) + 1/(y_jw + α_w),   z = δ_w / σ(δ_w)
 *
 * The prior pulls a rare term's odds towards its frequency in both groups together, so a word
 * mentioned twice and never on the other side is not taken for a theme.
 * @example weightedLogOdds({ inFirst: 10, inSecond: 2, totalFirst: 100, totalSecond: 120, prior: 2.5, priorTotal: 50 }).z // ≈ 2.196
 */
export function weightedLogOdds(counts: TermCounts): LogOdds {
  const { inFirst, inSecond, totalFirst, totalSecond, prior, priorTotal } = counts;
  const first = inFirst + prior;
  const second = inSecond + prior;
  const delta =
    Math.log(first / (totalFirst + priorTotal - first)) - Math.log(second / (totalSecond + priorTotal - second));
  const variance = 1 / first + 1 / second;
  return { delta, variance, z: delta / Math.sqrt(variance) };
}
