import { signal } from '@preact/signals';
import type { FollowUpPatch, FollowUpStatus } from '../core/api-types';
import type { ApiClient, Filters } from './api-client';
import { createDashboardLoads } from './dashboard-loads';
import { createDashboardViews } from './dashboard-views';
import { browserNavigation, type Navigation } from './navigation';
import { saveFollowUp } from './save-follow-up';
import { readUrlState, type UrlState, writeUrlState } from './url-state';

/**
 * The dashboard's state (signals) and what can be done with it. The URL is the source of the
 * filters: applying filters pushes a history entry, back/forward reloads from the URL. Its parts:
 * the views (`dashboard-views.ts`), their loads (`dashboard-loads.ts`) and saving a follow-up
 * (`save-follow-up.ts`).
 * @example
 * const store = createDashboardStore(createApiClient());
 * const stop = store.start();
 */
export function createDashboardStore(api: ApiClient, navigation: Navigation = browserNavigation()) {
  const url = signal<UrlState>(readUrlState(navigation.search()));
  const views = createDashboardViews(api, url);
  const loads = createDashboardLoads(api, url, views);

  /** Moves to a new URL state and loads what it changed. */
  function go(next: UrlState) {
    const before = url.value;
    navigation.push(writeUrlState(next));
    url.value = next;
    return loads.reloadChanged(before, next);
  }

  /** Back/forward: the URL changed under the dashboard. */
  function followHistory() {
    const before = url.value;
    const next = readUrlState(navigation.search());
    url.value = next;
    void loads.reloadChanged(before, next);
  }

  return {
    url,
    ...views,

    /** First load, and back/forward from then on; returns a function that stops listening. */
    start(): () => void {
      loads.loadAll();
      return navigation.onPop(followHistory);
    },
    applyFilters: (next: Filters) => go({ ...url.value, filters: next }),
    /** Searches the comments (trimmed; '' shows them all again). */
    searchComments: (q: string) => go({ ...url.value, q: q.trim() }),
    showQueue: (status: FollowUpStatus) => go({ ...url.value, queue: status }),
    openUser: (userId: string) => go({ ...url.value, user: userId }),
    closeUser: () => go({ ...url.value, user: '' }),
    closeResponse: () => go({ ...url.value, response: '' }),

    /** Saves a follow-up change, shows it in every list, and refreshes the follow-up metrics. */
    async saveFollowUp(id: string, patch: FollowUpPatch): Promise<void> {
      await saveFollowUp(api, views, id, patch);
      await loads.loadStats();
    },
  };
}

/** What {@link createDashboardStore} returns: the signals components read and the actions they call. */
export type DashboardStore = ReturnType<typeof createDashboardStore>;
