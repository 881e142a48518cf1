import type { Messages, Resolved } from '../core/options';

/**
 * What the client hands the prompt. The view never touches storage or the network: it awaits the
 * client's callbacks, which resolve once the record is committed, before it moves on.
 */
export interface ViewProps {
  /** Stage-resolved options: position, theme, followUp, thanks, commentMaxLength… */
  options: Resolved;
  /** The locale the strings are in (drives `lang` and `dir`). */
  locale: string;
  /** Every string, already merged with `messages`, `followUp` and `thanks` overrides; `{product}` filled in. */
  messages: Messages;
  nonce?: string;
  /** A score was picked: resolves once stored; then the follow-up shows. */
  onScore(score: number): Promise<void>;
  /** Send was pressed on the follow-up (comment may be empty): resolves once stored; then the thank-you shows. */
  onComment(comment: string): Promise<void>;
  /** Close or Escape, at any step. */
  onDismiss(): Promise<void>;
  /** The prompt is gone from the page (after the thank-you, or after a dismissal). */
  onClosed(): void;
}

/** A mounted prompt. `close()` removes it at once, without calling back. */
export interface View {
  close(): void;
  /** False once the page has removed the prompt (an inline container unmounted). */
  live(): boolean;
}

/** Renders a prompt; the default is the Preact UI in `src/prompt/`. */
export type MountView = (props: ViewProps) => View;
