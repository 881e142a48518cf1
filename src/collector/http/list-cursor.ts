import { HttpError } from './http-error';

/** Where the next page of a listing starts: a position in the server's receive order, and in the follow-up queue also the rank. */
export interface CursorPosition {
  sequence: string;
  /** Only in the follow-up queue (`followUp=`): the category rank the page ended in. */
  rank?: number;
}

/**
 * The opaque `nextCursor` of a listing. Clients pass it back unchanged; its content is no contract.
 * @example encodeCursor({ sequence: '42' }) // 'cjQy'
 */
export const encodeCursor = ({ sequence, rank }: CursorPosition): string =>
  Buffer.from(rank == null ? 'r' + sequence : `q${rank}.${sequence}`).toString('base64url');

/**
 * The position inside a cursor; `queue` says which listing it must come from.
 * @throws {HttpError} 400 when it is not one of ours, or from the other kind of listing
 */
export function decodeCursor(cursor: string, queue = false): CursorPosition {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const match = queue ? /^q([0-3])\.([1-9]\d{0,17})$/.exec(text) : /^r()([1-9]\d{0,17})$/.exec(text);
  if (!match) throw new HttpError(400, 'cursor must be a nextCursor from an earlier reply with the same filters');
  return queue ? { rank: Number(match[1]), sequence: match[2] } : { sequence: match[2] };
}
