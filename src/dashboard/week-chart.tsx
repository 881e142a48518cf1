import type { StatsReply } from '../core/api-types';
import { FEW_ANSWERS, plural, signOf, signed } from './format';
import { NpsValue } from './nps-value';
import { useWidth } from './use-width';

type Week = StatsReply['byWeek'][number];

const HEIGHT = 240;
const PAD = { left: 40, right: 12, top: 12, bottom: 36 };

/** NPS by ISO week: a point per week with its 95% margin as a band and bars, and the same as a table. */
export function WeekChart({ weeks }: { weeks: Week[] }) {
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const data = weeks.filter((w) => w.total > 0);
  const y = (v: number) => PAD.top + ((100 - v) / 200) * (HEIGHT - PAD.top - PAD.bottom);
  const step = (width - PAD.left - PAD.right) / Math.max(data.length, 1);
  const x = (i: number) => PAD.left + step * (i + 0.5);
  // Labels at least ~70 px apart so they never overlap, whatever the width.
  const labelEvery = Math.max(1, Math.ceil(70 / step));
  const low = (w: Week) => Math.max(-100, w.nps - w.marginOfError);
  const high = (w: Week) => Math.min(100, w.nps + w.marginOfError);
  const band =
    data.length > 1
      ? [...data.map((w, i) => `${x(i)},${y(high(w))}`), ...data.map((w, i) => `${x(i)},${y(low(w))}`).reverse()].join(
          ' ',
        )
      : '';
  const summary = data.length
    ? `NPS by week, ${data[0].week} to ${data[data.length - 1].week}: from ${signed(data[0].nps)} to ${signed(data[data.length - 1].nps)}. The table below has every week.`
    : 'No answers in this range.';

  return (
    <section class="panel" aria-labelledby="weeks-title">
      <h2 id="weeks-title">NPS by week</h2>
      <div class="chart" ref={ref}>
        <svg
          class="week-chart"
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-label={summary}
        >
          {[100, 50, 0, -50, -100].map((v) => (
            <g key={v}>
              <line class={v == 0 ? 'axis zero' : 'axis'} x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} />
              <text class="tick" x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
                {signed(v)}
              </text>
            </g>
          ))}
          {band && <polygon class="margin-band" points={band} />}
          {data.map((w, i) => (
            <line key={w.week + 'm'} class="margin-bar" x1={x(i)} x2={x(i)} y1={y(high(w))} y2={y(low(w))} />
          ))}
          {data.length > 1 && <polyline class="trend" points={data.map((w, i) => `${x(i)},${y(w.nps)}`).join(' ')} />}
          {data.map((w, i) => (
            <circle
              key={w.week}
              class={`point sign-${signOf(w.nps)}${w.total < FEW_ANSWERS ? ' few' : ''}`}
              cx={x(i)}
              cy={y(w.nps)}
              r="5"
            >
              <title>{`${w.week}: NPS ${signed(w.nps)} ± ${w.marginOfError} (${plural(w.total, 'answer')})`}</title>
            </circle>
          ))}
          {data.map((w, i) =>
            i % labelEvery == 0 ? (
              <text key={w.week + 'l'} class="tick" x={x(i)} y={HEIGHT - PAD.bottom + 20} text-anchor="middle">
                {w.week.replace(/^\d{4}-/, '')}
              </text>
            ) : null,
          )}
          {!data.length && (
            <text class="empty-note" x={width / 2} y={HEIGHT / 2} text-anchor="middle">
              No answers in this range
            </text>
          )}
        </svg>
      </div>
      <p class="note">
        Band and bars: 95% margin of error. Hollow points: weeks with fewer than {FEW_ANSWERS} answers.
      </p>
      {data.length > 0 && (
        <details>
          <summary>NPS by week as a table</summary>
          <div class="table-scroll" tabIndex={0} role="region" aria-label="NPS by week, table">
            <table class="figures">
              <thead>
                <tr>
                  <th scope="col">Week</th>
                  <th scope="col">NPS</th>
                  <th scope="col" class="num">
                    Answers
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.map((w) => (
                  <tr key={w.week}>
                    <th scope="row">{w.week}</th>
                    <td>
                      <NpsValue figures={w} />
                    </td>
                    <td class="num">{w.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
