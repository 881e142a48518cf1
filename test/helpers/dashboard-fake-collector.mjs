// @ts-check
// An in-memory stand-in for the collector's read API (src/collector/api-types.ts), with realistic,
// deterministic data: the dashboard's component tests, browser tests and screenshots use it.
// The figures are computed from the records, so filters really change what the dashboard shows.

import { npsChange, npsFigures } from '../../src/collector/stats/nps-figures';
import { pickThemes } from '../../src/collector/themes/pick-themes';
import { tallyTerms } from '../../src/collector/themes/tally-terms';
import { DEFAULT_THEME_SETTINGS } from '../../src/collector/themes/theme-options';

/** @typedef {import('../../src/core/api-types').StoredResponse} StoredResponse */
/** @typedef {import('../../src/core/api-types').NpsFigures} NpsFigures */
/** @typedef {import('../../src/core/api-types').StatsReply} StatsReply */
/** @typedef {import('../../src/core/api-types').AlertDelivery} AlertDelivery */
/** @typedef {{ stage?: string, from?: string, to?: string }} Range */

const DAY = 86_400_000;
const STAGES = ['signed-up', 'onboarded', 'first-project', 'checkout'];
const PLANS = ['free', 'pro', 'pro', 'team'];
const COMMENTS = {
  detractor: [
    'The import from our old tool lost all the due dates.',
    'Too expensive for a team of three.',
    'Notifications arrive twice, and the digest email is noise.',
    'Checkout rejected my card twice before it worked.',
  ],
  passive: ['Does the job. Timeline view would make it great.', 'Fine, but I miss keyboard shortcuts.'],
  promoter: [
    'Templates saved me a day of setup.',
    'Our whole team switched in a week.',
    'Fast, clean, and support answered in minutes.',
  ],
};

// The fake reads comments without a stemmer: lower-cased words, these stop words leaving a gap.
const STOP_WORDS = new Set(
  'a an and are at before but by does for from i in is it me my of on or our so the to too was we with would'.split(
    ' ',
  ),
);

/** A comment as the text form of a tsvector, as the fake reads it (`'word':position …`). @param {string} comment */
const fakeStems = (comment) =>
  comment
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word, i) => (STOP_WORDS.has(word) ? '' : `'${word.replaceAll("'", "''")}':${i + 1}`))
    .filter(Boolean)
    .join(' ');

/**
 * Whether a comment matches a search, as the fake reads it: every word of `q` (or the quoted phrase)
 * appears in it, ignoring case.
 * @param {string | null} comment @param {string} q
 */
const fakeMatch = (comment, q) => {
  const text = (comment ?? '').toLowerCase();
  const phrase = /^"(.*)"$/.exec(q.trim());
  return phrase
    ? text.includes(phrase[1].toLowerCase())
    : q
        .toLowerCase()
        .split(/\s+/)
        .every((w) => text.includes(w));
};

/** mulberry32: the same seed gives the same data. @param {number} seed */
const prng = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** @param {number} score @returns {'detractor' | 'passive' | 'promoter'} */
const categoryOf = (score) => (score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter');

/**
 * `count` stored responses over the `weeks` weeks before `now`, getting better week by week.
 * @param {{ count?: number, weeks?: number, now?: number, seed?: number }} [o]
 * @returns {StoredResponse[]}
 */
export function fakeResponses({ count = 240, weeks = 10, now = Date.parse('2026-11-30T12:00:00Z'), seed = 7 } = {}) {
  const random = prng(seed);
  /** @type {<T>(list: readonly T[]) => T} */
  const pick = (list) => list[Math.floor(random() * list.length)];
  /** @type {StoredResponse[]} */
  const records = [];
  for (let i = 0; i < count; i++) {
    const age = (i / count) * weeks * 7 * DAY + random() * DAY;
    const shown = now - age;
    const user = Math.floor(random() * 90);
    const answered = random() < 0.55;
    const improve = (1 - age / (weeks * 7 * DAY)) * 3;
    const score = answered ? Math.max(0, Math.min(10, Math.round(1 + improve + random() * 10))) : null;
    const category = score == null ? null : categoryOf(score);
    const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
    records.push({
      id: `0000${i.toString(16).padStart(4, '0')}-0000-7000-8000-${user.toString(16).padStart(12, '0')}`,
      status: answered ? 'answered' : random() < 0.5 ? 'dismissed' : 'shown',
      score,
      category,
      comment: category && random() < 0.6 ? pick(COMMENTS[category]) : null,
      userId: `user-${user}`,
      anonymousId: `anon-${user.toString(16).padStart(8, '0')}`,
      traits: { plan: pick(PLANS) },
      stage: pick(STAGES),
      metadata: null,
      locale: 'en',
      page: 'https://app.example.com/',
      shownAt: iso(shown),
      answeredAt: answered ? iso(shown + 5000) : null,
      updatedAt: iso(shown + 9000),
      receivedAt: iso(shown + 9500),
      sdk: 'nps-widget@0.2.0',
      followUp: { status: 'open', owner: null, note: null, updatedAt: null, history: [] },
    });
  }
  return records;
}

const round1 = (/** @type {number} */ x) => Math.round(x * 10) / 10;

/** @param {StoredResponse[]} records @returns {import('../../src/core/api-types').NpsCounts} */
const countsOf = (records) => {
  const count = (/** @type {string} */ c) => records.filter((r) => r.status === 'answered' && r.category === c).length;
  return {
    promoters: count('promoter'),
    passives: count('passive'),
    detractors: count('detractor'),
    shown: records.length,
  };
};

/** The collector's own NPS math (src/core/nps-figures.ts) over some records. @param {StoredResponse[]} records @returns {NpsFigures} */
const figuresOf = (records) => npsFigures(countsOf(records));

/** "2026-W48" for a date (ISO week, UTC). @param {string} iso */
function isoWeek(iso) {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3);
  const year = d.getUTCFullYear();
  // The week's Thursday decides its year; its day of that year, over 7, its number.
  const week = 1 + Math.floor((+d - Date.UTC(year, 0, 1)) / DAY / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** @param {StoredResponse[]} records @param {(r: StoredResponse) => string} key */
function groupFigures(records, key) {
  /** @type {Map<string, StoredResponse[]>} */
  const groups = new Map();
  for (const r of records) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, rs]) => [k, figuresOf(rs)]));
}

/** The state of a fake collector: the records, the alerts, and the read API over them. */
export function createFakeCollector({
  responses = fakeResponses(),
  alerts = fakeAlerts(),
  now = () => new Date('2026-11-30T12:00:00Z'),
} = {}) {
  const records = responses.map((r) => structuredClone(r));

  /** @param {Range} range */
  const inRange = (range) => {
    const from = range.from ? Date.parse(`${range.from}T00:00:00Z`) : -Infinity;
    const to = range.to ? Date.parse(`${range.to}T00:00:00Z`) + DAY : Infinity;
    return records.filter(
      (r) => (!range.stage || r.stage === range.stage) && Date.parse(r.shownAt) >= from && Date.parse(r.shownAt) < to,
    );
  };

  /** @param {StoredResponse[]} rs */
  function followUpMetrics(rs) {
    const detractors = rs.filter((r) => r.category === 'detractor');
    const hours = detractors
      .flatMap((r) => {
        const first = r.followUp.history.find((h) => h.status !== 'open');
        return first && r.answeredAt ? [(Date.parse(first.at) - Date.parse(r.answeredAt)) / 3_600_000] : [];
      })
      .sort((a, b) => a - b);
    const contacted = detractors.filter((r) => r.followUp.status !== 'open').length;
    return {
      detractors: detractors.length,
      contacted,
      contactedShare: detractors.length ? contacted / detractors.length : 0,
      medianHoursToContact: hours.length ? round1(hours[Math.floor((hours.length - 1) / 2)]) : null,
    };
  }

  return {
    records,
    /** `GET /api/stats` @param {Range & { segment?: string }} q @returns {StatsReply} */
    stats(q) {
      const rs = inRange(q);
      /** @type {StatsReply} */
      const reply = {
        ...figuresOf(rs),
        byStage: groupFigures(rs, (r) => r.stage ?? '(none)'),
        stages: [...new Set(rs.map((r) => r.stage ?? '(none)'))].sort(),
        byWeek: Object.entries(groupFigures(rs, (r) => isoWeek(r.shownAt))).map(([week, f]) => ({ ...f, week })),
        followUp: followUpMetrics(rs),
      };
      if (q.segment) {
        const key = q.segment;
        reply.bySegment = groupFigures(
          rs.filter((r) => r.traits && typeof r.traits === 'object' && key in r.traits),
          (r) => String(/** @type {Record<string, unknown>} */ (r.traits)[key]),
        );
      }
      if (q.from && q.to) {
        const from = Date.parse(`${q.from}T00:00:00Z`),
          to = Date.parse(`${q.to}T00:00:00Z`) + DAY;
        const previousFrom = new Date(from - (to - from)).toISOString(),
          previousTo = new Date(from).toISOString();
        const before = records.filter(
          (r) => (!q.stage || r.stage === q.stage) && r.shownAt >= previousFrom && r.shownAt < previousTo,
        );
        reply.change = npsChange(
          countsOf(rs),
          countsOf(before),
          { from: new Date(previousFrom), to: new Date(previousTo) },
          { from: new Date(from), to: new Date(to) },
        );
      }
      return reply;
    },
    /**
     * `GET /api/responses`
     * @param {Range & { status?: string, followUp?: string, hasComment?: boolean, userId?: string, q?: string, limit?: number, cursor?: string | null }} q
     */
    responses(q) {
      const rank = { detractor: 0, passive: 1, promoter: 2 };
      let rs = inRange(q).filter(
        (r) =>
          (!q.q || fakeMatch(r.comment, q.q)) &&
          (!q.status || r.status === q.status) &&
          (!q.followUp || r.followUp.status === q.followUp) &&
          (q.hasComment == null || !!r.comment === q.hasComment) &&
          (!q.userId || r.userId === q.userId),
      );
      rs = rs.sort(
        (a, b) =>
          (q.followUp ? rank[a.category ?? 'promoter'] - rank[b.category ?? 'promoter'] : 0) ||
          b.receivedAt.localeCompare(a.receivedAt),
      );
      const start = Number(q.cursor ?? 0),
        limit = q.limit ?? 50;
      const page = rs.slice(start, start + limit);
      return { responses: structuredClone(page), nextCursor: start + limit < rs.length ? String(start + limit) : null };
    },
    /** `GET /api/responses/:id` @param {string} id */
    response(id) {
      const record = records.find((r) => r.id === id);
      return record ? structuredClone(record) : null;
    },
    /** `PATCH /api/responses/:id` @param {string} id @param {import('../../src/core/api-types').FollowUpPatch} patch */
    updateFollowUp(id, patch) {
      const record = records.find((r) => r.id === id);
      if (!record) return null;
      const { status, owner = record.followUp.owner, note = record.followUp.note } = patch.followUp;
      const at = now().toISOString();
      record.followUp = {
        status,
        owner: owner ?? null,
        note: note ?? null,
        updatedAt: at,
        history: [
          ...record.followUp.history,
          { status, owner: owner ?? null, note: note ?? null, by: 'dashboard', at },
        ],
      };
      return structuredClone(record);
    },
    /**
     * `GET /api/themes`, with the collector's own counting and log-odds over the fake's unstemmed words.
     * @param {Range} q
     * @returns {import('../../src/core/api-types').ThemesReply}
     */
    themes(q) {
      const sample = inRange(q)
        .filter((r) => r.status === 'answered' && r.category && r.comment)
        .sort((a, b) => b.shownAt.localeCompare(a.shownAt))
        .map((r) => ({
          id: r.id,
          category: /** @type {import('../../src/core/wire').Category} */ (r.category),
          stems: fakeStems(r.comment ?? ''),
        }));
      const tallies = tallyTerms(sample);
      const { minComments, minMentions } = DEFAULT_THEME_SETTINGS;
      const comments = {
        detractors: tallies.comments.detractor,
        passives: tallies.comments.passive,
        promoters: tallies.comments.promoter,
      };
      const tooFew = Math.min(comments.detractors, comments.promoters) < minComments;
      const picked = tooFew
        ? { detractors: [], promoters: [] }
        : pickThemes(tallies, { ...DEFAULT_THEME_SETTINGS, limit: 10 });
      /** @param {import('../../src/collector/themes/pick-themes').PickedTerm} p */
      const term = (p) => ({
        term: p.term,
        text: p.term,
        counts: {
          detractors: p.tally.counts.detractor,
          passives: p.tally.counts.passive,
          promoters: p.tally.counts.promoter,
        },
        z: p.z,
        examples: p.examples,
      });
      return {
        comments,
        sampled: false,
        tooFew,
        minimum: { comments: minComments, mentions: minMentions },
        detractors: picked.detractors.map(term),
        promoters: picked.promoters.map(term),
      };
    },
    /** `GET /api/segments` */
    segments() {
      /** @type {Map<string, Map<string, number>>} */
      const keys = new Map();
      for (const r of records)
        for (const [key, value] of Object.entries(/** @type {Record<string, unknown>} */ (r.traits ?? {}))) {
          const values = keys.get(key) ?? new Map();
          values.set(String(value), (values.get(String(value)) ?? 0) + 1);
          keys.set(key, values);
        }
      return {
        segments: [...keys].map(([key, values]) => ({
          key,
          responses: [...values.values()].reduce((a, b) => a + b, 0),
          values: [...values].map(([value, n]) => ({ value, responses: n })).sort((a, b) => b.responses - a.responses),
        })),
        suggestions: [],
      };
    },
    /** `GET /api/users/:userId` @param {string} userId */
    userHistory(userId) {
      const rs = records.filter((r) => r.userId === userId).sort((a, b) => a.shownAt.localeCompare(b.shownAt));
      const answers = rs.filter((r) => r.status === 'answered');
      const recovered =
        answers.some((r) => r.category === 'detractor') &&
        answers.length > 0 &&
        answers[answers.length - 1].category !== 'detractor';
      return { userId, responses: structuredClone(rs), nextCursor: null, recovered };
    },
    /** `GET /api/recovered` @param {Range} q */
    recovered(q) {
      const users = [
        ...new Set(
          inRange({ ...q, stage: undefined })
            .map((r) => r.userId)
            .filter((u) => u != null),
        ),
      ].flatMap((userId) => {
        const answers = records
          .filter((r) => r.userId === userId && r.status === 'answered')
          .sort((a, b) => a.shownAt.localeCompare(b.shownAt));
        const first = answers.find((r) => r.category === 'detractor');
        const latest = answers[answers.length - 1];
        return first && latest.category !== 'detractor' && latest.score != null && latest.answeredAt && first.answeredAt
          ? [{ userId, firstDetractorAt: first.answeredAt, latestScore: latest.score, latestAt: latest.answeredAt }]
          : [];
      });
      return { count: users.length, users: users.slice(0, 8) };
    },
    /** `GET /api/alerts` @param {string} [state] */
    alerts(state) {
      /** @type {Record<import('../../src/core/api-types').AlertState, number>} */
      const counts = { pending: 0, delivered: 0, digested: 0, suppressed: 0, failed: 0 };
      /** @type {Record<import('../../src/core/api-types').DigestState, number>} */
      const digests = { pending: 0, delivered: 0, failed: 0 };
      for (const a of alerts)
        if (a.event === 'digest') digests[/** @type {import('../../src/core/api-types').DigestState} */ (a.state)]++;
        else counts[a.state]++;
      return { alerts: alerts.filter((a) => !state || a.state === state), counts, digests };
    },
  };
}

/** Webhook deliveries: mostly delivered, one pending, two failed, two digested into one digest, one suppressed. @returns {AlertDelivery[]} */
function fakeAlerts() {
  /** @type {(i: number, state: import('../../src/core/api-types').AlertState, lastError: string | null) => AlertDelivery} */
  const alert = (i, state, lastError) => ({
    id: `delivery-${i}`,
    responseId: `00000000-0000-7000-8000-00000000000${i}`,
    event: 'detractor',
    webhook: 'https://hooks.slack.com/services/…',
    state,
    attempts: state === 'failed' ? 14 : 1,
    lastError,
    reason: state === 'suppressed' ? 'more than 3 alerts from this anonymous id in 24 hours' : null,
    digest: state === 'digested' ? 'digest-1' : null,
    count: null,
    createdAt: `2026-11-2${i}T09:00:00.000Z`,
    nextAttemptAt: state === 'pending' ? '2026-11-30T12:05:00.000Z' : null,
    deliveredAt: state === 'delivered' ? `2026-11-2${i}T09:00:01.000Z` : null,
  });
  return [
    alert(1, 'failed', 'HTTP 410 Gone: channel archived'),
    alert(2, 'failed', 'connect ECONNREFUSED 10.0.0.7:443'),
    alert(3, 'pending', 'HTTP 503'),
    ...[4, 5, 6, 7].map((i) => alert(i, 'delivered', null)),
    alert(8, 'digested', null),
    alert(9, 'digested', null),
    { ...alert(9, 'suppressed', null), id: 'delivery-10' },
    { ...alert(8, 'delivered', null), id: 'digest-1', responseId: null, event: 'digest', count: 2 },
  ];
}
