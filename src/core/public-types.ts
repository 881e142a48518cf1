/**
 * The public types of the client, in one module that every layer imports (and that imports no
 * layer's code): `Nps` and what its methods take, return and emit. The other public types live
 * beside the values they describe in `core/` and are re-exported here, so `src/index.ts` and
 * `src/global.d.ts` name one module.
 */
import type { SkipReason } from './eligibility';
import type { NpsError } from './errors';
import type { Json } from './json';
import type { Traits } from './options';
import type { Renderer } from './renderer';
import type { Category } from './wire';

export type { SkipReason } from './eligibility';
export type { NpsErrorCode } from './errors';
export type { Json } from './json';
export type { FollowUp, Position, StageOptions, Thanks, ThanksFor, ThanksLink, Theme } from './stage-options';
export type { Messages } from './messages';
export type { NpsOptions, StageConfig, Traits } from './options';
export type { PromptMessages, RenderedPrompt, Renderer, ResolvedStageOptions, Survey } from './renderer';
export type { Trigger, Triggers } from './trigger';
export type { Batch, BatchReply, Category, ResponseRecord, ResponseStatus } from './wire';

/** Outcome of a flush: how many records the server confirmed, how many remain queued. */
export interface FlushResult {
  delivered: number;
  pending: number;
}

/** Options of one `show()` call. */
export interface ShowOptions<Stage extends string = string> {
  /** The journey stage; one of the keys of `options.stages` when given. */
  stage?: Stage;
  /** Skip throttle, signup age and sampling (previews, tests). @default false */
  force?: boolean;
  /** JSON attached to this prompt's record. */
  metadata?: Json;
  /** Render this prompt yourself, instead of `options.render` or the built-in prompt. */
  render?: Renderer;
}

/** How a `show()` call ended. */
export type ShowResult =
  | { status: 'answered'; id: string; score: number; category: Category; comment?: string }
  | { status: 'dismissed'; id: string }
  | { status: 'skipped'; reason: SkipReason };

/** Payloads of the client's events. */
export interface NpsEvents {
  shown: { id: string; stage?: string };
  score: { id: string; stage?: string; score: number; category: Category };
  /** Final: the score plus the comment, if any. */
  response: { id: string; stage?: string; score: number; category: Category; comment?: string };
  dismissed: { id: string; stage?: string };
  skipped: { reason: SkipReason; stage?: string };
  /** Ids the server acknowledged. */
  delivered: { ids: string[] };
  error: NpsError;
}

/** The client returned by {@link createNps}. */
export interface Nps<Stage extends string = string> {
  /** Attach answers to a user; traits are JSON (`signedUpAt` drives `minDaysSinceSignup`). */
  identify(userId: string, traits?: Traits): void;
  /**
   * Shorthand for `show({ stage })`. Any other argument that is not an object is refused with a
   * `TypeError` naming it, never shown as a stage-less survey.
   * @example await nps.show('checkout');
   */
  show(stage: Stage): Promise<ShowResult>;
  /** Show the prompt if this user is eligible; resolves when it closes or is skipped. */
  show(options?: ShowOptions<Stage>): Promise<ShowResult>;
  /** Close the open prompt as dismissed (or, after a score, as answered without comment). */
  dismiss(): void;
  on<K extends keyof NpsEvents>(event: K, handler: (payload: NpsEvents[K]) => void): () => void;
  off<K extends keyof NpsEvents>(event: K, handler: (payload: NpsEvents[K]) => void): void;
  /** Try to send queued records now. */
  flush(): Promise<FlushResult>;
  /** Forget the identified user (logout) and start a new anonymous id; queued records are still delivered. */
  reset(): void;
  /**
   * An app event: shows the stages whose trigger names it (`on: { event: 'upgraded' }`), under the
   * usual rules. Events tracked before the trigger runtime has loaded are kept and replayed.
   * @example nps.track('upgraded');
   */
  track(event: string): void;
  /**
   * Grants or withdraws consent to store on this device and send (see the `consent` option).
   * `true` starts the widget: records queued on earlier pages are delivered, the prompt may show.
   * `false` closes any prompt, stops delivery and erases everything the widget stored on this
   * device (queue, dead letters, anonymous id, throttle state); it may be granted again later.
   * @default consent is granted unless `createNps({ consent: 'pending' })`
   * @example consentManager.on('change', (allowed) => nps.consent(allowed));
   */
  consent(granted: boolean): void;
  /** Remove the UI and every listener; queued records stay stored for the next page. */
  destroy(): void;
}
