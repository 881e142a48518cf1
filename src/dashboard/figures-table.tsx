import type { NpsFigures } from '../core/api-types';
import { percent } from './format';
import { NpsValue } from './nps-value';
import { ScrollingTable } from './scrolling-table';

/** NPS, margin, answers, split and response rate per group (stage or segment value). */
export function FiguresTable({
  id,
  title,
  groupLabel,
  groups,
}: {
  id: string;
  title: string;
  groupLabel: string;
  groups: Record<string, NpsFigures>;
}) {
  const rows = Object.entries(groups);
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p class="empty-note">No responses in this range.</p>
      ) : (
        <ScrollingTable label={`${title}, table`}>
          <table class="figures">
            <thead>
              <tr>
                <th scope="col">{groupLabel}</th>
                <th scope="col">NPS ± 95%</th>
                <th scope="col" class="num">
                  Answers
                </th>
                <th scope="col" class="num wide-only">
                  Promoters
                </th>
                <th scope="col" class="num wide-only">
                  Passives
                </th>
                <th scope="col" class="num wide-only">
                  Detractors
                </th>
                <th scope="col" class="num">
                  Response rate
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([name, figures]) => (
                <tr key={name}>
                  <th scope="row" class="group">
                    {name}
                  </th>
                  <td>
                    <NpsValue figures={figures} />
                  </td>
                  <td class="num">{figures.total}</td>
                  <td class="num wide-only">{figures.promoters}</td>
                  <td class="num wide-only">{figures.passives}</td>
                  <td class="num wide-only">{figures.detractors}</td>
                  <td class="num">{figures.shown ? percent(figures.responseRate) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollingTable>
      )}
    </section>
  );
}
