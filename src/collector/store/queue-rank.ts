/** The follow-up queue's order: detractors, passives, promoters, then unanswered (a cursor carries it). */
export const QUEUE_RANK = `(case category when 'detractor' then 0 when 'passive' then 1 when 'promoter' then 2 else 3 end)`;

/** The queue rank of a category, as {@link QUEUE_RANK} computes it. */
export const queueRank = (category: string | null): number =>
  ({ detractor: 0, passive: 1, promoter: 2 })[category ?? ''] ?? 3;
