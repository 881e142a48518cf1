/**
 * Random, reproducible histories of responses for the rollup exactness tests: new impressions,
 * answers, changed scores, traits and stages, dismissals, resends, stale versions, several versions
 * of one id in a batch, over the last eleven days (so today's and yesterday's buckets are used too).
 */
import { categoryFor } from '../../src/core/nps-scale';
import type { Json } from '../../src/core/json';
import type { ResponseRecord } from '../../src/core/wire';

/** mulberry32: a small deterministic PRNG, 0 ≤ x < 1. */
function prng(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
// Names that collide with the group labels ("other", "(none)") and an empty one are on purpose.
const PLANS = ['free', 'pro', 'team', 'other', '(none)', ''];
const STAGES = ['checkout', 'onboarding', 'other', '(none)'];
const BLOBS: Json[] = ['b1', 'b2', 7, true, { nested: 1 }, [1, 2], 'x'.repeat(201), `é${'y'.repeat(199)}`, null];

/** A history generator: `step()` gives the next batch of versions to store. */
export class RollupScenario {
  readonly random: () => number;
  readonly start: number;
  private readonly latest = new Map<string, ResponseRecord>();
  private serial = 0;

  constructor(seed: number, now = Date.now()) {
    this.random = prng(seed);
    this.start = Math.floor(now / DAY) * DAY - 10 * DAY;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  /** A time in the scenario's eleven days. */
  time(): number {
    return this.start + Math.floor(this.random() * 11 * DAY);
  }

  users(): readonly string[] {
    return USERS;
  }

  private traits(): ResponseRecord['traits'] {
    const roll = this.random();
    if (roll < 0.05) return null;
    if (roll < 0.08) return ['not', 'an', 'object'];
    const traits: { [key: string]: Json } = {};
    if (this.random() < 0.85) traits.plan = this.pick(PLANS);
    if (this.random() < 0.8) traits.email = `e${Math.floor(this.random() * 70)}@example.com`;
    if (this.random() < 0.7) traits.blob = this.pick(BLOBS);
    return traits;
  }

  private stage(): string | undefined {
    const roll = this.random();
    if (roll < 0.2) return undefined;
    // Sixty rare stages, so that byStage has more than fifty names to choose from.
    if (roll < 0.45) return `rare-${Math.floor(this.random() * 60)}`;
    return this.pick(STAGES);
  }

  private version(record: ResponseRecord, over: Partial<ResponseRecord>): ResponseRecord {
    const updatedAt = new Date(Date.parse(record.updatedAt) + 1000 + Math.floor(this.random() * 5000)).toISOString();
    return { ...record, updatedAt, ...over };
  }

  private fresh(): ResponseRecord {
    const shownAt = new Date(this.time()).toISOString();
    const userId = this.random() < 0.8 ? this.pick(USERS) : undefined;
    this.serial += 1;
    const hex = (this.serial + Math.floor(this.random() * 1e6) * 1000).toString(16).padStart(12, '0').slice(-12);
    return {
      id: `0190a0a0-0000-7000-8000-${hex}`,
      status: 'shown',
      anonymousId: `anon-${userId ?? this.serial}`,
      userId,
      traits: this.traits(),
      stage: this.stage(),
      locale: 'en',
      page: 'http://127.0.0.1/app',
      shownAt,
      updatedAt: shownAt,
      sdk: 'nps-widget@0.1.0',
    };
  }

  private answer(record: ResponseRecord): ResponseRecord {
    const score = Math.floor(this.random() * 11);
    const next = this.version(record, { status: 'answered', score, category: categoryFor(score) });
    return { ...next, answeredAt: next.updatedAt, ...(this.random() < 0.3 ? { comment: 'Words' } : {}) };
  }

  /** One change of a stored record, or a new one. */
  private change(): ResponseRecord[] {
    const known = [...this.latest.values()];
    const record = known.length && this.random() < 0.7 ? this.pick(known) : undefined;
    if (!record) return [this.fresh()];
    const roll = this.random();
    // An answer, or a changed score for one already answered.
    if (roll < 0.3) return [this.answer(record)];
    if (roll < 0.45) return [this.version(record, { traits: this.traits(), stage: this.stage() })];
    if (roll < 0.55 && record.status === 'shown') return [this.version(record, { status: 'dismissed' })];
    if (roll < 0.65) return [record]; // a resend
    if (roll < 0.72) return [{ ...record, updatedAt: new Date(Date.parse(record.updatedAt) - 500).toISOString() }];
    // Several versions of one id in one batch, newest not last.
    const answered = this.answer(record);
    return [answered, this.version(answered, { traits: this.traits() }), record];
  }

  /** The next batch: one to five changes. */
  step(): ResponseRecord[] {
    const batch = Array.from({ length: 1 + Math.floor(this.random() * 5) }, () => this.change()).flat();
    for (const record of batch) {
      const kept = this.latest.get(record.id);
      if (!kept || this.wins(record, kept)) this.latest.set(record.id, record);
    }
    return batch;
  }

  /** Forget the records of an erased user (their ids are gone from the store). */
  erase(userId: string): void {
    const anonymousIds = new Set(
      [...this.latest.values()].filter((r) => r.userId === userId).map((r) => r.anonymousId),
    );
    for (const [id, record] of this.latest)
      if (record.userId === userId || (!record.userId && anonymousIds.has(record.anonymousId))) this.latest.delete(id);
  }

  private wins(candidate: ResponseRecord, kept: ResponseRecord): boolean {
    if ((candidate.status === 'answered') !== (kept.status === 'answered')) return candidate.status === 'answered';
    return Date.parse(candidate.updatedAt) > Date.parse(kept.updatedAt);
  }
}
