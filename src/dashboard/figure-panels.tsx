import { FiguresTable } from './figures-table';
import { PartBoundary } from './part-boundary';
import { useStore } from './store-context';
import { SummaryCards } from './summary-cards';
import { WeekChart } from './week-chart';

/** The panels drawn from the figures: the summary, NPS by week, by stage and by the chosen segment. */
export function FigurePanels() {
  const store = useStore();
  const stats = store.stats.value.value;
  const segment = store.filters.value.segment;
  if (!stats) return null;
  return (
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
          <FiguresTable id="segment-title" title={`By ${segment}`} groupLabel={segment} groups={stats.bySegment} />
        </PartBoundary>
      )}
    </>
  );
}
