import { HttpError } from './http-error';

/**
 * The opaque `nextCursor` of a listing: where the next page starts in the server's receive order.
 * Clients pass it back unchanged; its content is no contract.
 */
export const encodeCursor = (sequence: string): string => Buffer.from('r' + sequence).toString('base64url');

/** The receive-order position inside a cursor. @throws {HttpError} 400 when it is not one of ours */
export function decodeCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  if (!/^r[1-9]\d{0,17}$/.test(text)) throw new HttpError(400, 'cursor must be a nextCursor from an earlier reply');
  return text.slice(1);
}
