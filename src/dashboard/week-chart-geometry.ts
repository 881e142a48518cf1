import type { StatsReply } from '../core/api-types';

/** The figures of one ISO week, as `byWeek` lists them. */
export type Week = StatsReply['byWeek'][number];

/** The chart's height in pixels; its width follows the panel. */
export const CHART_HEIGHT = 240;
/** Room around the plot for the NPS ticks (left) and the week labels (bottom). */
export const CHART_PADDING = { left: 40, right: 12, top: 12, bottom: 36 };

/** The lower end of a week's 95% margin, within the NPS scale. */
export const marginLow = (week: Week) => Math.max(-100, week.nps - week.marginOfError);
/** The upper end of a week's 95% margin, within the NPS scale. */
export const marginHigh = (week: Week) => Math.min(100, week.nps + week.marginOfError);

/**
 * Where things go in a chart `width` pixels wide with `weekCount` weeks: the x of the week at an
 * index, the y of an NPS value (−100 … 100), and how many weeks apart the labels are.
 * @example weekChartGeometry(12, 640).yOf(0) // the zero line
 */
export function weekChartGeometry(weekCount: number, width: number) {
  const step = (width - CHART_PADDING.left - CHART_PADDING.right) / Math.max(weekCount, 1);
  return {
    xOf: (index: number) => CHART_PADDING.left + step * (index + 0.5),
    yOf: (nps: number) =>
      CHART_PADDING.top + ((100 - nps) / 200) * (CHART_HEIGHT - CHART_PADDING.top - CHART_PADDING.bottom),
    // Labels at least ~70 px apart so they never overlap, whatever the width.
    labelEvery: Math.max(1, Math.ceil(70 / step)),
  };
}

/** The scales and label spacing of one chart. */
export type WeekChartGeometry = ReturnType<typeof weekChartGeometry>;

/** The points of the margin band: along the upper ends, back along the lower ends; '' for fewer than 2 weeks. */
export function marginBand(weeks: Week[], { xOf, yOf }: WeekChartGeometry): string {
  if (weeks.length <= 1) return '';
  const upper = weeks.map((week, index) => `${xOf(index)},${yOf(marginHigh(week))}`);
  const lower = weeks.map((week, index) => `${xOf(index)},${yOf(marginLow(week))}`).reverse();
  return [...upper, ...lower].join(' ');
}
