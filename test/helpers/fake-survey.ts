import { DEFAULTS, type Resolved } from '../../src/core/stage-options';
import type { Messages } from '../../src/core/messages';
import type { Survey } from '../../src/core/renderer';
import type { Category } from '../../src/core/wire';
import { en } from '../../src/prompt/en';

/** A call the prompt made on its Survey handle, in order. */
type SurveyCall = ['answer', number] | ['comment', string] | ['dismiss'] | ['done'];

/** A promise the test settles by hand (a slow or failing store). */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((settleStored, settleFailed) => {
    resolve = settleStored;
    reject = settleFailed;
  });
  return { promise, resolve, reject };
}

const category = (score: number): Category => (score > 8 ? 'promoter' : score > 6 ? 'passive' : 'detractor');

export interface FakeSurveyInit {
  options?: Partial<Resolved>;
  messages?: Partial<Messages>;
  locale?: string;
  dir?: 'ltr' | 'rtl';
  nonce?: string;
  id?: string;
}

/**
 * A Survey handle that records every call. `hold()` makes the next answer/comment wait until the
 * test settles it (resolve = stored, reject = not stored); `failNext()` rejects the next one at once.
 */
export function fakeSurvey(init: FakeSurveyInit = {}) {
  const calls: SurveyCall[] = [];
  let gate: ReturnType<typeof deferred> | undefined;
  let failure: Error | undefined;
  // Settles like a store: a held gate, a planned failure, or at once.
  const store = () => {
    const g = gate;
    const f = failure;
    gate = failure = undefined;
    return f ? Promise.reject(f) : (g?.promise ?? Promise.resolve());
  };
  const survey: Survey = {
    id: init.id ?? '0192f1a4-7b3c-7d2e-8f00-0123456789ab',
    locale: init.locale ?? 'en',
    dir: init.dir ?? 'ltr',
    nonce: init.nonce,
    messages: { ...en, question: en.question.replace('{product}', 'Acme'), ...init.messages },
    options: { ...DEFAULTS, ...init.options },
    answer: (score) => {
      calls.push(['answer', score]);
      return store().then(() => category(score));
    },
    comment: (text) => {
      calls.push(['comment', text]);
      return store();
    },
    dismiss: async () => void calls.push(['dismiss']),
    done: () => void calls.push(['done']),
  };
  return {
    survey,
    calls,
    /** Holds the next answer() or comment() until the returned gate is settled. */
    hold: () => (gate = deferred()),
    /** Rejects the next answer() or comment() (the record could not be stored). */
    failNext: (error = new Error('not stored')) => {
      failure = error;
    },
  };
}
