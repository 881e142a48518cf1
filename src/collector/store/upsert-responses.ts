import type { ResponseRecord } from '../../core/wire';
import { type AlertSource, recordAlerts } from '../alerts/record-alerts';
import type { Webhook } from '../alerts/webhook-options';
import type { Rejection } from '../http/validate-batch';
import type { Database } from './database';
import type { Row } from './queryable';
import { UPSERT } from './store-sql';

/** What an upsert did. */
export interface UpsertResult {
  written: number;
  rejected: Rejection[];
  /** Alerts recorded (or updated) in the same transaction: nudge the delivery loop when more than 0. */
  alerts: number;
}

/**
 * The same order the upsert applies, so a batch holding several versions of one id keeps the winner
 * (PostgreSQL refuses to update one row twice in a statement).
 */
const newer = (candidate: ResponseRecord, kept: ResponseRecord): boolean =>
  (candidate.status === 'answered') !== (kept.status === 'answered')
    ? candidate.status === 'answered'
    : Date.parse(candidate.updatedAt) > Date.parse(kept.updatedAt);

/** The winning version of each id in a batch, in id order. */
function latestVersions(records: readonly ResponseRecord[]): ResponseRecord[] {
  const latest = new Map<string, ResponseRecord>();
  // Millisecond precision, as Date.parse compares below: PostgreSQL would otherwise keep
  // microseconds and order versions the in-batch dedupe thought equal.
  for (const given of records) {
    const record = { ...given, updatedAt: new Date(given.updatedAt).toISOString() };
    const seen = latest.get(record.id);
    if (!seen || newer(record, seen)) latest.set(record.id, record);
  }
  // Rows are locked in id order, so two overlapping batches cannot deadlock each other.
  return [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The upsert statement's one row, and the alerts recorded with it. */
async function writeVersions(db: Database, params: unknown[], webhooks: readonly Webhook[]) {
  // Without webhooks the upsert stays one statement outside any transaction: nothing is added per record.
  if (!webhooks.length) return { row: (await db.query(UPSERT(), params)).rows[0] ?? {}, alerts: 0 };
  return db.transaction(async (query) => {
    const row: Row = (await query(UPSERT(true), params)).rows[0] ?? {};
    return { row, alerts: await recordAlerts(query, (row.rows ?? []) as AlertSource[], webhooks) };
  });
}

/**
 * Stores valid wire records: the latest version wins, `answered` is never downgraded, and a version
 * whose `anonymousId` differs from the record's first one is refused. With `webhooks`, the alerts the
 * written rows raise are recorded in the same transaction (the transactional outbox).
 * @example await upsertResponses(db, batch.records, webhooks) // { written: 2, rejected: [], alerts: 1 }
 */
export async function upsertResponses(
  db: Database,
  records: readonly ResponseRecord[],
  webhooks: readonly Webhook[],
): Promise<UpsertResult> {
  const versions = latestVersions(records);
  if (!versions.length) return { written: 0, rejected: [], alerts: 0 };
  const { row, alerts } = await writeVersions(db, [JSON.stringify(versions), versions.length], webhooks);
  const foreign = (row.foreign ?? []) as string[];
  return {
    written: Number(row.written ?? 0),
    rejected: foreign.map((id) => ({
      id,
      error: 'anonymousId differs from the one this record was first stored with',
    })),
    alerts,
  };
}
