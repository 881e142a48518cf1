import { ALERT_SOURCE_COLUMNS } from '../alerts/record-alerts';
import { NO_STAGE, type ListFilter } from '../http/read-filter';
import { COMMENT_MATCHES } from '../themes/comment-search';
import { QUEUE_RANK, queueRank } from './queue-rank';

const iso = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Wire fields as JSON keys → columns. jsonb_to_recordset turns one parameter into rows, so a batch is
// one statement: the conflict rule then holds under any number of concurrent resends. A version with
// another anonymousId than the stored one is not applied, and is listed in `foreign`. With
// `returnRows`, the rows it wrote come back too (`rows`), for the alerts recorded in the same transaction.
export const UPSERT = (returnRows = false) => `
with incoming as (
  select * from jsonb_to_recordset($1::jsonb) as t(id uuid, status text, score smallint, category text, comment text,
    "userId" text, "anonymousId" text, traits jsonb, stage text, metadata jsonb, locale text, page text,
    "shownAt" timestamptz, "answeredAt" timestamptz, "updatedAt" timestamptz, sdk text)
), written as (
  insert into nps_responses as r
    (id, status, score, category, comment, user_id, anonymous_id, traits, stage, metadata, locale, page,
     shown_at, answered_at, updated_at, sdk)
  select id, status, score, category, comment, "userId", "anonymousId", traits, stage, metadata, locale, page,
     "shownAt", "answeredAt", "updatedAt", sdk
  from incoming
  on conflict (id) do update set
    status = excluded.status, score = excluded.score, category = excluded.category, comment = excluded.comment,
    user_id = excluded.user_id, traits = excluded.traits, stage = excluded.stage, metadata = excluded.metadata,
    locale = excluded.locale, page = excluded.page, shown_at = excluded.shown_at, answered_at = excluded.answered_at,
    updated_at = excluded.updated_at, sdk = excluded.sdk, received_at = now(), received_seq = excluded.received_seq,
    writes = r.writes + 1
  -- The first write's anonymousId stays. An answered version beats any other; among equals the
  -- greatest updatedAt wins; ties keep what is stored.
  where r.anonymous_id = excluded.anonymous_id
    and (excluded.status = 'answered', excluded.updated_at) > (r.status = 'answered', r.updated_at)
  returning ${returnRows ? ALERT_SOURCE_COLUMNS : '1'}
)
select (select count(*) from written)::int as written,${
  returnRows
    ? `
  coalesce((select json_agg(w) from written w), '[]'::json) as rows,`
    : ''
}
  -- Only when some version was not applied (a one-time filter: new records skip the join).
  coalesce((select json_agg(i.id) from incoming i join nps_responses s on s.id = i.id
            where (select count(*) from written) < $2 and s.anonymous_id <> i."anonymousId"), '[]'::json) as "foreign"`;

/** The columns of a stored response, named as the read API names them (follow-up assembled in JS). */
export const COLUMNS = `id, status, score, category, comment, user_id as "userId", anonymous_id as "anonymousId",
  traits, stage, metadata, locale, page, ${iso('shown_at')} as "shownAt", ${iso('answered_at')} as "answeredAt",
  ${iso('updated_at')} as "updatedAt", ${iso('received_at')} as "receivedAt", sdk, received_seq::text as "sequence"`;

/**
 * `where` clauses and their parameters from a filter; values only ever travel as parameters.
 * @example where({ stage: 'checkout' }) // { sql: 'where stage = $1', params: ['checkout'] }
 */
export function where(filter: ListFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', '$' + params.length));
  };
  if (filter.stage != null) filter.stage === NO_STAGE ? clauses.push('stage is null') : add('stage = ?', filter.stage);
  if (filter.from) add('shown_at >= ?', filter.from.toISOString());
  if (filter.to) add('shown_at < ?', filter.to.toISOString());
  // A category is an answer's: the queue's index serves it in receive order (rank, then -received_seq).
  if (filter.category) {
    add('category = ?', filter.category);
    clauses.push(`status = 'answered' and ${QUEUE_RANK} = ${queueRank(filter.category)}`);
  }
  if (filter.status) add('status = ?', filter.status);
  if (filter.hasComment != null) clauses.push(filter.hasComment ? 'comment is not null' : 'comment is null');
  if (filter.userId != null) add('user_id = ?', filter.userId);
  if (filter.q) add(COMMENT_MATCHES, filter.q);
  // Untouched responses are open: "open" is the absence of another status, found through the primary
  // key of nps_follow_ups row by row; the other statuses start from nps_follow_ups' status index.
  if (filter.followUp === 'open')
    clauses.push(
      `not exists (select 1 from nps_follow_ups f where f.response_id = nps_responses.id and f.status <> 'open')`,
    );
  else if (filter.followUp)
    add('nps_responses.id in (select f.response_id from nps_follow_ups f where f.status = ?)', filter.followUp);
  if (filter.order === 'id') {
    if (filter.afterId) add('id < ?::uuid', filter.afterId);
  } else if (filter.afterSequence) {
    if (filter.order !== 'queue' || filter.afterRank == null) {
      // With a category, the queue's index serves the receive order: its key is -received_seq.
      if (filter.category) add('-received_seq > -?::bigint', filter.afterSequence);
      else add('received_seq < ?::bigint', filter.afterSequence);
    } else {
      params.push(filter.afterRank, filter.afterSequence);
      const [rank, sequence] = ['$' + (params.length - 1), '$' + params.length];
      clauses.push(`(${QUEUE_RANK}, -received_seq) > (${rank}::int, -${sequence}::bigint)`);
    }
  }
  return { sql: clauses.length ? 'where ' + clauses.join(' and ') : '', params };
}
