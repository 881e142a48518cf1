import SCHEMA from '../../schema/response.v1.json';
import { isStorableText } from '../../core/json';
import { CATEGORIES } from '../../core/nps-scale';
import type { Category, ResponseStatus } from '../../core/wire';
import type { FollowUpStatus } from '../../core/api-types';
import { searchTextOf } from '../themes/comment-search';
import { parseDateTime, parseDay } from './date-time';
import { HttpError } from './http-error';
import { decodeCursor } from './list-cursor';
import { TRAIT_KEY } from '../rollups/segment-keys';
import { userIdProblem } from './user-id';

/** Which records a figure covers: `from` inclusive and `to` exclusive, on `shownAt`. */
export interface StatsFilter {
  /** A stage; {@link NO_STAGE} selects records without one. */
  stage?: string;
  from?: Date;
  to?: Date;
  /** A trait key: `GET /api/stats` adds `bySegment`, one group per value of that trait. */
  segment?: string;
}

/** Which records a listing returns, and which page. */
export interface ListFilter extends StatsFilter {
  category?: Category;
  status?: ResponseStatus;
  hasComment?: boolean;
  /** Only responses whose follow-up has this status (`GET /api/responses` then lists in queue order). */
  followUp?: FollowUpStatus;
  /** Only this user's responses. */
  userId?: string;
  /** Only responses whose comment matches this search (stemmed in the response's language). */
  q?: string;
  /** At most this many (1..1000). @default 100 */
  limit?: number;
  /** Continue after this position in receive order (from {@link decodeCursor}). */
  afterSequence?: string;
  /** With `order: 'queue'`: the queue rank the previous page ended in (from the cursor). */
  afterRank?: number;
  /** With `order: 'id'`: continue after this id. */
  afterId?: string;
  /**
   * `received`: newest first in the server's receive order; `queue`: the follow-up queue's order
   * (detractors, passives, promoters, unanswered; newest first within each); `id`: by id, newest
   * first (UUIDv7). Every upsert moves a record in the receive order, but never changes its id, so
   * pages read in id order hold each record once however many are updated meanwhile.
   * @default 'received'
   */
  order?: 'received' | 'queue' | 'id';
}

/** Parameters whose values are stored wire text: any character the wire schema allows is theirs. */
const FREE_TEXT = new Set(['stage', 'userId']);

const STAGE_MAX_LENGTH = SCHEMA.$defs.ResponseRecord.properties.stage.maxLength;

/** The name under which records without a stage are counted, and the `stage` filter that selects them. */
export const NO_STAGE = '(none)';

const DAY_MS = 86_400_000;

/**
 * Reads the filters of the read API: `stage`, `from`, `to` (a day YYYY-MM-DD in UTC, `to` inclusive,
 * or an ISO date-time with an offset), `segment` (a trait key), and for listings `category`, `status`,
 * `hasComment`, `followUp`, `userId`, `q` (a comment search), `limit`, `cursor`. Anything it cannot use exactly is a 400 naming the parameter.
 * @example parseFilter(new URL(request.url).searchParams)
 */
export function parseFilter(params: URLSearchParams): ListFilter {
  for (const [name, value] of params) {
    // A user id or stage may hold any character the wire schema allows; they are checked below.
    const checked = FREE_TEXT.has(name) ? name : name + value;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
    if (/[\0-\x08\x0b\x0c\x0e-\x1f]|\p{Cs}/u.test(checked))
      throw new HttpError(400, `${name} contains a control character`);
  }
  const from = date(params, 'from', false);
  const to = date(params, 'to', true);
  if (from && to && from > to)
    throw new HttpError(400, `from (${params.get('from')}) is later than to (${params.get('to')})`);
  const stage = params.get('stage') || undefined;
  if (stage && ([...stage].length > STAGE_MAX_LENGTH || !isStorableText(stage)))
    throw new HttpError(400, `stage must have at most ${STAGE_MAX_LENGTH} characters, without NUL`);
  const limit = params.get('limit');
  if (limit != null && !(/^\d{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 1000))
    throw new HttpError(400, `limit must be an integer from 1 to 1000, got ${JSON.stringify(limit)}`);
  const hasComment = oneOf(params, 'hasComment', ['true', 'false'] as const);
  const cursor = params.get('cursor');
  const segment = params.get('segment') || undefined;
  if (segment != null && !TRAIT_KEY.test(segment))
    throw new HttpError(
      400,
      `segment must be a trait key of 1 to 64 letters, digits or _ . : -, got ${JSON.stringify(segment)}`,
    );
  const userId = params.get('userId') || undefined;
  const userIdError = userId == null ? undefined : userIdProblem(userId);
  if (userIdError) throw new HttpError(400, userIdError);
  const followUp = oneOf(params, 'followUp', ['open', 'contacted', 'resolved'] as const);
  const position = cursor ? decodeCursor(cursor, followUp != null) : undefined;
  return {
    stage,
    from,
    to,
    segment,
    followUp,
    userId,
    q: searchTextOf(params.get('q')),
    category: oneOf(params, 'category', CATEGORIES),
    status: oneOf(params, 'status', ['shown', 'answered', 'dismissed'] as const),
    hasComment: hasComment == null ? undefined : hasComment === 'true',
    limit: limit == null ? undefined : Number(limit),
    afterSequence: position?.sequence,
    afterRank: position?.rank,
  };
}

function date(params: URLSearchParams, name: string, end: boolean): Date | undefined {
  const value = params.get(name);
  if (!value) return undefined;
  const day = parseDay(value);
  // Date-times need an offset: without one, the server's time zone would decide what they mean.
  const ms = day != null ? day + (end ? DAY_MS : 0) : parseDateTime(value);
  if (ms == null || ms >= Date.UTC(10000, 0, 1))
    throw new HttpError(
      400,
      `${name} must be a real day (YYYY-MM-DD) or an ISO date-time with an offset, from 1970 to 9999, got ${JSON.stringify(value)}`,
    );
  return new Date(ms);
}

function oneOf<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = params.get(name) || undefined;
  if (value != null && !allowed.includes(value as T))
    throw new HttpError(400, `${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T | undefined;
}
