/**
 * The collector's read and close-the-loop HTTP API, as JSON types: the contract between the
 * collector's routes and the dashboard (which imports these types only). Every route is behind
 * `Authorization: Bearer <dashboardToken>` or the login cookie. Dates are ISO 8601 strings in UTC.
 */
import type { Category, ResponseStatus } from './wire';

/** Answer counts of one group of records (`shown` counts impressions, answered or not). */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
  shown: number;
}

/** Answer counts and the figures derived from them: one group of records (`GET /api/stats` and each of its groups). */
export interface NpsFigures extends NpsCounts {
  /** % promoters − % detractors, one decimal. */
  nps: number;
  /** Half-width of the 95% interval, in NPS points; never 0 when there are answers (see src/collector/README.md, "Statistics"). */
  marginOfError: number;
  /** Answers (promoters + passives + detractors). */
  total: number;
  /** answered / shown, 0..1, four decimals. */
  responseRate: number;
  /** `total` is below 10 (`TOO_FEW_ANSWERS`): show the figure with "too few answers". */
  tooFew: boolean;
}

/** This range against the range of equal length just before it. */
export interface NpsChange {
  /** The NPS of this range (not necessarily the headline's range: see `from`). */
  nps: number;
  previousNps: number;
  /** nps − previousNps. */
  delta: number;
  /** 95% half-width of the difference of the two NPS. */
  marginOfError: number;
  /** |delta| > marginOfError (and both ranges have answers). */
  significant: boolean;
  /** This range, `from` inclusive and `to` exclusive. */
  from: string;
  to: string;
  /** The previous range, `from` inclusive and `to` exclusive. */
  previousFrom: string;
  previousTo: string;
  /** Answers in this range and in the previous one. */
  total: number;
  previousTotal: number;
  /** Either range has fewer than 10 (`TOO_FEW_ANSWERS`) answers: say "too few answers", never "likely real". */
  tooFew: boolean;
}

/** `GET /api/stats?stage=&from=&to=&segment=` */
export interface StatsReply extends NpsFigures {
  /**
   * At most 50 stages, the rest summed under "other"; records without a stage under "(none)"; a real
   * stage named like one of those groups in double quotes (`"other"`). Keys are labels, not filters.
   */
  byStage: Record<string, NpsFigures>;
  /**
   * The `stage=` values of the groups in `byStage` (real stage names, unquoted, and "(none)" for
   * records without a stage): what a stage picker offers. Never the `other` group.
   */
  stages: string[];
  /** ISO weeks in UTC ("2026-W48"), oldest first. */
  byWeek: (NpsFigures & { week: string })[];
  /**
   * Only with `segment=<declared key>`: its 50 most common values (all time), "other" (any other
   * value, one longer than 200 characters, or a list or object) and "(none)" (no such trait).
   */
  bySegment?: Record<string, NpsFigures>;
  /**
   * Instead of `bySegment` while the rollup of a key declared after responses were stored is being
   * built (in the background, in steps): how far it is.
   */
  segmentPending?: { key: string; responsesCounted: number };
  /**
   * This range against the one of equal length before it. Without `from`, the range is the 30 days up
   * to `to` (or to now), named by `change.from` and `change.to`; without `to`, it ends now.
   */
  change?: NpsChange;
  /** The follow-up workflow in this range. */
  followUp: FollowUpMetrics;
}

export type FollowUpStatus = 'open' | 'contacted' | 'resolved';

export interface FollowUpMetrics {
  /** Detractor answers in the range. */
  detractors: number;
  /** Of those, how many were contacted or resolved. */
  contacted: number;
  /** contacted / detractors, 0..1 (0 when there are none). */
  contactedShare: number;
  /** Median hours from answer to the first change to `contacted` (or `resolved`); null when none. */
  medianHoursToContact: number | null;
}

/** One change of a response's follow-up, kept forever (until erasure). */
export interface FollowUpChange {
  status: FollowUpStatus;
  owner: string | null;
  note: string | null;
  /** Who made the change: "dashboard" for the token/cookie user, or the `X-NPS-Actor` header. */
  by: string;
  at: string;
}

export interface FollowUp {
  status: FollowUpStatus;
  owner: string | null;
  note: string | null;
  updatedAt: string | null;
  history: FollowUpChange[];
}

/** A stored response, as the read API returns it. */
export interface StoredResponse {
  id: string;
  status: ResponseStatus;
  score: number | null;
  category: Category | null;
  comment: string | null;
  userId: string | null;
  anonymousId: string;
  traits: unknown;
  stage: string | null;
  metadata: unknown;
  locale: string;
  page: string;
  shownAt: string;
  answeredAt: string | null;
  updatedAt: string;
  /** When the server last stored a version: the order of listings ("newest first" is by this). */
  receivedAt: string;
  sdk: string;
  /** `status: 'open'` with no history for answers nobody has touched. */
  followUp: FollowUp;
}

/**
 * `GET /api/responses?stage=&from=&to=&category=&status=&hasComment=&followUp=&userId=&limit=&cursor=`
 * Newest first by server receive order; `nextCursor` pages on (opaque).
 * With `followUp=…` the queue order applies: detractors first, then passives, promoters, newest first within each.
 */
export interface ResponsesReply {
  responses: StoredResponse[];
  nextCursor: string | null;
}

/** `PATCH /api/responses/:id` body. Replies with the updated {@link StoredResponse}. */
export interface FollowUpPatch {
  followUp: { status: FollowUpStatus; owner?: string | null; note?: string | null };
}

/**
 * `GET /api/segments`: the declared segment keys (`SEGMENT_KEYS`; most common first), each with its
 * most common values (at most 10), and trait keys seen in the latest 10,000 responses that are not
 * declared (what `SEGMENT_KEYS` could add).
 */
export interface SegmentsReply {
  segments: {
    key: string;
    /** Responses with this trait (all time). */
    responses: number;
    values: { value: string; responses: number }[];
    /** Set while the rollup of a key declared after responses were stored is being built. */
    pending?: { responsesCounted: number };
  }[];
  /** Undeclared trait keys seen in the latest 10,000 responses, most common first (at most 50). */
  suggestions: { key: string; responses: number }[];
}

/**
 * `GET /api/users/:userId?limit=&cursor=`: that user's responses, oldest first by `shownAt` (their NPS
 * journey), a page at a time (`limit`, default 100); `nextCursor` pages on (opaque).
 */
export interface UserHistoryReply {
  userId: string;
  responses: StoredResponse[];
  nextCursor: string | null;
  /** The user's earlier answer was a detractor's and the latest answer is not. */
  recovered: boolean;
}

/** `GET /api/recovered?from=&to=`: users whose earlier answer was a detractor's and whose latest is not. */
export interface RecoveredReply {
  count: number;
  users: { userId: string; firstDetractorAt: string; latestScore: number; latestAt: string }[];
}

/** `DELETE /api/users/:userId` reply: rows erased (responses; follow-up history and alerts go with them). */
export interface ErasureReply {
  deleted: number;
}

export type AlertState = 'pending' | 'delivered' | 'failed';

/** One webhook delivery of one alert. */
export interface AlertDelivery {
  /** The `X-NPS-Delivery` id. */
  id: string;
  responseId: string;
  /** What raised it: `detractor`, `answer` or `comment`. */
  event: string;
  webhook: string;
  state: AlertState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** `GET /api/alerts?state=` newest first. */
export interface AlertsReply {
  alerts: AlertDelivery[];
  counts: Record<AlertState, number>;
}

/** Every error reply of the collector: `{ error }` with a 4xx or 5xx status. */
export interface ErrorReply {
  error: string;
}
