import { within } from '@testing-library/preact';
import { DEFAULTS, type Messages, type Resolved } from '../../src/core/options';
import { en } from '../../src/prompt/en';
import { mountPrompt } from '../../src/prompt/mount-prompt';
import type { ViewProps } from '../../src/prompt/view';

/** A promise the test settles by hand (a slow or failing store). */
export function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
}

type Call = ['score', number] | ['comment', string] | ['dismiss'] | ['closed'];

/**
 * Mounts the real prompt with callbacks that log each call. `gate` (when set) holds the next
 * onScore/onComment until the test settles it.
 */
export function openPrompt(over: { options?: Partial<Resolved>; messages?: Partial<Messages>; locale?: string; nonce?: string } = {}) {
  const calls: Call[] = [];
  const t = { gate: undefined as ReturnType<typeof deferred> | undefined };
  const wait = () => t.gate?.promise ?? Promise.resolve();
  const props: ViewProps = {
    options: { ...DEFAULTS, ...over.options },
    locale: over.locale ?? 'en',
    messages: { ...en, question: en.question.replace('{product}', 'Acme'), ...over.messages },
    nonce: over.nonce,
    onScore: (n) => (calls.push(['score', n]), wait()),
    onComment: (c) => (calls.push(['comment', c]), wait()),
    onDismiss: async () => void calls.push(['dismiss']),
    onClosed: () => void calls.push(['closed']),
  };
  const view = mountPrompt(props);
  const host = document.querySelector('nps-widget:last-of-type')!;
  const root = host.shadowRoot!;
  return { view, host, root, calls, t, ui: within(root.firstElementChild as HTMLElement) };
}

export const flush = () => new Promise((r) => setTimeout(r, 0));
