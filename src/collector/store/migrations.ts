import { CATEGORIES, MAX_SCORE, MIN_SCORE } from '../../core/nps-scale';
import { ALERT_FLOOD_MIGRATIONS } from '../alerts/alert-flood-migrations';
import { ALERT_MIGRATIONS } from '../alerts/alert-migrations';
import { ERASURE_MIGRATIONS } from '../erasure/erasure-migrations';
import { FOLLOW_UP_MIGRATIONS } from '../follow-up/follow-up-migrations';
import { THEME_MIGRATIONS } from '../themes/theme-migrations';
import { ROLLUP_MIGRATIONS } from '../rollups/rollup-migrations';

/**
 * Schema changes, in order; never edit one that has shipped, add the next. Statements are separated
 * by a `;` at the end of a line.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: responses. Follow-up fields live beside the wire fields so an upsert of a newer version never touches them.
  `create table nps_responses (
     id uuid primary key,
     status text not null check (status in ('shown', 'answered', 'dismissed')),
     score smallint check (score between ${MIN_SCORE} and ${MAX_SCORE}),
     category text check (category in (${CATEGORIES.map((c) => `'${c}'`).join(', ')})),
     comment text,
     user_id text,
     anonymous_id text not null,
     traits jsonb,
     stage text,
     metadata jsonb,
     locale text not null,
     page text not null,
     shown_at timestamptz not null,
     answered_at timestamptz,
     updated_at timestamptz not null,
     sdk text not null,
     received_at timestamptz not null default now(),
     writes integer not null default 1,
     followed_up boolean not null default false,
     follow_up_note text,
     followed_up_at timestamptz
   );
   create index nps_responses_shown_at on nps_responses (shown_at);
   create index nps_responses_stage on nps_responses (stage, shown_at);`,

  // 2: the server's receive order (listings never trust client ids or clocks), and dashboard sessions
  // kept on the server so they expire and can be revoked, by any copy of the collector.
  `create sequence nps_responses_receive_order;
   alter table nps_responses add column received_seq bigint;
   update nps_responses r set received_seq = o.n
     from (select id, row_number() over (order by received_at, id) as n from nps_responses) o where r.id = o.id;
   select setval('nps_responses_receive_order', coalesce((select max(received_seq) from nps_responses), 1), exists (select 1 from nps_responses));
   alter table nps_responses alter column received_seq set default nextval('nps_responses_receive_order');
   alter table nps_responses alter column received_seq set not null;
   create unique index nps_responses_received_seq on nps_responses (received_seq);
   create table nps_dashboard_sessions (
     id_hash text primary key,
     token_fingerprint text not null,
     expires_at timestamptz not null
   );`,

  // 3: the alert outbox (alerts/alert-migrations.ts).
  ...ALERT_MIGRATIONS,
  // 4, 5: the follow-up workflow and its history; version 1's follow-up columns move there and go.
  ...FOLLOW_UP_MIGRATIONS,
  // 6: comment search and themes (themes/theme-migrations.ts).
  ...THEME_MIGRATIONS,
  // 7, 8: flood control and the comment wait (alerts/), erasure tombstones (erasure/).
  ...ALERT_FLOOD_MIGRATIONS,
  ...ERASURE_MIGRATIONS,
  // 9: version 3's scale: indexes for every route, rollups kept by triggers (rollups/rollup-migrations.ts).
  ...ROLLUP_MIGRATIONS,
];
