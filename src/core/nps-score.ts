import { fail } from './fail';
import { type Category, categoryFor, isScore, SCORE_RANGE } from './nps-scale';

/**
 * The NPS category of a 0..10 score.
 * @example categoryOf(9) // 'promoter'
 */
export function categoryOf(score: number): Category {
  if (!isScore(score)) fail('score', SCORE_RANGE, score);
  return categoryFor(score);
}

/**
 * Net Promoter Score of a list of scores: % promoters − % detractors, from −100 to 100.
 * Returns 0 for an empty list, so check the count before reading meaning into it.
 * @example npsScore([10, 9, 8, 3]) // 25
 */
export function npsScore(scores: readonly number[]): number {
  let net = 0;
  for (const score of scores) {
    const category = categoryOf(score);
    net += category === 'promoter' ? 1 : category === 'detractor' ? -1 : 0;
  }
  return scores.length ? (net * 100) / scores.length : 0;
}
