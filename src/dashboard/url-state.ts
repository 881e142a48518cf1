import type { FollowUpStatus } from '../core/api-types';
import type { Filters } from './api-client';

/**
 * Everything a bookmark of the dashboard keeps: the filters, the comment search, the queue's status,
 * the user and response shown.
 */
export interface UrlState {
  filters: Filters;
  /** The comment search (`q`), or '' for none. */
  q: string;
  queue: FollowUpStatus;
  /** The user whose history is open, or '' for none. */
  user: string;
  /** The response opened on its own (an alert links to it), or '' for none. */
  response: string;
}

const DAY = /^\d{4}-\d\d-\d\d$/;
/** The collector's longest comment search, in characters (longer ones it refuses). */
export const SEARCH_MAX_LENGTH = 200;
const STATUSES: readonly FollowUpStatus[] = ['open', 'contacted', 'resolved'];

/** Whether the collector takes this comment search: not too long, no control characters. */
const isSearchable = (q: string) =>
  [...q].length <= SEARCH_MAX_LENGTH && ![...q].some((character) => character.charCodeAt(0) < 32);

export const EMPTY_FILTERS: Filters = { stage: '', from: '', to: '', segment: '' };

/** Reads the dashboard's state from a query string; anything malformed falls back to "not set". */
export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return DAY.test(value) ? value : '';
  };
  const queue = params.get('queue') as FollowUpStatus | null;
  const q = (params.get('q') ?? '').trim();
  return {
    filters: {
      stage: params.get('stage') ?? '',
      from: day('from'),
      to: day('to'),
      segment: params.get('segment') ?? '',
    },
    q: isSearchable(q) ? q : '',
    queue: queue && STATUSES.includes(queue) ? queue : 'open',
    user: params.get('user') ?? '',
    response: params.get('response') ?? '',
  };
}

/** The query string (with `?`, or '' when everything is default) for a state. */
export function writeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  for (const key of ['stage', 'from', 'to', 'segment'] as const)
    if (state.filters[key]) params.set(key, state.filters[key]);
  if (state.q) params.set('q', state.q);
  if (state.queue !== 'open') params.set('queue', state.queue);
  if (state.user) params.set('user', state.user);
  if (state.response) params.set('response', state.response);
  return params.size ? `?${params}` : '';
}
