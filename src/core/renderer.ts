import type { Messages } from './messages';
import type { Resolved } from './stage-options';
import type { Category } from './wire';

/**
 * Every string a prompt shows, already resolved for one survey: the locale's text (after fallback),
 * overridden by `messages`, `followUp` and `thanks.message`, with `{product}` filled in.
 */
export type PromptMessages = Messages;

/** The options that shape one shown prompt, with every default filled in (top level merged with the stage). */
export type ResolvedStageOptions = Resolved;

/**
 * One shown survey, handed to a {@link Renderer}. It is the whole seam between the SDK and any
 * prompt, the built-in one included: the renderer shows `messages`, calls `answer`, `comment` or
 * `dismiss` as the user acts (each resolves once the record is stored), and calls `done()` when it
 * has closed. The SDK keeps the rules, records, throttle state, outbox and events.
 * @example
 * const render: Renderer = (survey) => {
 *   const box = document.createElement('div');
 *   box.textContent = survey.messages.question;
 *   // … 11 buttons that call survey.answer(n), then a textarea and survey.comment(text) …
 *   document.body.append(box);
 *   return { close: () => box.remove() };
 * };
 */
export interface Survey {
  /** The record's UUIDv7. */
  readonly id: string;
  readonly stage?: string;
  /** The language actually used, after fallback (`fr-CA` → `fr` → `en`). */
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  readonly messages: PromptMessages;
  readonly options: ResolvedStageOptions;
  /** Nonce for a `<style>` fallback where constructable stylesheets are missing under a CSP. */
  readonly nonce?: string;
  /**
   * Records a score (0–10; may be called again to change it). Resolves with the category once the
   * record is stored, and emits `score`; rejects when it could not be stored.
   */
  answer(score: number): Promise<Category>;
  /** Records the follow-up (trimmed, capped at `commentMaxLength`); emits the final `response`. */
  comment(text: string): Promise<void>;
  /** Records a dismissal unless the user already answered, and starts the cooldown. */
  dismiss(): Promise<void>;
  /** The renderer has closed its UI: `show()` resolves. Call it once, after any of the above. */
  done(): void;
}

/** A shown prompt, as its renderer returns it. The SDK calls `close()` on `dismiss()` and `destroy()`. */
export interface RenderedPrompt {
  /** Remove the UI at once, without calling back into the survey. */
  close(): void;
  /**
   * False once the page itself removed the prompt (an SPA unmounted its inline container); the SDK
   * then counts it as closed. @default always true
   */
  live?(): boolean;
}

/**
 * Renders a prompt for a survey. The default is the built-in Preact prompt, loaded on demand.
 * @example createNps({ endpoint: '/api/nps', render: (survey) => myPrompt(survey) })
 */
export type Renderer = (survey: Survey) => RenderedPrompt | Promise<RenderedPrompt>;
