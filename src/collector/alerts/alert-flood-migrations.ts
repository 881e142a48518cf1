/**
 * Schema of flood control and the comment wait, as one migration step the collector appends to its
 * list. Statements are separated by `;` at the end of a line.
 *
 * Every alert row ends `delivered`, `digested` (folded into a digest message), `suppressed` (over the
 * limit per anonymous id, with the `reason`) or `failed`. A digest is a row of its own (event
 * `digest`, no response): it is claimed, signed, retried and given up on like any alert, and its
 * digested alerts point to it (`digest`). `first_attempt_at` is when a message was first sent: what
 * the limit per minute counts. `anonymous_id` is copied out of the snapshot for the limit per
 * anonymous id. Existing rows keep their state; those already attempted count as sent when created.
 */
export const ALERT_FLOOD_MIGRATIONS: readonly string[] = [
  `alter table nps_alerts drop constraint nps_alerts_state_check;
   alter table nps_alerts add constraint nps_alerts_state_check
     check (state in ('pending', 'delivered', 'digested', 'suppressed', 'failed'));
   alter table nps_alerts drop constraint nps_alerts_event_check;
   alter table nps_alerts add constraint nps_alerts_event_check
     check (event in ('detractor', 'answer', 'comment', 'digest'));
   alter table nps_alerts alter column response_id drop not null;
   alter table nps_alerts alter column record drop not null;
   alter table nps_alerts add constraint nps_alerts_digest_has_no_response
     check ((event = 'digest') = (response_id is null) and (event = 'digest') = (record is null));
   alter table nps_alerts add column anonymous_id text;
   alter table nps_alerts add column first_attempt_at timestamptz;
   alter table nps_alerts add column digest uuid;
   alter table nps_alerts add column reason text;
   update nps_alerts set anonymous_id = record->>'anonymousId',
     first_attempt_at = case when attempts > 0 then created_at end;
   create index nps_alerts_sent on nps_alerts (webhook, first_attempt_at) where event <> 'digest';
   create index nps_alerts_per_visitor on nps_alerts (webhook, anonymous_id, created_at);
   create index nps_alerts_digested on nps_alerts (digest) where digest is not null;`,
];
