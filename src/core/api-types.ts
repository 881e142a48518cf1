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

/**
 * Where an alert is: waiting to go out (or for its comment, or for a retry), delivered on its own,
 * folded into a digest message by flood control, kept back by the limit per anonymous id (with the
 * reason), or given up on after 24 hours. Every alert ends delivered, digested, suppressed or failed.
 */
export type AlertState = 'pending' | 'delivered' | 'digested' | 'suppressed' | 'failed';

/** Where a digest message is (a digest is delivered or given up on like an alert). */
export type DigestState = 'pending' | 'delivered' | 'failed';

/** One webhook delivery: an alert about one response, or a digest of alerts flood control folded. */
export interface AlertDelivery {
  /** The `webhook-id` of its messages: the same on every retry. */
  id: string;
  /** The response it is about; null for a digest. */
  responseId: string | null;
  /** What raised it: `detractor`, `answer` or `comment`; `digest` for a digest. */
  event: string;
  webhook: string;
  state: AlertState;
  attempts: number;
  lastError: string | null;
  /** Why a `suppressed` alert was kept back. */
  reason: string | null;
  /** The digest a `digested` alert was folded into. */
  digest: string | null;
  /** A digest's alerts; null for an alert. */
  count: number | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** `GET /api/alerts?state=` newest first, with the counts of every state. */
export interface AlertsReply {
  alerts: AlertDelivery[];
  /** Alerts (one per response, event and webhook) in each state. */
  counts: Record<AlertState, number>;
  /** Digest messages in each state. */
  digests: Record<DigestState, number>;
}

/** Every error reply of the collector: `{ error }` with a 4xx or 5xx status. */
export interface ErrorReply {
  error: string;
}

/** Comments per category. */
export interface CommentCounts {
  detractors: number;
  passives: number;
  promoters: number;
}

/** One term that one side mentions more than the other (`GET /api/themes`). */
export interface ThemeTerm {
  /** What is counted: a stem (`ship`), or two stems that follow each other in a comment (`ship cost`). */
  term: string;
  /** The term as commenters wrote it most often (`shipping`, `shipping costs`): what to search for. */
  text: string;
  /** Comments mentioning it, per category, among the comments compared. */
  counts: CommentCounts;
  /**
   * How much more this side mentions it than the other, in standard errors of the weighted log-odds
   * ratio (at least 1.96: more than chance would give, at 95%), two decimals.
   */
  z: number;
  /** Up to three responses of this side that mention it, newest first. */
  examples: string[];
}

/** `GET /api/themes?stage=&from=&to=&segment=&value=&limit=`: what detractors mention more than promoters, and the reverse. */
export interface ThemesReply {
  /** The comments compared, per category: the newest `sampleSize` (20,000 by default) in the range. */
  comments: CommentCounts;
  /** The range has more comments than were compared (only the newest were). */
  sampled: boolean;
  /** Fewer detractor or promoter comments than `minimum.comments`: no term is reported. */
  tooFew: boolean;
  /** Below `comments` per side the reply is `tooFew`; a term needs `mentions` comments on its side. */
  minimum: { comments: number; mentions: number };
  /** Terms detractors mention more than promoters, the strongest first. */
  detractors: ThemeTerm[];
  /** Terms promoters mention more than detractors, the strongest first. */
  promoters: ThemeTerm[];
}
