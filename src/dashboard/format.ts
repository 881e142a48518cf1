import type { NpsChange, NpsFigures } from '../core/api-types';
import type { Filters } from './api-client';

/** Below this many answers a figure is shown with "too few answers" (DESIGN "Statistics"). */
export const FEW_ANSWERS = 10;

export type Sign = 'positive' | 'negative' | 'zero';

export const signOf = (value: number): Sign => (value > 0 ? 'positive' : value < 0 ? 'negative' : 'zero');

/** "+12.5", "−3" (a real minus sign, read as "minus"), "0". */
export const signed = (value: number): string => (value > 0 ? '+' : value < 0 ? '−' : '') + Math.abs(value);

/** 0.1234 → "12.3%". */
export const percent = (ratio: number): string => `${Math.round(ratio * 1000) / 10}%`;

export const plural = (count: number, one: string, many = one + 's'): string => `${count} ${count === 1 ? one : many}`;

/** The figure as text: "+32 ± 6.1", or "–" when there are no answers. */
export function npsText(figures: Pick<NpsFigures, 'nps' | 'marginOfError' | 'total'>): string {
  return figures.total ? `${signed(figures.nps)} ± ${figures.marginOfError}` : '–';
}

/** "too few answers" for a group below {@link FEW_ANSWERS}, '' otherwise (trusts `tooFew` when present). */
export function tooFewText(figures: Pick<NpsFigures, 'total'> & { tooFew?: boolean }): string {
  const few = figures.tooFew ?? figures.total < FEW_ANSWERS;
  return few ? 'too few answers' : '';
}

const DAY_MS = 86_400_000;

/** A range's length in words, from its ISO bounds (`to` exclusive): "30 days", "day", or "period" when unclear. */
function rangeLength(from: string, to: string): string {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
  if (!Number.isFinite(days) || days < 1) return 'period';
  return days === 1 ? 'day' : `${days} days`;
}

/** "the previous 30 days", "the previous day", from the previous range's bounds (`to` exclusive). */
export function previousRangeText(change: Pick<NpsChange, 'previousFrom' | 'previousTo'>): string {
  return `the previous ${rangeLength(change.previousFrom, change.previousTo)}`;
}

/** What the headline figure covers, from the applied filters: "All time", "2026-11-01 to 2026-11-30". */
export function headlineRangeText({ from, to }: Pick<Filters, 'from' | 'to'>): string {
  if (from && to) return `${from} to ${to}`;
  if (from) return `Since ${from}`;
  return to ? `All time to ${to}` : 'All time';
}

/**
 * What the change's own NPS covers. With From set it is the headline's range ("This range"); without,
 * the collector compares the last 30 days (up to To), which the headline does not show on its own.
 */
export function changeRangeText(
  change: Pick<NpsChange, 'from' | 'to'>,
  { from, to }: Pick<Filters, 'from' | 'to'>,
): string {
  if (from) return 'This range';
  const length = rangeLength(change.from, change.to);
  return to ? `The ${length} to ${to}` : `The last ${length}`;
}

/** Whether the change can be judged: the collector says when either range has too few answers. */
export const changeTooFew = (change: Pick<NpsChange, 'tooFew'>): boolean => change.tooFew === true;

/**
 * The change against the previous range, in words:
 * "up 8.2 points since the previous 30 days — likely real", "… — within noise", or, when either
 * range has fewer than 10 answers, "… — too few answers" (never "likely real"); "no earlier answers to
 * compare" when the previous range has none.
 */
export function changeText(change: NpsChange): string {
  const since = previousRangeText(change);
  // Against nothing, every NPS would read as a change of itself ("down 100 points").
  if (change.previousTotal === 0) return 'no earlier answers to compare';
  const verdict = changeTooFew(change) ? 'too few answers' : change.significant ? 'likely real' : 'within noise';
  const delta = Math.round(Math.abs(change.delta) * 10) / 10;
  if (delta === 0) return `unchanged since ${since} — ${verdict}`;
  const direction = change.delta > 0 ? 'up' : 'down';
  return `${direction} ${delta} ${delta === 1 ? 'point' : 'points'} since ${since} — ${verdict}`;
}

/** "2026-11-30T14:05:00Z" → a short local date and time. */
export const dateTime = (iso: string): string =>
  new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });

/** Hours as "3.5 hours" / "2.1 days". */
export function durationText(hours: number): string {
  if (hours < 48) return `${Math.round(hours * 10) / 10} ${hours === 1 ? 'hour' : 'hours'}`;
  return `${Math.round((hours / 24) * 10) / 10} days`;
}
