import { batch, computed, signal } from '@preact/signals';
import type {
  AlertsReply,
  FollowUpPatch,
  FollowUpStatus,
  RecoveredReply,
  SegmentsReply,
  StatsReply,
  StoredResponse,
  UserHistoryReply,
} from '../core/api-types';
import type { ApiClient, Filters } from './api-client';
import { plural, signed } from './format';
import { browserNavigation, type Navigation } from './navigation';
import { createPagedList } from './paged-list';
import { createRemoteValue } from './remote-value';
import { readUrlState, writeUrlState, type UrlState } from './url-state';

/** Listings load this many responses a page. */
export const PAGE_SIZE = 20;

/**
 * The dashboard's state (signals) and what can be done with it. The URL is the source of the
 * filters: applying filters pushes a history entry, back/forward reloads from the URL.
 */
export function createDashboardStore(api: ApiClient, navigation: Navigation = browserNavigation()) {
  const url = signal<UrlState>(readUrlState(navigation.search()));
  const filters = computed(() => url.value.filters);
  const stats = createRemoteValue<StatsReply>();
  const segments = createRemoteValue<SegmentsReply>();
  const recovered = createRemoteValue<RecoveredReply>();
  const failedAlerts = createRemoteValue<AlertsReply>();
  const userHistory = createRemoteValue<UserHistoryReply>();
  /** The response opened by `?response=` (an alert's link). */
  const openedResponse = createRemoteValue<StoredResponse>();
  /** Every stage seen so far: filtering by one stage must not empty the stage picker. */
  const knownStages = signal<string[]>([]);
  /** The text of the live region: what just changed, for screen readers. */
  const announcement = signal('');

  const queue = createPagedList((cursor) =>
    api.responses(filters.value, { followUp: url.value.queue, limit: PAGE_SIZE, cursor }),
  );
  const comments = createPagedList((cursor) =>
    api.responses(filters.value, { hasComment: true, limit: PAGE_SIZE, cursor }),
  );

  function learnStages(names: string[]) {
    const seen = new Set([...knownStages.value, ...names]);
    seen.delete('');
    knownStages.value = [...seen].sort();
  }

  async function loadStats() {
    const { stage } = filters.value;
    await stats.load(() => api.stats(filters.value));
    const reply = stats.value.value;
    // byStage's keys are labels ("other" sums many stages, a real "other" is quoted): only `stages` are filter values.
    if (reply) learnStages([...(reply.stages ?? []), stage]);
    // Filtered by one stage, the reply names only that one: ask once for the others, for the picker.
    if (stage && knownStages.value.length <= 1) {
      const all = await api.stats({ ...filters.value, stage: '', segment: '' }).catch(() => null);
      if (all) learnStages(all.stages ?? []);
    }
  }

  async function loadFiltered() {
    announcement.value = 'Loading…';
    await Promise.all([
      loadStats(),
      queue.reload(),
      comments.reload(),
      recovered.load(() => api.recovered(filters.value)),
    ]);
    const reply = stats.value.value;
    announcement.value = reply
      ? `Updated: NPS ${reply.total ? signed(reply.nps) : 'not available'} from ${plural(reply.total, 'answer')}.`
      : `Could not load the figures: ${stats.error.value}`;
  }

  function loadUser() {
    const userId = url.value.user;
    if (userId) return userHistory.load(() => api.userHistory(userId));
    userHistory.value.value = null;
    return Promise.resolve();
  }

  function loadResponse() {
    const id = url.value.response;
    if (id) return openedResponse.load(() => api.response(id));
    openedResponse.value.value = null;
    return Promise.resolve();
  }

  /** Moves to a new URL state and loads what it changed. */
  function go(next: UrlState) {
    const before = url.value;
    navigation.push(writeUrlState(next));
    url.value = next;
    return reloadChanged(before, next);
  }

  function reloadChanged(before: UrlState, next: UrlState) {
    const tasks: Promise<void>[] = [];
    const rangeOf = (state: UrlState) => writeUrlState({ ...state, queue: 'open', user: '', response: '' });
    if (rangeOf(before) != rangeOf(next)) tasks.push(loadFiltered());
    else if (before.queue != next.queue) tasks.push(queue.reload());
    if (before.user != next.user) tasks.push(loadUser());
    if (before.response != next.response) tasks.push(loadResponse());
    return Promise.all(tasks).then(() => undefined);
  }

  return {
    url,
    filters,
    stats,
    segments,
    recovered,
    failedAlerts,
    userHistory,
    openedResponse,
    knownStages,
    announcement,
    queue,
    comments,
    exportUrl: computed(() => api.exportUrl(filters.value)),

    /** First load, and back/forward from then on; returns a function that stops listening. */
    start(): () => void {
      void loadFiltered();
      void loadUser();
      void loadResponse();
      void segments.load(() => api.segments());
      void failedAlerts.load(() => api.alerts('failed'));
      return navigation.onPop(() => {
        const before = url.value;
        const next = readUrlState(navigation.search());
        url.value = next;
        void reloadChanged(before, next);
      });
    },
    applyFilters: (next: Filters) => go({ ...url.value, filters: next }),
    showQueue: (status: FollowUpStatus) => go({ ...url.value, queue: status }),
    openUser: (userId: string) => go({ ...url.value, user: userId }),
    closeUser: () => go({ ...url.value, user: '' }),
    closeResponse: () => go({ ...url.value, response: '' }),

    /** Saves a follow-up change, shows it in every list, and refreshes the follow-up metrics. */
    async saveFollowUp(id: string, patch: FollowUpPatch): Promise<void> {
      const updated = await api.updateFollowUp(id, patch);
      batch(() => {
        queue.replace(updated);
        comments.replace(updated);
        const history = userHistory.value.value;
        if (openedResponse.value.value?.id == id) openedResponse.value.value = updated;
        if (history)
          userHistory.value.value = { ...history, responses: history.responses.map((r) => (r.id == id ? updated : r)) };
      });
      announcement.value = updated.followUp ? `Follow-up saved: ${updated.followUp.status}.` : 'Follow-up saved.';
      await loadStats();
    },
  };
}

export type DashboardStore = ReturnType<typeof createDashboardStore>;
