/**
 * Schema of the follow-up workflow, as migration steps the collector appends after
 * `ALERT_MIGRATIONS`. Statements are separated by `;` at the end of a line.
 *
 * Step 1: the current state of each response's follow-up, and its history, which is append-only
 * (rows are removed only by erasure, with their response).
 * Step 2: version 1 kept a "followed up" tick, a note and a time on `nps_responses`; they move into
 * the new tables without loss (followed up → `contacted`, with its note and time; a note without
 * the tick stays `open` with its note), and the old columns go.
 */
export const FOLLOW_UP_MIGRATIONS: readonly string[] = [
  `create table nps_follow_ups (
     response_id uuid primary key references nps_responses (id) on delete cascade,
     status text not null check (status in ('open', 'contacted', 'resolved')),
     owner text,
     note text,
     updated_at timestamptz not null
   );
   create index nps_follow_ups_status on nps_follow_ups (status);
   create table nps_follow_up_history (
     id bigint generated always as identity primary key,
     response_id uuid not null references nps_responses (id) on delete cascade,
     status text not null check (status in ('open', 'contacted', 'resolved')),
     owner text,
     note text,
     changed_by text not null,
     changed_at timestamptz not null
   );
   create index nps_follow_up_history_response on nps_follow_up_history (response_id, changed_at);
   create function nps_follow_up_history_is_append_only() returns trigger language plpgsql as $$ begin raise exception 'nps_follow_up_history is append-only'; end $$;
   create trigger nps_follow_up_history_append_only before update on nps_follow_up_history for each row execute function nps_follow_up_history_is_append_only();`,
  `insert into nps_follow_ups (response_id, status, note, updated_at)
     select id, case when followed_up then 'contacted' else 'open' end, follow_up_note, coalesce(followed_up_at, received_at)
     from nps_responses where followed_up or follow_up_note is not null;
   insert into nps_follow_up_history (response_id, status, note, changed_by, changed_at)
     select response_id, status, note, 'version 1', updated_at from nps_follow_ups;
   alter table nps_responses drop column followed_up, drop column follow_up_note, drop column followed_up_at;`,
];
