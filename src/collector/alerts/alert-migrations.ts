/**
 * Schema of the alert outbox, as migration steps the collector appends to its own list (after the
 * step that creates `nps_responses`). Statements are separated by `;` at the end of a line.
 *
 * One row per (response, event, webhook): the unique key is what makes a resent batch, or two
 * collectors storing the same record at once, raise one alert, never two.
 */
export const ALERT_MIGRATIONS: readonly string[] = [
  `create table nps_alerts (
     id uuid primary key,
     response_id uuid not null references nps_responses (id) on delete cascade,
     event text not null check (event in ('detractor', 'answer', 'comment')),
     webhook text not null,
     state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
     attempts integer not null default 0,
     next_attempt_at timestamptz default now(),
     claim uuid,
     last_error text,
     record jsonb not null,
     created_at timestamptz not null default now(),
     delivered_at timestamptz,
     unique (response_id, event, webhook)
   );
   create index nps_alerts_due on nps_alerts (next_attempt_at) where state = 'pending';
   create index nps_alerts_created on nps_alerts (created_at);`,
];
