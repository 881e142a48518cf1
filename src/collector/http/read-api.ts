import type { AlertState, ResponsesReply, StoredResponse, UserHistoryReply } from '../../core/api-types';
import { listAlerts } from '../alerts/list-alerts';
import { exportCsv } from './export-csv';
import { eraseUser } from '../erasure/erase-user';
import type { ErasureKey } from '../erasure/erasure-key';
import { isRecoveredUser, recoveredDetractors } from '../follow-up/recovered-detractors';
import { parseFollowUpPatch, setFollowUp } from '../follow-up/set-follow-up';
import { HttpError } from './http-error';
import { encodeCursor } from './list-cursor';
import { readText } from './read-body';
import { parseFilter } from './read-filter';
import { readStats } from '../stats/read-stats';
import { parseThemesFilter } from '../themes/parse-themes-filter';
import { readThemes } from '../themes/read-themes';
import { DEFAULT_THEME_SETTINGS, type ThemeSettings } from '../themes/theme-options';
import type { ResponseStore } from '../store/response-store';
import { listSegments } from '../stats/segments';
import { UndeclaredSegmentError } from '../rollups/segment-keys';
import { jsonReply } from './security-headers';
import { queueRank } from '../store/queue-rank';
import { decodeHistoryCursor, encodeHistoryCursor } from './user-history-cursor';
import { userIdProblem } from './user-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Who a follow-up change is recorded as when the request has no `X-NPS-Actor` header. */
const DEFAULT_ACTOR = 'dashboard';

const allow = (methods: string) => new HttpError(405, `use ${methods}`, { allow: methods });

/** A `TypeError` from a close-the-loop function names the bad field: a 400. */
async function badInputAs400<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TypeError) throw new HttpError(400, error.message.replace(/^nps collector: /, ''));
    throw error;
  }
}

/**
 * The user of `/api/users/:userId` (decoded) or `/api/users?userId=` (for ids a path cannot carry,
 * such as `.` and `..`); undefined for other paths, 400 when the id cannot be read.
 */
function userIdOf(url: URL): string | undefined {
  let userId: string | null;
  if (url.pathname === '/api/users') {
    userId = url.searchParams.get('userId');
    if (userId == null) throw new HttpError(400, 'userId is required: /api/users?userId=<id>');
  } else {
    const encoded = /^\/api\/users\/([^/]+)$/.exec(url.pathname)?.[1];
    if (encoded == null) return undefined;
    try {
      userId = decodeURIComponent(encoded);
    } catch {
      throw new HttpError(400, 'userId is not a valid URL-encoded string');
    }
  }
  const problem = userIdProblem(userId);
  if (problem) throw new HttpError(400, problem);
  return userId;
}

/** `segment=` a key that is not declared: a 400 naming `SEGMENT_KEYS` and the declared keys. */
async function undeclaredSegmentAs400<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UndeclaredSegmentError) throw new HttpError(400, error.message);
    throw error;
  }
}

/**
 * The dashboard's read and close-the-loop API, for an authorised request: `GET /api/stats`,
 * `/api/responses`, `/api/export.csv`, `/api/segments`, `/api/recovered`, `/api/alerts`, `/api/themes`,
 * `GET` and `PATCH /api/responses/:id` (the link in an alert opens one response), `GET` and `DELETE
 * /api/users/:userId` (and `/api/users?userId=`; erasure records tombstones hashed with `erasureKey`).
 * Answers undefined for paths that are not its own.
 */
export function createReadApi(
  store: ResponseStore,
  now: () => number,
  erasureKey: ErasureKey,
  themeSettings: ThemeSettings = DEFAULT_THEME_SETTINGS,
) {
  const query = store.db.query;
  return async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    const params = url.searchParams;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const getOnly = () => {
      if (method !== 'GET') throw allow('GET, HEAD');
    };
    switch (url.pathname) {
      case '/api/stats': {
        getOnly();
        // Figures are of every answer in the range: a comment search (`q`) narrows listings only.
        const { q: _, ...filter } = parseFilter(params);
        return jsonReply(200, await undeclaredSegmentAs400(() => readStats(store, filter, now())));
      }
      case '/api/responses':
        getOnly();
        return jsonReply(200, await listResponses(store, params));
      case '/api/export.csv':
        getOnly();
        return exportCsv(store, parseFilter(params));
      case '/api/segments':
        getOnly();
        return jsonReply(200, await listSegments(query));
      case '/api/recovered': {
        getOnly();
        const { from, to } = parseFilter(params);
        return jsonReply(200, await recoveredDetractors(query, { from, to }));
      }
      case '/api/themes':
        getOnly();
        return jsonReply(200, await readThemes(query, parseThemesFilter(params), themeSettings));
      case '/api/alerts': {
        getOnly();
        // listAlerts names the allowed states when this is none of them.
        const state = (params.get('state') || undefined) as AlertState | undefined;
        return jsonReply(200, await badInputAs400(() => listAlerts(query, { state })));
      }
    }
    const responseId = /^\/api\/responses\/([^/]+)$/.exec(url.pathname)?.[1];
    if (responseId != null) {
      if (method !== 'PATCH' && method !== 'GET') throw allow('GET, HEAD, PATCH');
      if (!UUID.test(responseId)) throw new HttpError(404, 'no such response');
      if (method === 'PATCH') return jsonReply(200, await patchFollowUp(store, request, responseId, now));
      const response = await store.get(responseId);
      if (!response) throw new HttpError(404, 'no such response');
      return jsonReply(200, response);
    }
    const userId = userIdOf(url);
    if (userId == null) return undefined;
    if (method === 'DELETE') return jsonReply(200, await badInputAs400(() => eraseUser(store.db, userId, erasureKey)));
    if (method !== 'GET') throw allow('GET, HEAD, DELETE');
    return jsonReply(200, await userHistory(store, userId, params));
  };
}

/** One page of a user's history (`limit`, default 100; `cursor`), and whether they are a recovered detractor. */
async function userHistory(store: ResponseStore, userId: string, params: URLSearchParams): Promise<UserHistoryReply> {
  const limitText = params.get('limit');
  if (limitText != null && !(/^\d{1,4}$/.test(limitText) && Number(limitText) >= 1 && Number(limitText) <= 1000))
    throw new HttpError(400, `limit must be an integer from 1 to 1000, got ${JSON.stringify(limitText)}`);
  const limit = limitText == null ? 100 : Number(limitText);
  const cursor = params.get('cursor');
  const after = cursor ? decodeHistoryCursor(cursor) : undefined;
  const [responses, recovered] = await Promise.all([
    store.ofUser(userId, { limit, after }),
    isRecoveredUser(store.db.query, userId),
  ]);
  const last = responses.length === limit ? responses[responses.length - 1] : undefined;
  return { userId, responses, nextCursor: last ? encodeHistoryCursor(last) : null, recovered };
}

async function listResponses(store: ResponseStore, params: URLSearchParams): Promise<ResponsesReply> {
  const filter = parseFilter(params);
  const limit = filter.limit ?? 100;
  const rows = await store.list({ ...filter, limit, order: filter.followUp ? 'queue' : 'received' });
  const last = rows.length === limit ? rows[rows.length - 1] : undefined;
  const nextCursor = last
    ? encodeCursor({ sequence: last.sequence, rank: filter.followUp ? queueRank(last.category) : undefined })
    : null;
  return { responses: rows.map(({ sequence: _, ...r }) => r), nextCursor };
}

async function patchFollowUp(
  store: ResponseStore,
  request: Request,
  id: string,
  now: () => number,
): Promise<StoredResponse> {
  let body: unknown;
  try {
    body = JSON.parse(await readText(request, 16_384));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'body is not JSON');
  }
  const by = request.headers.get('x-nps-actor')?.trim() || DEFAULT_ACTOR;
  const saved = await badInputAs400(() => setFollowUp(store.db.query, id, parseFollowUpPatch(body), by, now));
  const response = saved && (await store.get(id));
  if (!response) throw new HttpError(404, 'no such response');
  return response;
}
