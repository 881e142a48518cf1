/**
 * The NPS scale, defined once: the scores 0 to 10 and the three categories with their boundaries.
 * The prompt draws it, the survey and the collector check against it, the SQL constraints and the
 * alert bodies are written from it; the wire schema (`schema/response.v1.json`) is tested to agree.
 */

/** The lowest and the highest score. */
export const MIN_SCORE = 0;
export const MAX_SCORE = 10;

/** The lowest score of a passive (7) and of a promoter (9); below a passive is a detractor (0–6). */
const PASSIVE_FROM = 7;
const PROMOTER_FROM = 9;

/** Every score, lowest first: what the prompt offers. */
export const SCORES: readonly number[] = Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, (_, i) => MIN_SCORE + i);

/** The categories, from the lowest scores up. */
export const CATEGORIES = ['detractor', 'passive', 'promoter'] as const;

/** NPS category of a score: detractor 0–6, passive 7–8, promoter 9–10. */
export type Category = (typeof CATEGORIES)[number];

/** How a valid score reads in messages: "an integer from 0 to 10". */
export const SCORE_RANGE = `an integer from ${MIN_SCORE} to ${MAX_SCORE}`;

/**
 * Whether `value` is a score on the scale (an integer from 0 to 10).
 * @example isScore(7) // true
 */
export const isScore = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= MIN_SCORE && (value as number) <= MAX_SCORE;

/**
 * The category of a score that is on the scale (check it with {@link isScore} first).
 * @example categoryFor(9) // 'promoter'
 */
export const categoryFor = (score: number): Category =>
  score >= PROMOTER_FROM ? 'promoter' : score >= PASSIVE_FROM ? 'passive' : 'detractor';
