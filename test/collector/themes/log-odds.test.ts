import { describe, expect, it } from 'vitest';
import { weightedLogOdds } from '../../../src/collector/themes/log-odds';

// The weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
// "Fightin' Words", Political Analysis 16(4)), against an example worked by hand.
//
// Group i (detractors) mentions terms 100 times in all (n_i = 100), group j (promoters) 120 times
// (n_j = 120). The term w: 10 mentions in i (y_iw = 10), 2 in j (y_jw = 2). The prior has α₀ = 50
// pseudo-mentions, and w makes 5% of all mentions, so α_w = 50 × 0.05 = 2.5.
//
//   odds of w in i:  (y_iw + α_w) / (n_i + α₀ − y_iw − α_w) = 12.5 / (100 + 50 − 10 − 2.5) = 12.5 / 137.5
//                    = 0.0909091,  ln = −2.3978953
//   odds of w in j:  (y_jw + α_w) / (n_j + α₀ − y_jw − α_w) = 4.5 / (120 + 50 − 2 − 2.5)   = 4.5 / 165.5
//                    = 0.0271903,  ln = −3.6048938
//   δ_w   = −2.3978953 − (−3.6048938) = 1.2069985
//   σ²    = 1/(y_iw + α_w) + 1/(y_jw + α_w) = 1/12.5 + 1/4.5 = 0.08 + 0.2222222 = 0.3022222
//   σ     = √0.3022222 = 0.5497474
//   z     = 1.2069985 / 0.5497474 = 2.1955511   (≥ 1.96: group i mentions w more, beyond chance)
const EXAMPLE = { inFirst: 10, inSecond: 2, totalFirst: 100, totalSecond: 120, prior: 2.5, priorTotal: 50 };

describe('the weighted log-odds ratio', () => {
  it('matches the example worked by hand: δ, its variance and z', () => {
    const { delta, variance, z } = weightedLogOdds(EXAMPLE);
    expect(delta).toBeCloseTo(1.2069985, 6);
    expect(variance).toBeCloseTo(0.3022222, 6);
    expect(z).toBeCloseTo(2.1955511, 6);
  });

  it('swapping the groups negates δ and z and keeps the variance', () => {
    const swapped = weightedLogOdds({
      ...EXAMPLE,
      inFirst: EXAMPLE.inSecond,
      inSecond: EXAMPLE.inFirst,
      totalFirst: EXAMPLE.totalSecond,
      totalSecond: EXAMPLE.totalFirst,
    });
    expect(swapped.delta).toBeCloseTo(-1.2069985, 6);
    expect(swapped.variance).toBeCloseTo(0.3022222, 6);
    expect(swapped.z).toBeCloseTo(-2.1955511, 6);
  });

  it('a term used at the same rate by both groups scores 0', () => {
    const { delta, z } = weightedLogOdds({
      inFirst: 10,
      inSecond: 20,
      totalFirst: 100,
      totalSecond: 200,
      prior: 0,
      priorTotal: 0,
    });
    // 10/90 against 20/180: the same odds.
    expect(delta).toBeCloseTo(0, 12);
    expect(z).toBeCloseTo(0, 12);
  });

  it('a stronger prior pulls a rare term towards no difference', () => {
    const rare = { inFirst: 3, inSecond: 0, totalFirst: 1000, totalSecond: 1000 };
    const weak = weightedLogOdds({ ...rare, prior: 0.3, priorTotal: 100 });
    const strong = weightedLogOdds({ ...rare, prior: 3, priorTotal: 1000 });
    expect(strong.delta).toBeLessThan(weak.delta);
    expect(strong.delta).toBeGreaterThan(0);
  });
});
