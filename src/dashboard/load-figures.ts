import type { Signal } from '@preact/signals';
import type { ApiClient } from './api-client';
import type { DashboardViews } from './dashboard-views';

/** Adds stage names to the ones the stage picker offers (sorted, without the empty "every stage"). */
function learnStages(knownStages: Signal<string[]>, names: string[]) {
  const seen = new Set([...knownStages.value, ...names]);
  seen.delete('');
  knownStages.value = [...seen].sort();
}

/**
 * Loads the figures for the current filters, and remembers the stages they name for the picker.
 * @example await loadFigures(api, views); views.stats.value.value // the reply, or null with views.stats.error
 */
export async function loadFigures(api: ApiClient, views: DashboardViews): Promise<void> {
  const { filters, stats, knownStages } = views;
  const { stage } = filters.value;
  await stats.load(() => api.stats(filters.value));
  const reply = stats.value.value;
  // byStage's keys are labels ("other" sums many stages, a real "other" is quoted): only `stages` are filter values.
  if (reply) learnStages(knownStages, [...(reply.stages ?? []), stage]);
  // Filtered by one stage, the reply names only that one: ask once for the others, for the picker.
  if (stage && knownStages.value.length <= 1) {
    const all = await api.stats({ ...filters.value, stage: '', segment: '' }).catch(() => null);
    if (all) learnStages(knownStages, all.stages ?? []);
  }
}
