import type { UserState } from '../core/eligibility';
import type { Json } from '../core/json';
import type { Traits } from '../core/options';
import type { NpsEvents } from '../core/public-types';
import type { PromptMessages } from '../core/renderer';
import type { Resolved } from '../core/stage-options';
import type { ResponseRecord } from '../core/wire';

/** Emits one of the client's events. */
type Emit = <K extends keyof NpsEvents>(event: K, payload: NpsEvents[K]) => void;

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
