import { NpsValue } from './nps-value';
import type { Week } from './week-chart-geometry';
import { ScrollingTable } from './scrolling-table';

/** NPS by week as a table, folded away: what the chart shows, for reading figure by figure. */
export function WeekTable({ weeks }: { weeks: Week[] }) {
  return (
    <details>
      <summary>NPS by week as a table</summary>
      <ScrollingTable label="NPS by week, table">
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
            {weeks.map((week) => (
              <tr key={week.week}>
                <th scope="row">{week.week}</th>
                <td>
                  <NpsValue figures={week} />
                </td>
                <td class="num">{week.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollingTable>
    </details>
  );
}
