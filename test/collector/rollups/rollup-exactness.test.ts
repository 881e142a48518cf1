import { afterEach, describe, expect, it } from 'vitest';
import { eraseUser } from '../../../src/collector/erasure/erase-user';
import { erasureKey } from '../../../src/collector/erasure/erasure-key';
import { isRecoveredUser, recoveredDetractors } from '../../../src/collector/follow-up/recovered-detractors';
import { buildSegmentKeyStep } from '../../../src/collector/rollups/build-segment-key';
import { compactRollups } from '../../../src/collector/rollups/compact-rollups';
import { declareSegmentKeys } from '../../../src/collector/rollups/segment-keys';
import { labelGroups } from '../../../src/collector/stats/group-stages';
import { listSegments } from '../../../src/collector/stats/segments';
import { readCounts, readFigures } from '../../../src/collector/store/read-figures';
import type { Database, ResponseStore } from '../../../src/collector-entry';
import {
  hasTrait,
  type ReferenceFilter,
  referenceFigures,
  referenceRecovered,
  segmentValue,
  type StoredRow,
  storedRows,
} from '../../helpers/reference-figures';
import { RollupScenario } from '../../helpers/rollup-scenario';
import { DATABASES, freshStore } from '../fixtures';

const SEEDS = [1, 2, 3, 4];
const STEPS = 30;
const HOUR = 3_600_000;

/** A filter of the figures: a range with date-time edges (or none), a stage, a segment. */
function randomFilter(scenario: RollupScenario, keys: readonly string[]): ReferenceFilter {
  const { random } = scenario;
  const filter: ReferenceFilter = {};
  if (random() < 0.6) {
    const [a, b] = [scenario.time(), scenario.time() + Math.floor(random() * 72 * HOUR)].sort((x, y) => x - y);
    if (random() < 0.8) filter.from = a;
    if (random() < 0.8) filter.to = b;
  }
  if (random() < 0.35) filter.stage = scenario.pick(['checkout', 'other', '(none)', 'rare-3']);
  if (keys.length && random() < 0.7) filter.segment = scenario.pick(keys);
  return filter;
}

/** The figures the store serves and those counted over the rows, for one filter. */
async function compareFigures(db: Database, rows: StoredRow[], filter: ReferenceFilter, now: number, where: string) {
  const storeFilter = {
    stage: filter.stage,
    from: filter.from === undefined ? undefined : new Date(filter.from),
    to: filter.to === undefined ? undefined : new Date(filter.to),
    segment: filter.segment,
  };
  const served = await readFigures(db, storeFilter, now);
  const expected = referenceFigures(rows, filter);
  expect(
    { shown: served.shown, promoters: served.promoters, passives: served.passives, detractors: served.detractors },
    where,
  ).toEqual(expected.counts);
  expect(
    served.byWeek.map(({ week, shown, promoters, passives, detractors }) => ({
      week,
      shown,
      promoters,
      passives,
      detractors,
    })),
    where,
  ).toEqual(expected.byWeek);
  expect(served.byStage, where).toEqual(
    labelGroups({ ...expected.byStage, named: new Map(Object.entries(expected.byStage.named)) }),
  );
  if (expected.bySegment)
    expect(served.bySegment, where).toEqual(
      labelGroups({ ...expected.bySegment, named: new Map(Object.entries(expected.bySegment.named)) }),
    );
  expect(await readCounts(db, storeFilter, now), where).toEqual(expected.counts);
}

/** The segments list, the users' summaries and the recovered detractors against the rows. */
async function compareLists(db: Database, rows: StoredRow[], scenario: RollupScenario, where: string) {
  const { segments } = await listSegments(db.query);
  for (const segment of segments.filter((s) => !s.pending)) {
    const values = new Map<string, number>();
    for (const row of rows) {
      const value = segmentValue(row.traits, segment.key);
      if (value !== undefined) values.set(value, (values.get(value) ?? 0) + 1);
    }
    const top = [...values]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, 10)
      .map(([value, responses]) => ({ value, responses }));
    expect(segment, where).toEqual({
      key: segment.key,
      responses: rows.filter((row) => hasTrait(row.traits, segment.key)).length,
      values: top,
    });
  }
  const from = scenario.random() < 0.5 ? scenario.time() : undefined;
  const expected = referenceRecovered(rows, from);
  const served = await recoveredDetractors(db.query, {
    from: from === undefined ? undefined : new Date(from),
    limit: 1000,
  });
  expect(served.count, where).toBe(expected.length);
  expect(
    served.users.map((u) => ({
      ...u,
      firstDetractorAt: Date.parse(u.firstDetractorAt),
      latestAt: Date.parse(u.latestAt),
    })),
    where,
  ).toEqual(expected);
  const everyone = new Set(referenceRecovered(rows).map((u) => u.userId));
  for (const userId of scenario.users())
    expect(await isRecoveredUser(db.query, userId), where).toBe(everyone.has(userId));
}

/** Stores the scenario's next batches: on PostgreSQL sometimes two or three at once, the same new record in two of them. */
async function storeStep(store: ResponseStore, scenario: RollupScenario, concurrent: boolean) {
  const batches = [scenario.step()];
  if (concurrent && scenario.random() < 0.5) batches.push(scenario.step(), [...batches[0]].reverse());
  await Promise.all(batches.map((batch) => store.upsert(batch)));
}

const TOMBSTONE_KEY = erasureKey(async () => ({ rows: [] }), 'rollup-exactness-erasure-secret');

/** One step of a history: a batch (or several at once), now and then an erasure, the late key and its build, a fold. */
async function runStep(
  store: ResponseStore,
  scenario: RollupScenario,
  step: number,
  keys: string[],
  concurrent: boolean,
): Promise<string[]> {
  await storeStep(store, scenario, concurrent);
  // An erasure deletes rows (and keeps tombstones): the rollups must subtract them.
  if (step % 9 === 0) await eraseUser(store.db, scenario.pick(scenario.users()), TOMBSTONE_KEY);
  if (step === 12) await declareSegmentKeys(store.db, ['plan', 'email', 'blob']);
  if (concurrent && step % 7 === 0) await compactRollups(store.db);
  if (step > 12 && !keys.includes('blob') && !(await buildSegmentKeyStep(store.db, 7))) return [...keys, 'blob'];
  return keys;
}

/** Every figure against the rows, for a few random filters and clocks. */
async function compareAll(db: Database, scenario: RollupScenario, keys: readonly string[], where: string) {
  const rows = await storedRows(db);
  const now = scenario.random() < 0.5 ? Date.now() : scenario.time();
  for (let check = 0; check < 4; check++)
    await compareFigures(db, rows, randomFilter(scenario, keys), now, `${where}, check ${check}`);
  await compareLists(db, rows, scenario, where);
}

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)(`rollups on ${name}`, () => {
    let db: Database | undefined;
    afterEach(() => db?.close());

    it.each(SEEDS)(
      'equal a count over the stored rows after any history of upserts, resends, version changes, erasures and a key declared late (seed %i)',
      async (seed) => {
        const fresh = await freshStore(url);
        db = fresh.db;
        const scenario = new RollupScenario(seed);
        await declareSegmentKeys(db, ['plan', 'email']);
        let keys = ['plan', 'email'];
        for (let step = 1; step <= STEPS; step++) {
          const where = `seed ${seed}, step ${step} (${name})`;
          try {
            keys = await runStep(fresh.store, scenario, step, keys, url !== undefined);
            if (step % 3 === 0) await compareAll(fresh.db, scenario, keys, where);
          } catch (error) {
            // The seed that fails, in the message: rerun it alone with it.each([seed]).
            if (error instanceof Error && !error.message.includes(where)) error.message = `${where}: ${error.message}`;
            throw error;
          }
        }
        expect(keys, `seed ${seed}: the late key's build finished`).toContain('blob');
      },
    );
  });
