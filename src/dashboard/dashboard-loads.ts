import type { ReadonlySignal } from '@preact/signals';
import type { ApiClient } from './api-client';
import type { DashboardViews } from './dashboard-views';
import { plural, signed } from './format';
import type { PagedList } from './paged-list';
import { loadFigures } from './load-figures';
import { type UrlState, writeUrlState } from './url-state';

/** What the live region says after a comment search: how many comments it shows, or why none. */
function searchAnnouncement(q: string, comments: PagedList): string {
  if (comments.error.value) return `Could not search the comments: ${comments.error.value}`;
  const shown = comments.items.value.length;
  if (!q) return `Showing all comments: ${plural(shown, 'comment')}${comments.nextCursor.value ? ' and more' : ''}.`;
  if (!shown) return `No comments match “${q}”.`;
  return `${plural(shown, 'comment')} ${shown === 1 ? 'matches' : 'match'} “${q}”${comments.nextCursor.value ? ', and more' : ''}.`;
}

/**
 * How the dashboard's views are (re)loaded from the collector: the figures, everything the filters
 * select, the user and response opened, and just what a change of URL state needs.
 */
export function createDashboardLoads(api: ApiClient, url: ReadonlySignal<UrlState>, views: DashboardViews) {
  const { filters, stats, announcement, userHistory, openedResponse } = views;

  const loadStats = () => loadFigures(api, views);

  async function loadFiltered() {
    announcement.value = 'Loading…';
    await Promise.all([
      loadStats(),
      views.queue.reload(),
      views.comments.reload(),
      views.recovered.load(() => api.recovered(filters.value)),
      views.themes.load(() => api.themes(filters.value)),
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

  /** Reloads the comments for a new search, and says what it found. */
  async function loadSearch() {
    const q = url.value.q;
    announcement.value = q ? 'Searching comments…' : 'Loading comments…';
    await views.comments.reload();
    announcement.value = searchAnnouncement(q, views.comments);
  }

  /**
   * Loads what a move from one URL state to the next changed: a new range reloads every filtered
   * part; a new comment search, only the comments.
   */
  function reloadChanged(before: UrlState, next: UrlState) {
    const tasks: Promise<void>[] = [];
    const rangeOf = (state: UrlState) => writeUrlState({ ...state, q: '', queue: 'open', user: '', response: '' });
    if (rangeOf(before) !== rangeOf(next)) tasks.push(loadFiltered());
    else {
      if (before.q !== next.q) tasks.push(loadSearch());
      if (before.queue !== next.queue) tasks.push(views.queue.reload());
    }
    if (before.user !== next.user) tasks.push(loadUser());
    if (before.response !== next.response) tasks.push(loadResponse());
    return Promise.all(tasks).then(() => undefined);
  }

  /** The first load of every part. */
  function loadAll() {
    void loadFiltered();
    void loadUser();
    void loadResponse();
    void views.segments.load(() => api.segments());
    void views.failedAlerts.load(() => api.alerts('failed'));
  }

  return { loadStats, reloadChanged, loadAll };
}
