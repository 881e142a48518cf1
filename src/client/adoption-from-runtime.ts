import type { FindAdoption } from '../outbox/layer-chain';
import { within } from '../outbox/timer';
import type { SurveyRuntime } from './load-prompt';

/** How long the store waits for survey.js before it carries on without the adoption (the store chain's timeout). */
const LOAD_TIMEOUT = 2000;

/**
 * The localStorage adoption (adoptLocal) as the SDK finds it: loaded from survey.js only when
 * localStorage holds widget keys, so nps.js carries none of it (about 200 B gzip) and a page whose
 * past pages never fell back loads nothing more. A load that fails or takes longer than `timeout`
 * (offline, a slow network) leaves the records in localStorage, for a later page to move.
 * @example openStoreChain(report, adoptionFromRuntime(loadRuntime));
 */
export function adoptionFromRuntime(loadRuntime: () => Promise<SurveyRuntime>): FindAdoption {
  return async (local) => {
    try {
      const from = local();
      const left = await from.entries('');
      if (!left.length) return undefined;
      const { adoptLocal } = await within(loadRuntime(), LOAD_TIMEOUT, () => Error('timeout'));
      return (store) => adoptLocal(store, from, left);
    } catch {
      // A localStorage that cannot be read has nothing to give; a survey.js that cannot load moves nothing.
      return undefined;
    }
  };
}
