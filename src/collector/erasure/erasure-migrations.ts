/**
 * Schema of erasure tombstones, as one migration step the collector appends to its list.
 *
 * `nps_erasures` keeps, per erased identity, a keyed hash (HMAC-SHA256 of `user:<id>` or
 * `anonymous:<id>` with the erasure secret, hex) and the time of the latest erasure: never an id in
 * clear. `nps_erasure_key` holds the secret the collector generates when it is given none (one row).
 */
export const ERASURE_MIGRATIONS: readonly string[] = [
  `create table nps_erasures (
     identity_hash text primary key,
     erased_at timestamptz not null
   );
   create table nps_erasure_key (
     only_row boolean primary key default true check (only_row),
     secret text not null
   );`,
];
