import type { StatsReply } from '../core/api-types';
import type { Filters } from './api-client';
import { ChangeNote } from './change-note';
import { durationText, headlineRangeText, percent, plural } from './format';
import { NpsValue } from './nps-value';
import { SplitBar } from './split-bar';

/**
 * The headline NPS (its range, margin, "too few", change), the split, the response rate and the
 * follow-up metrics. `filters` are the applied filters (`stats` is loaded for them): they say which
 * range the headline covers, which the reply itself does not.
 */
export function SummaryCards({ stats, filters }: { stats: StatsReply; filters: Pick<Filters, 'from' | 'to'> }) {
  const { change, followUp } = stats;
  const share = (count: number) => (stats.total ? percent(count / stats.total) + ' of answers' : '');
  return (
    <section class="cards" aria-labelledby="summary-title">
      <h2 id="summary-title" class="visually-hidden">
        Summary
      </h2>
      <article class="card headline">
        <h3>NPS</h3>
        <p class="big">
          <NpsValue figures={stats} />
        </p>
        <p class="note">
          {headlineRangeText(filters)} · {plural(stats.total, 'answer')} · ± is the 95% margin of error
        </p>
        {change && <ChangeNote change={change} filters={filters} />}
      </article>
      <article class="card split-card">
        <h3>Split of answers</h3>
        <SplitBar figures={stats} />
        <ul class="legend">
          <li>
            <span class="dot promoter" aria-hidden="true" /> Promoters {stats.promoters}{' '}
            <small>{share(stats.promoters)}</small>
          </li>
          <li>
            <span class="dot passive" aria-hidden="true" /> Passives {stats.passives}{' '}
            <small>{share(stats.passives)}</small>
          </li>
          <li>
            <span class="dot detractor" aria-hidden="true" /> Detractors {stats.detractors}{' '}
            <small>{share(stats.detractors)}</small>
          </li>
        </ul>
      </article>
      <article class="card">
        <h3>Response rate</h3>
        <p class="big">{stats.shown ? percent(stats.responseRate) : '–'}</p>
        <p class="note">
          {stats.total} answered of {stats.shown} shown
        </p>
      </article>
      {followUp && (
        <article class="card">
          <h3>Detractors contacted</h3>
          <p class="big">{followUp.detractors ? percent(followUp.contactedShare) : '–'}</p>
          <p class="note">
            {followUp.contacted} of {plural(followUp.detractors, 'detractor')}
            {followUp.medianHoursToContact != null && (
              <> · median time to first contact {durationText(followUp.medianHoursToContact)}</>
            )}
          </p>
        </article>
      )}
    </section>
  );
}
