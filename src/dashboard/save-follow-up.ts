import { batch } from '@preact/signals';
import type { FollowUpPatch } from '../core/api-types';
import type { ApiClient } from './api-client';
import type { DashboardViews } from './dashboard-views';

/**
 * Saves a follow-up change and shows the saved response in every view that lists it (the queue,
 * the comments, the opened response, a user's history); the caller refreshes the follow-up metrics.
 * @example await saveFollowUp(api, views, id, { followUp: { status: 'contacted' } });
 */
export async function saveFollowUp(
  api: ApiClient,
  views: DashboardViews,
  id: string,
  patch: FollowUpPatch,
): Promise<void> {
  const { queue, comments, userHistory, openedResponse, announcement } = views;
  const updated = await api.updateFollowUp(id, patch);
  batch(() => {
    queue.replace(updated);
    comments.replace(updated);
    const history = userHistory.value.value;
    if (openedResponse.value.value?.id === id) openedResponse.value.value = updated;
    if (history)
      userHistory.value.value = {
        ...history,
        responses: history.responses.map((response) => (response.id === id ? updated : response)),
      };
  });
  announcement.value = updated.followUp ? `Follow-up saved: ${updated.followUp.status}.` : 'Follow-up saved.';
}
