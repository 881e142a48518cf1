import type { UserState } from '../core/eligibility';
import type { Json } from '../core/json';
import { categoryFor, isScore, SCORE_RANGE } from '../core/nps-scale';
import type { Resolved } from '../core/stage-options';
import type { Traits } from '../core/options';
import type { PromptMessages, Survey } from '../core/renderer';
import { VERSION } from '../core/version';
import type { Category, ResponseRecord } from '../core/wire';
import type { NpsEvents, ShowResult } from '../core/public-types';

/** Emits one of the client's events. */
export type Emit = <K extends keyof NpsEvents>(event: K, payload: NpsEvents[K]) => void;

/** What one shown survey needs from the client. */
export interface SurveyContext {
  /** The record's UUIDv7. */
  id: string;
  userId?: string;
  anonymousId: string;
  traits?: Traits;
  stage?: string;
  metadata?: Json;
  /** The language the prompt is shown in (after fallback). */
  locale: string;
  /** Origin and path of the page, never its query or hash. */
  page: string;
  messages: PromptMessages;
  options: Resolved;
  dir: 'ltr' | 'rtl';
  nonce?: string;
  now: () => number;
  /** Commits a record version (the outbox); rejects when it could not be stored. */
  store(record: ResponseRecord): Promise<void>;
  /** Merges into this user's throttle state. */
  remember(patch: UserState): Promise<void>;
  emit: Emit;
  /** The renderer called `survey.done()`. */
  onDone(): void;
}

/** One shown survey, as the client drives it. */
export interface OpenSurvey {
  /** The handle given to the renderer. */
  survey: Survey;
  /** Records a dismissal unless answered (what Close does); emits the final `response` if answered. */
  dismiss(): Promise<void>;
  /** Emits the final `response` once, if the user answered. */
  respond(): void;
  /** How `show()` resolves, from the latest stored version. */
  result(): ShowResult;
  /** Resolves when every call made so far (answer, comment, dismiss) has finished, stored or not. */
  settled(): Promise<unknown>;
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * Stores the survey's first version, emits `shown`, and returns its handle. Every later version is
 * strictly newer than the one before (a server keeps the greatest `updatedAt`), is committed before
 * the call that made it resolves, and is never reported or resolved unless it was stored.
 */
export async function openSurvey(context: SurveyContext): Promise<OpenSurvey> {
  const { now, emit, options, id, stage } = context;
  const shownAt = iso(now());
  let record: ResponseRecord = {
    id,
    status: 'shown',
    userId: context.userId,
    anonymousId: context.anonymousId,
    traits: context.traits,
    stage,
    metadata: context.metadata,
    locale: context.locale,
    page: context.page,
    shownAt,
    updatedAt: shownAt,
    sdk: 'nps-widget@' + VERSION,
  };

  // Every change runs in turn and decides from the record as stored by the change before it: a
  // dismiss() made while answer() is still storing must see the score, not the shown version.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(change: () => Promise<T>): Promise<T> => {
    const done = queue.then(change);
    queue = done.catch(() => {});
    return done;
  };
  const save = async (patch: Partial<ResponseRecord>) => {
    const updatedAt = iso(Math.max(now(), Date.parse(record.updatedAt) + 1));
    const next = { ...record, ...patch, updatedAt };
    await context.store(next);
    record = next;
  };

  await context.store(record);
  emit('shown', { id, stage });

  let responded = false;
  const respond = () => {
    if (responded || record.status != 'answered') return;
    responded = true;
    const { score, category, comment } = record as Required<ResponseRecord>;
    emit('response', { id, stage, score, category, comment });
  };

  const dismiss = () =>
    inTurn(async () => {
      if (record.status == 'answered') return respond();
      if (record.status == 'dismissed') return;
      await save({ status: 'dismissed' });
      await context.remember({ dismissedAt: now() });
      emit('dismissed', { id, stage });
    });

  const survey: Survey = {
    id,
    stage,
    locale: record.locale,
    dir: context.dir,
    messages: context.messages,
    options,
    nonce: context.nonce,
    async answer(score: number): Promise<Category> {
      if (!isScore(score)) throw new TypeError(`nps: survey.answer(score) must be ${SCORE_RANGE}, got ${score}`);
      return inTurn(async () => {
        if (record.status == 'dismissed') throw new Error('nps: this survey was dismissed');
        const category = categoryFor(score);
        const first = record.answeredAt == null;
        await save({ status: 'answered', score, category, answeredAt: record.answeredAt ?? iso(now()) });
        if (first) await context.remember({ answeredAt: now() });
        emit('score', { id, stage, score, category });
        return category;
      });
    },
    comment(text: string) {
      // The collector refuses a record whose text holds NUL or an unpaired surrogate, score and all:
      // the cap never splits a surrogate pair, and what is left of such text becomes U+FFFD.
      const comment = String(text)
        .trim()
        .slice(0, options.commentMaxLength)
        .replace(/[\uD800-\uDBFF]$/, '')
        .replace(/\0|\p{Cs}/gu, '\uFFFD');
      return inTurn(async () => {
        if (comment && record.status == 'answered') await save({ comment });
        respond();
      });
    },
    dismiss,
    done: () => context.onDone(),
  };

  return {
    survey,
    dismiss,
    respond,
    settled: () => queue,
    result() {
      const { status, score, category, comment } = record;
      return status == 'answered'
        ? { status, id, score: score!, category: category!, comment }
        : { status: 'dismissed', id };
    },
  };
}
