import type {
  AlertState,
  AlertsReply,
  ErrorReply,
  FollowUpPatch,
  RecoveredReply,
  ResponsesReply,
  SegmentsReply,
  StatsReply,
  StoredResponse,
  ThemesReply,
  UserHistoryReply,
} from '../core/api-types';
import type { FollowUpStatus } from '../core/api-types';

/** The range and segment the dashboard looks at; empty strings mean "not set". */
export interface Filters {
  stage: string;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
  /** A trait key (e.g. `plan`) for `bySegment`. */
  segment: string;
}

/** One page of a listing: `cursor` is the previous reply's `nextCursor`. */
export interface ResponsesQuery {
  followUp?: FollowUpStatus;
  hasComment?: boolean;
  /** A comment search (`q`): only responses whose comment matches it. */
  q?: string;
  limit?: number;
  cursor?: string | null;
}

/** Every call the dashboard makes to the collector; components use this, never `fetch`. */
export interface ApiClient {
  stats(filters: Filters): Promise<StatsReply>;
  responses(filters: Filters, query: ResponsesQuery): Promise<ResponsesReply>;
  /** One response by id (what an alert links to). */
  response(id: string): Promise<StoredResponse>;
  updateFollowUp(id: string, patch: FollowUpPatch): Promise<StoredResponse>;
  segments(): Promise<SegmentsReply>;
  userHistory(userId: string): Promise<UserHistoryReply>;
  recovered(filters: Filters): Promise<RecoveredReply>;
  alerts(state: AlertState): Promise<AlertsReply>;
  /** What detractors mention more than promoters, and the reverse, in the range. */
  themes(filters: Filters): Promise<ThemesReply>;
  /** A link (not a call): the CSV of every response matching the filters (and the comment search `q`). */
  exportUrl(filters: Filters, q?: string): string;
}

/** A reply that was not 2xx; `message` is the collector's `{ error }` when it sent one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Prefix of every path, e.g. `https://nps.example.com`. @default '' (same origin) */
  base?: string;
  /** Called on 401 (the session expired). @default going to `/login`, and back to this view after signing in */
  onUnauthorized?: () => void;
}

/** The query string of the range filters (`stage`, `from`, `to`), without empty ones. */
export function rangeParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['stage', 'from', 'to'] as const) if (filters[key]) params.set(key, filters[key]);
  return params;
}

/** The sign-in page that returns to `here` (the dashboard view open now) after signing in. */
export function signInAddress(base: string, here: { pathname: string; search: string }): string {
  return `${base}/login?${new URLSearchParams({ next: here.pathname + here.search })}`;
}

const withQuery = (path: string, params: URLSearchParams) => (params.size ? `${path}?${params}` : path);

/**
 * The collector's read and close-the-loop API over HTTP, authenticated by the session cookie.
 * @example
 * const api = createApiClient();
 * const stats = await api.stats({ stage: '', from: '2026-11-01', to: '2026-11-30', segment: 'plan' });
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.base ?? '';
  const onUnauthorized = options.onUnauthorized ?? (() => location.assign(signInAddress(base, location)));

  async function call<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetchFn(base + path, { credentials: 'same-origin', ...init });
    if (response.status === 401) onUnauthorized();
    const body = (await response.json().catch(() => null)) as T | ErrorReply | null;
    if (!response.ok) {
      const message =
        body && typeof body === 'object' && 'error' in body ? body.error : `${response.status} ${response.statusText}`;
      throw new ApiError(message, response.status);
    }
    return body as T;
  }

  return {
    stats(filters) {
      const params = rangeParams(filters);
      if (filters.segment) params.set('segment', filters.segment);
      return call(withQuery('/api/stats', params));
    },
    responses(filters, query) {
      const params = rangeParams(filters);
      params.set('status', 'answered');
      if (query.followUp) params.set('followUp', query.followUp);
      if (query.hasComment != null) params.set('hasComment', String(query.hasComment));
      if (query.q) params.set('q', query.q);
      if (query.limit) params.set('limit', String(query.limit));
      if (query.cursor) params.set('cursor', query.cursor);
      return call(withQuery('/api/responses', params));
    },
    response: (id) => call(`/api/responses/${encodeURIComponent(id)}`),
    updateFollowUp(id, patch) {
      return call(`/api/responses/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(patch),
      });
    },
    segments: () => call('/api/segments'),
    // The query form: a path cannot carry every id (`.` and `..` are resolved away).
    userHistory: (userId) => call(withQuery('/api/users', new URLSearchParams({ userId }))),
    recovered(filters) {
      const params = rangeParams(filters);
      params.delete('stage');
      return call(withQuery('/api/recovered', params));
    },
    alerts: (state) => call(withQuery('/api/alerts', new URLSearchParams({ state }))),
    themes: (filters) => call(withQuery('/api/themes', rangeParams(filters))),
    exportUrl(filters, q) {
      const params = rangeParams(filters);
      if (q) params.set('q', q);
      return withQuery(base + '/api/export.csv', params);
    },
  };
}
