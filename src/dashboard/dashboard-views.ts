import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type {
  AlertsReply,
  RecoveredReply,
  SegmentsReply,
  StatsReply,
  StoredResponse,
  ThemesReply,
  UserHistoryReply,
} from '../core/api-types';
import type { ApiClient } from './api-client';
import { createPagedList } from './paged-list';
import { createRemoteValue } from './remote-value';
import type { UrlState } from './url-state';

/** Listings load this many responses a page. */
const PAGE_SIZE = 20;

/**
 * What the dashboard shows, as signals: each part fetched from the collector, the stages seen, and
 * the live region's text. The listings page through the filters of the current URL state.
 */
export function createDashboardViews(api: ApiClient, url: ReadonlySignal<UrlState>) {
  const filters = computed(() => url.value.filters);
  return {
    filters,
    stats: createRemoteValue<StatsReply>(),
    segments: createRemoteValue<SegmentsReply>(),
    recovered: createRemoteValue<RecoveredReply>(),
    failedAlerts: createRemoteValue<AlertsReply>(),
    /** What detractors and promoters mention, in the range. */
    themes: createRemoteValue<ThemesReply>(),
    userHistory: createRemoteValue<UserHistoryReply>(),
    /** The response opened by `?response=` (an alert's link). */
    openedResponse: createRemoteValue<StoredResponse>(),
    /** Every stage seen so far: filtering by one stage must not empty the stage picker. */
    knownStages: signal<string[]>([]),
    /** The text of the live region: what just changed, for screen readers. */
    announcement: signal(''),
    queue: createPagedList((cursor) =>
      api.responses(filters.value, { followUp: url.value.queue, limit: PAGE_SIZE, cursor }),
    ),
    /** The comments of the range, narrowed by the comment search (`q`) when there is one. */
    comments: createPagedList((cursor) =>
      api.responses(filters.value, { hasComment: true, q: url.value.q || undefined, limit: PAGE_SIZE, cursor }),
    ),
    exportUrl: computed(() => api.exportUrl(filters.value, url.value.q || undefined)),
  };
}

/** The signals of {@link createDashboardViews}. */
export type DashboardViews = ReturnType<typeof createDashboardViews>;
