// @ts-check

/**
 * Schema changes, in order; never edit one that has shipped, add the next.
 * Follow-up fields live beside the wire fields so an upsert of a newer version never touches them.
 */
export const MIGRATIONS = [
  `create table nps_responses (
     id uuid primary key,
     status text not null check (status in ('shown', 'answered', 'dismissed')),
     score smallint check (score between 0 and 10),
     category text check (category in ('detractor', 'passive', 'promoter')),
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
];

/**
 * Brings the schema up to date, in one transaction; an advisory lock keeps two servers starting at
 * once from applying the same step twice.
 * @param {import('./open-database.mjs').Database} db
 * @returns {Promise<number>} the schema version now in place
 */
export async function migrate(db) {
  return db.transaction(async (q) => {
    await q('select pg_advisory_xact_lock(4242001)');
    await q('create table if not exists nps_schema_migrations (version integer primary key, applied_at timestamptz not null default now())');
    const { rows } = await q('select coalesce(max(version), 0)::int as v from nps_schema_migrations');
    for (let v = rows[0]?.v ?? 0; v < MIGRATIONS.length; v++) {
      for (const statement of MIGRATIONS[v].split(/;\s*$/m).filter((s) => s.trim())) await q(statement);
      await q('insert into nps_schema_migrations (version) values ($1)', [v + 1]);
    }
    return MIGRATIONS.length;
  });
}
