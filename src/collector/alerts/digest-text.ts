import { ALERT_EVENTS, type AlertEvent } from './alert-event';

/** How many alerts of each event a digest stands for. */
export type DigestCounts = Partial<Record<AlertEvent, number>>;

const NOUNS: Record<AlertEvent, { one: string; many: string }> = {
  detractor: { one: 'detractor', many: 'detractors' },
  answer: { one: 'answer', many: 'answers' },
  comment: { one: 'comment', many: 'comments' },
};

/**
 * What a digest says, in words: the counts per event, "in the last minute".
 * @example digestText({ detractor: 14 }) // '14 more detractors in the last minute'
 * @example digestText({ detractor: 1, comment: 2 }) // '1 more detractor and 2 more comments in the last minute'
 */
export function digestText(counts: DigestCounts): string {
  const parts = ALERT_EVENTS.filter((event) => (counts[event] ?? 0) > 0).map((event) => {
    const n = counts[event] ?? 0;
    return `${n} more ${n === 1 ? NOUNS[event].one : NOUNS[event].many}`;
  });
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `${listed ?? 'no more alerts'} in the last minute`;
}
