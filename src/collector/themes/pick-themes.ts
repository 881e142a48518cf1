import type { Category } from '../../core/wire';
import { weightedLogOdds } from './log-odds';
import type { Tallies, TermTally } from './tally-terms';

/** A z-score of at least this is beyond chance at 95% (two-sided normal quantile). */
const Z_THRESHOLD = 1.96;

/** A term one side mentions more than the other, before its readable form is known. */
export interface PickedTerm {
  term: string;
  tally: TermTally;
  /** z in favour of this side, two decimals. */
  z: number;
  /** Up to three responses of this side that mention it, newest first. */
  examples: string[];
  /** The newest responses of this side that mention it (at most eight): how this side writes it. */
  sources: string[];
}

/** Example responses per term and side. */
const EXAMPLES = 3;

/** What {@link pickThemes} needs besides the tallies. */
export interface PickSettings {
  minMentions: number;
  priorPerComment: number;
  /** Terms per side. */
  limit: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

const strongestFirst = (a: PickedTerm, b: PickedTerm) => b.z - a.z || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/**
 * The terms detractors mention more than promoters, and the reverse: weighted log-odds with an
 * informative Dirichlet prior (`log-odds.ts`), where α₀ = `priorPerComment` × the comments compared and
 * α_w = α₀ × the term's share of all mentions (passives' included). A term is kept for a side when
 * its z for that side is at least {@link Z_THRESHOLD} and at least `minMentions` of that side's
 * comments mention it; each side holds the `limit` strongest, then alphabetical among equals.
 */
export function pickThemes(
  tallies: Tallies,
  { minMentions, priorPerComment, limit }: PickSettings,
): { detractors: PickedTerm[]; promoters: PickedTerm[] } {
  const { mentions, comments } = tallies;
  const allMentions = mentions.detractor + mentions.passive + mentions.promoter;
  const priorTotal = priorPerComment * (comments.detractor + comments.passive + comments.promoter);
  const detractors: PickedTerm[] = [];
  const promoters: PickedTerm[] = [];
  if (allMentions === 0) return { detractors, promoters };
  const keep = (side: PickedTerm[], category: Category, term: string, tally: TermTally, z: number) => {
    if (z >= Z_THRESHOLD && tally.counts[category] >= minMentions)
      side.push({
        term,
        tally,
        z: round2(z),
        examples: tally.newest[category].slice(0, EXAMPLES),
        sources: tally.newest[category],
      });
  };
  for (const [term, tally] of tallies.terms) {
    const { detractor, passive, promoter } = tally.counts;
    const { z } = weightedLogOdds({
      inFirst: detractor,
      inSecond: promoter,
      totalFirst: mentions.detractor,
      totalSecond: mentions.promoter,
      prior: (priorTotal * (detractor + passive + promoter)) / allMentions,
      priorTotal,
    });
    keep(detractors, 'detractor', term, tally, z);
    // Swapping the groups negates δ and leaves σ as it is.
    keep(promoters, 'promoter', term, tally, -z);
  }
  return {
    detractors: detractors.sort(strongestFirst).slice(0, limit),
    promoters: promoters.sort(strongestFirst).slice(0, limit),
  };
}
