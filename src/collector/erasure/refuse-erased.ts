import type { Buffer } from 'node:buffer';
import { ERASED, type ResponseRecord } from '../../core/wire';
import type { Rejection } from '../http/validate-batch';
import { millisOf, type Query } from '../store/queryable';
import type { ErasureKey } from './erasure-key';
import { identityHash } from './identity-hash';

const TOMBSTONES = `select identity_hash, erased_at from nps_erasures where identity_hash = any($1::text[])`;

/**
 * Whose record it is, as erasure sees it: the user's when it has a user id, else its browser's
 * (the same rule by which erasure picked the rows it deleted).
 */
const ownerHash = (secret: Buffer, record: ResponseRecord) =>
  record.userId != null
    ? identityHash(secret, 'user', record.userId)
    : identityHash(secret, 'anonymous', record.anonymousId);

/**
 * Splits valid records into those to store and those to refuse with {@link ERASED}: a record whose
 * owner (its user id, or its anonymous id when it has none) was erased after the record was shown.
 * An answer shown after the erasure is new consent and is kept. One indexed lookup per batch.
 * @example const { kept, refused } = await refuseErased(db.query, records, key)
 */
export async function refuseErased(
  query: Query,
  records: readonly ResponseRecord[],
  key: ErasureKey,
): Promise<{ kept: ResponseRecord[]; refused: Rejection[] }> {
  if (!records.length) return { kept: [], refused: [] };
  const secret = await key();
  const owned = records.map((record) => ({ record, owner: ownerHash(secret, record) }));
  const { rows } = await query(TOMBSTONES, [[...new Set(owned.map(({ owner }) => owner))]]);
  if (!rows.length) return { kept: [...records], refused: [] };
  const erasedAt = new Map(rows.map((row) => [String(row.identity_hash), millisOf(row.erased_at)]));
  const kept: ResponseRecord[] = [];
  const refused: Rejection[] = [];
  for (const { record, owner } of owned) {
    const erased = erasedAt.get(owner);
    if (erased !== undefined && Date.parse(record.shownAt) < erased) refused.push({ id: record.id, error: ERASED });
    else kept.push(record);
  }
  return { kept, refused };
}
