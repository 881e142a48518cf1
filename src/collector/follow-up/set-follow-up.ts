import type { FollowUp, FollowUpStatus } from '../../core/api-types';
import type { Query } from '../store/queryable';
import { followUpsOf } from './follow-ups-of';

const FOLLOW_UP_STATUSES: readonly FollowUpStatus[] = ['open', 'contacted', 'resolved'];

/** A change of a response's follow-up: `owner` and `note` left out are kept, `null` clears them. */
export interface FollowUpChangeInput {
  status: FollowUpStatus;
  owner?: string | null;
  note?: string | null;
}

const LIMITS = { owner: 200, note: 4000, by: 200 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkText(field: keyof typeof LIMITS, value: unknown, path: string = field): void {
  if (value == null) return;
  if (typeof value !== 'string') throw new TypeError(`${path} must be a string or null`);
  if (value.length > LIMITS[field]) throw new TypeError(`${path} must be at most ${LIMITS[field]} characters`);
  // PostgreSQL text cannot hold NUL: refuse it here rather than fail the statement.
  if (value.includes('\u0000')) throw new TypeError(`${path} must not contain a NUL character`);
}

/**
 * Checks a `PATCH /api/responses/:id` body (`{ followUp: { status, owner?, note? } }`) and returns
 * the change; throws a `TypeError` whose message names the bad field (answer it with 400).
 * @example parseFollowUpPatch({ followUp: { status: 'contacted', note: 'Called them' } })
 */
export function parseFollowUpPatch(body: unknown): FollowUpChangeInput {
  const followUp = (body as { followUp?: unknown } | null)?.followUp;
  if (followUp == null || typeof followUp !== 'object' || Array.isArray(followUp))
    throw new TypeError('followUp must be an object { status, owner?, note? }');
  const change = followUp as Record<string, unknown>;
  for (const key of Object.keys(change))
    if (!['status', 'owner', 'note'].includes(key))
      throw new TypeError(`followUp.${key} is not a follow-up field (status, owner, note)`);
  if (!FOLLOW_UP_STATUSES.includes(change.status as FollowUpStatus))
    throw new TypeError(`followUp.status must be one of ${FOLLOW_UP_STATUSES.join(', ')}`);
  checkText('owner', change.owner, 'followUp.owner');
  checkText('note', change.note, 'followUp.note');
  return change as unknown as FollowUpChangeInput;
}

// One statement: the new state and its history row are written together or not at all.
const SAVE = `with target as (select id from nps_responses where id = $1::uuid),
  saved as (
    insert into nps_follow_ups as f (response_id, status, owner, note, updated_at)
    select id, $2, $3, $4, $7 from target
    on conflict (response_id) do update set status = excluded.status,
      owner = case when $5 then excluded.owner else f.owner end,
      note = case when $6 then excluded.note else f.note end,
      updated_at = excluded.updated_at
    returning response_id, status, owner, note, updated_at),
  logged as (
    insert into nps_follow_up_history (response_id, status, owner, note, changed_by, changed_at)
    select response_id, status, owner, note, $8, updated_at from saved returning 1)
  select response_id from saved`;

/**
 * Changes a response's follow-up and appends the change to its history (who, when, what).
 * @param by who made the change: "dashboard", or the `X-NPS-Actor` header
 * @returns the follow-up with its whole history, or `undefined` when there is no such response
 * @example await setFollowUp(db.query, id, { status: 'contacted', owner: 'sam', note: 'Called' }, 'dashboard')
 */
export async function setFollowUp(
  query: Query,
  responseId: string,
  change: FollowUpChangeInput,
  by: string,
  now: () => number = Date.now,
): Promise<FollowUp | undefined> {
  if (!FOLLOW_UP_STATUSES.includes(change.status))
    throw new TypeError(`status must be one of ${FOLLOW_UP_STATUSES.join(', ')}`);
  checkText('owner', change.owner);
  checkText('note', change.note);
  if (!by) throw new TypeError('by must name who made the change');
  checkText('by', by);
  if (!UUID.test(responseId)) return undefined;
  const { rows } = await query(SAVE, [
    responseId,
    change.status,
    change.owner ?? null,
    change.note ?? null,
    change.owner !== undefined,
    change.note !== undefined,
    new Date(now()).toISOString(),
    by,
  ]);
  if (!rows.length) return undefined;
  return (await followUpsOf(query, [responseId])).get(responseId);
}
