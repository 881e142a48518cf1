import { HttpError } from './http-error';

/** Where the next page of a user's history starts: after this response, in `shownAt` then id order. */
export interface HistoryPosition {
  shownAt: string;
  id: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * The opaque `nextCursor` of `GET /api/users/:userId`. Clients pass it back unchanged; its content is no contract.
 * @example encodeHistoryCursor({ shownAt: '2026-11-23T10:00:00.000Z', id }) // 'aDE3OTM…'
 */
export const encodeHistoryCursor = ({ shownAt, id }: HistoryPosition): string =>
  Buffer.from(`h${Date.parse(shownAt)}.${id}`).toString('base64url');

/**
 * The position inside a user-history cursor.
 * @throws {HttpError} 400 when it is not one of ours
 */
export function decodeHistoryCursor(cursor: string): HistoryPosition {
  const text = /^[A-Za-z0-9_-]{1,100}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const match = new RegExp(`^h(\\d{1,15})\\.(${UUID})$`).exec(text);
  if (!match) throw new HttpError(400, "cursor must be a nextCursor from an earlier reply for this user's history");
  return { shownAt: new Date(Number(match[1])).toISOString(), id: match[2] };
}
