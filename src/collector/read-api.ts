import type { ResponsesReply } from './api-types';
import { exportCsv } from './export-csv';
import { HttpError } from './http-error';
import { encodeCursor } from './list-cursor';
import { readText } from './read-body';
import { parseFilter } from './read-filter';
import type { ResponseStore } from './response-store';
import { jsonReply } from './security-headers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_NOTE = 2000;

const allow = (methods: string) => new HttpError(405, `use ${methods}`, { allow: methods });

/**
 * The dashboard's read API, for an authorised request: `GET /api/stats`, `GET /api/responses`,
 * `GET /api/export.csv`, `PATCH /api/responses/:id`. Answers undefined for paths that are not its own.
 */
export function createReadApi(store: ResponseStore) {
  return async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    const method = request.method == 'HEAD' ? 'GET' : request.method;
    switch (url.pathname) {
      case '/api/stats':
        if (method != 'GET') throw allow('GET, HEAD');
        return jsonReply(200, await store.stats(parseFilter(url.searchParams)));
      case '/api/responses':
        if (method != 'GET') throw allow('GET, HEAD');
        return jsonReply(200, await listResponses(store, url.searchParams));
      case '/api/export.csv':
        if (method != 'GET') throw allow('GET, HEAD');
        return exportCsv(store, parseFilter(url.searchParams));
    }
    const id = /^\/api\/responses\/([^/]+)$/.exec(url.pathname)?.[1];
    if (id == null) return undefined;
    if (method != 'PATCH') throw allow('PATCH');
    if (!UUID.test(id)) throw new HttpError(404, 'no such response');
    return jsonReply(200, await patchFollowUp(store, id, await readText(request, 16_384)));
  };
}

async function listResponses(store: ResponseStore, q: URLSearchParams): Promise<ResponsesReply> {
  const filter = parseFilter(q);
  const limit = filter.limit ?? 100;
  const rows = await store.list({ ...filter, limit });
  const last = rows.length == limit ? rows[rows.length - 1] : undefined;
  return { responses: rows.map(({ sequence: _, ...r }) => r), nextCursor: last ? encodeCursor(last.sequence) : null };
}

async function patchFollowUp(store: ResponseStore, id: string, text: string) {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  const { followedUp, note } = (body ?? {}) as { followedUp?: unknown; note?: unknown };
  if (typeof followedUp != 'boolean') throw new HttpError(400, 'followedUp must be true or false');
  if (note != null && (typeof note != 'string' || note.length > MAX_NOTE)) throw new HttpError(400, `note must be a string of at most ${MAX_NOTE} characters`);
  if (typeof note == 'string' && /\0|\p{Cs}/u.test(note)) throw new HttpError(400, 'note must not contain NUL or unpaired surrogates');
  const row = await store.followUp(id, { followedUp, note: (note as string | undefined)?.trim() || null });
  if (!row) throw new HttpError(404, 'no such response');
  return row;
}
