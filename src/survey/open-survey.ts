import { categoryFor, isScore, SCORE_RANGE } from '../core/nps-scale';
import type { ShowResult } from '../core/public-types';
import type { Survey } from '../core/renderer';
import type { Category, ResponseRecord } from '../core/wire';
import { firstVersion, iso, nextVersion } from './record-versions';
import type { SurveyContext } from './survey-context';
import { takeTurns } from './take-turns';

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

/**
 * A comment as the collector accepts it: trimmed and capped at `max` characters. The collector
 * refuses a record whose text holds NUL or an unpaired surrogate, score and all: the cap never
 * splits a surrogate pair, and what is left of such text becomes U+FFFD.
 */
const cleanComment = (text: string, max: number): string =>
  String(text)
    .trim()
    .slice(0, max)
    .replace(/[\uD800-\uDBFF]$/, '')
    .replace(/\0|\p{Cs}/gu, '\uFFFD');

/**
 * Stores the survey's first version, emits `shown`, and returns its handle. Every later version is
 * strictly newer than the one before, is committed before the call that made it resolves, and is
 * never reported or resolved unless it was stored.
 */
export async function openSurvey(context: SurveyContext): Promise<OpenSurvey> {
  const { now, emit, options, id, stage } = context;
  let record = firstVersion(context);
  const [inTurn, settled] = takeTurns();
  const save = async (patch: Partial<ResponseRecord>) => {
    const next = nextVersion(record, patch, now());
    await context.store(next);
    record = next;
  };

  await context.store(record);
  emit('shown', { id, stage });

  let responded = false;
  const respond = () => {
    if (responded || record.status !== 'answered') return;
    responded = true;
    const { score, category, comment } = record as Required<ResponseRecord>;
    emit('response', { id, stage, score, category, comment });
  };

  const dismiss = () =>
    inTurn(async () => {
      if (record.status === 'answered') return respond();
      if (record.status === 'dismissed') return;
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
        if (record.status === 'dismissed') throw new Error('nps: this survey was dismissed');
        const category = categoryFor(score);
        const first = record.answeredAt == null;
        await save({ status: 'answered', score, category, answeredAt: record.answeredAt ?? iso(now()) });
        if (first) await context.remember({ answeredAt: now() });
        emit('score', { id, stage, score, category });
        return category;
      });
    },
    comment(text: string) {
      const comment = cleanComment(text, options.commentMaxLength);
      return inTurn(async () => {
        if (comment && record.status === 'answered') await save({ comment });
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
    settled,
    result() {
      const { status, score, category, comment } = record as Required<ResponseRecord>;
      return status === 'answered' ? { status, id, score, category, comment } : { status: 'dismissed', id };
    },
  };
}
