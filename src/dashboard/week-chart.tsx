import { FEW_ANSWERS, plural, signed, signOf } from './format';
import { useWidth } from './use-width';
import {
  CHART_HEIGHT,
  CHART_PADDING,
  marginBand,
  marginHigh,
  marginLow,
  type Week,
  type WeekChartGeometry,
  weekChartGeometry,
} from './week-chart-geometry';
import { WeekTable } from './week-table';

/** What a screen reader hears for the chart: the range and the first and last NPS. */
function chartSummary(weeks: Week[]): string {
  if (!weeks.length) return 'No answers in this range.';
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  return `NPS by week, ${first.week} to ${last.week}: from ${signed(first.nps)} to ${signed(last.nps)}. The table below has every week.`;
}

/** The horizontal lines at −100, −50, 0, +50 and +100, with their values at the left. */
function NpsGridLines({ width, yOf }: { width: number; yOf: WeekChartGeometry['yOf'] }) {
  return (
    <>
      {[100, 50, 0, -50, -100].map((tick) => (
        <g key={tick}>
          <line
            class={tick === 0 ? 'axis zero' : 'axis'}
            x1={CHART_PADDING.left}
            x2={width - CHART_PADDING.right}
            y1={yOf(tick)}
            y2={yOf(tick)}
          />
          <text class="tick" x={CHART_PADDING.left - 6} y={yOf(tick) + 4} text-anchor="end">
            {signed(tick)}
          </text>
        </g>
      ))}
    </>
  );
}

/** The week labels under the plot ("W47"), every `labelEvery` weeks. */
function WeekLabels({ weeks, xOf, labelEvery }: { weeks: Week[]; xOf: WeekChartGeometry['xOf']; labelEvery: number }) {
  return (
    <>
      {weeks.map((week, index) =>
        index % labelEvery === 0 ? (
          <text
            key={`${week.week}l`}
            class="tick"
            x={xOf(index)}
            y={CHART_HEIGHT - CHART_PADDING.bottom + 20}
            text-anchor="middle"
          >
            {week.week.replace(/^\d{4}-/, '')}
          </text>
        ) : null,
      )}
    </>
  );
}

/** NPS by ISO week: a point per week with its 95% margin as a band and bars, and the same as a table. */
export function WeekChart({ weeks }: { weeks: Week[] }) {
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const answered = weeks.filter((week) => week.total > 0);
  const geometry = weekChartGeometry(answered.length, width);
  const { xOf, yOf, labelEvery } = geometry;
  const band = marginBand(answered, geometry);

  return (
    <section class="panel" aria-labelledby="weeks-title">
      <h2 id="weeks-title">NPS by week</h2>
      <div class="chart" ref={ref}>
        <svg
          class="week-chart"
          width={width}
          height={CHART_HEIGHT}
          viewBox={`0 0 ${width} ${CHART_HEIGHT}`}
          role="img"
          aria-label={chartSummary(answered)}
        >
          <NpsGridLines width={width} yOf={yOf} />
          {band && <polygon class="margin-band" points={band} />}
          {answered.map((week, index) => (
            <line
              key={`${week.week}m`}
              class="margin-bar"
              x1={xOf(index)}
              x2={xOf(index)}
              y1={yOf(marginHigh(week))}
              y2={yOf(marginLow(week))}
            />
          ))}
          {answered.length > 1 && (
            <polyline
              class="trend"
              points={answered.map((week, index) => `${xOf(index)},${yOf(week.nps)}`).join(' ')}
            />
          )}
          {answered.map((week, index) => (
            <circle
              key={week.week}
              class={`point sign-${signOf(week.nps)}${week.total < FEW_ANSWERS ? ' few' : ''}`}
              cx={xOf(index)}
              cy={yOf(week.nps)}
              r="5"
            >
              <title>{`${week.week}: NPS ${signed(week.nps)} ± ${week.marginOfError} (${plural(week.total, 'answer')})`}</title>
            </circle>
          ))}
          <WeekLabels weeks={answered} xOf={xOf} labelEvery={labelEvery} />
          {!answered.length && (
            <text class="empty-note" x={width / 2} y={CHART_HEIGHT / 2} text-anchor="middle">
              No answers in this range
            </text>
          )}
        </svg>
      </div>
      <p class="note">
        Band and bars: 95% margin of error. Hollow points: weeks with fewer than {FEW_ANSWERS} answers.
      </p>
      {answered.length > 0 && <WeekTable weeks={answered} />}
    </section>
  );
}
