import { FailedAlerts } from './failed-alerts';
import { FiguresTable } from './figures-table';
import { FilterBar } from './filter-bar';
import { FollowUpQueue } from './follow-up-queue';
import { PartBoundary } from './part-boundary';
import { RecoveredList } from './recovered-list';
import { ResponsePanel } from './response-panel';
import { ResponseList } from './response-list';
import { useStore } from './store-context';
import { SummaryCards } from './summary-cards';
import { UserHistory } from './user-history';
import { WeekChart } from './week-chart';

/** The whole dashboard page. */
export function App() {
  const store = useStore();
  const stats = store.stats.value.value;
  const segment = store.filters.value.segment;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <h1>NPS dashboard</h1>
        <FilterBar />
        <div class="actions">
          <a class="button quiet" href={store.exportUrl.value} download>
            Export CSV
          </a>
          <form method="post" action="/logout">
            <button type="submit" class="quiet">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <p class="live" role="status" aria-live="polite">
          {store.announcement.value}
        </p>
        {store.stats.error.value && (
          <p class="error" role="alert">
            Could not load the figures: {store.stats.error.value}
          </p>
        )}
        <PartBoundary>
          <ResponsePanel />
        </PartBoundary>
        <PartBoundary>
          <UserHistory />
        </PartBoundary>
        {stats && (
          <>
            {/* A collector that leaves a part out gets that part hidden, not a broken page. */}
            <PartBoundary resetOn={stats}>
              <SummaryCards stats={stats} filters={store.filters.value} />
            </PartBoundary>
            {stats.byWeek && (
              <PartBoundary resetOn={stats}>
                <WeekChart weeks={stats.byWeek} />
              </PartBoundary>
            )}
            {stats.byStage && (
              <PartBoundary resetOn={stats}>
                <FiguresTable id="stages-title" title="By stage" groupLabel="Stage" groups={stats.byStage} />
              </PartBoundary>
            )}
            {segment && stats.bySegment && (
              <PartBoundary resetOn={stats}>
                <FiguresTable
                  id="segment-title"
                  title={`By ${segment}`}
                  groupLabel={segment}
                  groups={stats.bySegment}
                />
              </PartBoundary>
            )}
          </>
        )}
        <PartBoundary>
          <FollowUpQueue />
        </PartBoundary>
        <PartBoundary>
          <section class="panel" aria-labelledby="comments-title">
            <h2 id="comments-title">Comments</h2>
            <ResponseList list={store.comments} withFollowUp={false} empty="No comments in this range." />
          </section>
        </PartBoundary>
        <div class="two-columns">
          <PartBoundary>
            <RecoveredList />
          </PartBoundary>
          <PartBoundary>
            <FailedAlerts />
          </PartBoundary>
        </div>
      </main>
    </>
  );
}
