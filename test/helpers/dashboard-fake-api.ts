import type { ApiClient, Filters, ResponsesQuery } from '../../src/dashboard/api-client';
import { ApiError, rangeParams } from '../../src/dashboard/api-client';
import type { AlertState, FollowUpPatch } from '../../src/core/api-types';
import { createFakeCollector } from './dashboard-fake-collector.mjs';

type FakeCollector = ReturnType<typeof createFakeCollector>;

/** One call the dashboard made, by method name and arguments. */
type ApiCall =
  | { method: 'stats'; filters: Filters }
  | { method: 'responses'; filters: Filters; query: ResponsesQuery }
  | { method: 'response'; id: string }
  | { method: 'updateFollowUp'; id: string; patch: FollowUpPatch }
  | { method: 'segments' }
  | { method: 'userHistory'; userId: string }
  | { method: 'recovered'; filters: Filters }
  | { method: 'alerts'; state: AlertState };

export interface FakeApiClient extends ApiClient {
  /** Every call, oldest first. */
  calls: ApiCall[];
  /** The in-memory collector behind it (records, figures). */
  collector: FakeCollector;
  /** Makes the next call of `method` fail with this status and message. */
  failNext(method: ApiCall['method'], status: number, message: string): void;
}

/** An {@link ApiClient} over an in-memory collector, recording its calls; replies are async like the network's. */
export function createFakeApiClient(collector: FakeCollector = createFakeCollector()): FakeApiClient {
  const calls: ApiCall[] = [];
  const failures = new Map<string, ApiError>();
  const answer = async <T>(call: ApiCall, reply: () => T): Promise<T> => {
    calls.push(call);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const failure = failures.get(call.method);
    if (failure) {
      failures.delete(call.method);
      throw failure;
    }
    return reply();
  };
  return {
    calls,
    collector,
    failNext: (method, status, message) => void failures.set(method, new ApiError(message, status)),
    stats: (filters) => answer({ method: 'stats', filters }, () => collector.stats(filters)),
    responses: (filters, query) =>
      answer({ method: 'responses', filters, query }, () =>
        collector.responses({ ...filters, ...query, status: 'answered' }),
      ),
    response: (id) =>
      answer({ method: 'response', id }, () => {
        const found = collector.response(id);
        if (!found) throw new ApiError('no such response', 404);
        return found;
      }),
    updateFollowUp: (id, patch) =>
      answer({ method: 'updateFollowUp', id, patch }, () => {
        const updated = collector.updateFollowUp(id, patch);
        if (!updated) throw new ApiError('no such response', 404);
        return updated;
      }),
    segments: () => answer({ method: 'segments' }, () => collector.segments()),
    userHistory: (userId) => answer({ method: 'userHistory', userId }, () => collector.userHistory(userId)),
    recovered: (filters) => answer({ method: 'recovered', filters }, () => collector.recovered(filters)),
    alerts: (state) => answer({ method: 'alerts', state }, () => collector.alerts(state)),
    exportUrl: (filters) => `/api/export.csv${rangeParams(filters).size ? `?${rangeParams(filters)}` : ''}`,
  };
}
