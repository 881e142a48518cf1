/** @jsxRuntime classic */
/** @jsx h */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (@jsx h above): the classic runtime keeps prompt.js ~145 B gzip smaller than preact/jsx-runtime
import { h, Fragment } from 'preact';
import { MAX_SCORE, MIN_SCORE, SCORES } from '../core/nps-scale';
import type { Prompt } from './create-prompt';

// How far each key moves the scale's single Tab stop; Home and End go to the ends.
const MOVES: Record<string, number> = {
  ArrowUp: -1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowRight: 1,
  Home: -SCORES.length,
  End: SCORES.length,
};

/** Ctrl, Cmd or Alt is held: the key is the browser's (Ctrl+0 resets the zoom, Alt+← goes back), not the scale's. */
export const withModifier = (event: KeyboardEvent) => event.ctrlKey || event.metaKey || event.altKey;

/** Where a key moves the Tab stop from `from`: arrows wrap around; in RTL, left and right swap. */
function nextStop(from: number, key: string, dir: 'ltr' | 'rtl'): number | undefined {
  const move = MOVES[key];
  if (!move) return undefined;
  if (Math.abs(move) > 1) return move > 0 ? MAX_SCORE : MIN_SCORE;
  const flip = dir === 'rtl' && (key === 'ArrowLeft' || key === 'ArrowRight');
  return (from + (flip ? -move : move) + SCORES.length) % SCORES.length;
}

/**
 * The question and the 0–10 scale: a radiogroup of 11 radios with one Tab stop (arrows, Home and
 * End move it without choosing; click, Enter or Space choose), and the end labels under 0 and 10.
 */
export function ScoreScale({ prompt }: { prompt: Prompt }) {
  const { state, survey } = prompt;
  const { messages } = survey;
  const chosen = state.score.value;
  const tabStop = state.tabStop.value;

  // On the radiogroup, so arrows pressed on Close (or anywhere else) do nothing.
  const onKeyDown = (event: KeyboardEvent) => {
    const next = nextStop(state.tabStop.peek(), event.key, survey.dir);
    if (next === undefined || state.busy.peek() || withModifier(event)) return;
    event.preventDefault();
    state.tabStop.value = next;
    ((event.currentTarget as HTMLElement).children[next] as HTMLElement).focus();
  };

  return (
    <Fragment>
      <p id="question" class="question" part="question">
        {messages.question}
      </p>
      <div class="scale" part="scale" role="radiogroup" aria-labelledby="question" onKeyDown={onKeyDown}>
        {SCORES.map((score) => (
          // biome-ignore lint/a11y/useSemanticElements: the ARIA radio pattern on buttons (one Tab stop, arrows, Enter/Space, digits) is what DESIGN specifies and the tests pin; a native radio would need a label element per score
          <button
            type="button"
            role="radio"
            part="score"
            aria-checked={score === chosen}
            // The ends carry their label, so a screen reader hears "0, Not at all likely".
            aria-label={
              score === MIN_SCORE
                ? `${score}, ${messages.low}`
                : score === MAX_SCORE
                  ? `${score}, ${messages.high}`
                  : undefined
            }
            tabIndex={score === tabStop ? 0 : -1}
            onClick={() => prompt.choose(score)}
          >
            {score}
          </button>
        ))}
      </div>
      <div class="labels" part="labels" aria-hidden="true">
        <span>{messages.low}</span>
        <span>{messages.high}</span>
      </div>
    </Fragment>
  );
}
