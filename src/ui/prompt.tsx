/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import { categoryOf } from '../core/nps-score';
import type { Messages } from '../core/options';
import { dirOf } from '../core/locale';

/** Everything the prompt renders from; the mount owns it and re-renders on each change. */
export interface PromptModel {
  m: Messages;
  locale: string;
  /** The wrapper's class: the position's name, or `i` for inline. */
  pos: string;
  modal: boolean;
  /** 0 the scale, 1 the follow-up, 2 the thank-you. */
  step: number;
  score?: number;
  /** The radio holding the group's single Tab stop. */
  focus: number;
  text: string;
  max: number;
  choose(score: number): void;
  keys(e: KeyboardEvent): void;
  input(text: string): void;
  send(): void;
  dismiss(): void;
}

const SCORES = [...Array(11).keys()];

/** The dialog: the 0–10 radiogroup, then the category's follow-up, then the thank-you (a live region). */
export function Prompt(p: PromptModel) {
  const { m, step } = p;
  const left = p.max - p.text.length;
  return (
    <div class={'w ' + p.pos} part="container" lang={p.locale} dir={dirOf(p.locale)}>
      <div
        class="d"
        part="dialog"
        role="dialog"
        aria-label={m.question}
        aria-modal={p.modal || undefined}
        tabIndex={-1}
        onKeyDown={p.keys}
      >
        {step == 0 && [
          <p id="q" class="q" part="question">
            {m.question}
          </p>,
          <div class="s" part="scale" role="radiogroup" aria-labelledby="q">
            {SCORES.map((n) => (
              <button
                role="radio"
                part="score"
                aria-checked={n === p.score}
                aria-label={n % 10 ? undefined : `${n}, ${n ? m.high : m.low}`}
                tabIndex={n == p.focus ? 0 : -1}
                onClick={() => p.choose(n)}
              >
                {n}
              </button>
            ))}
          </div>,
          <div class="l" part="labels" aria-hidden="true">
            <span>{m.low}</span>
            <span>{m.high}</span>
          </div>,
        ]}
        {step == 1 && [
          <label for="c" class="q" part="question">
            {m[categoryOf(p.score!)]}
          </label>,
          <textarea
            id="c"
            part="textarea"
            maxLength={p.max}
            placeholder={m.placeholder}
            aria-describedby="n"
            value={p.text}
            onInput={(e) => p.input(e.currentTarget.value)}
          />,
          <div class="a">
            <span id="n" class="n" part="counter">
              {left <= Math.max(20, p.max / 10) ? m.left.replace('{n}', '' + left) : ''}
            </span>
            <button class="v" part="send" onClick={p.send}>
              {m.send}
            </button>
          </div>,
        ]}
        <p class="t" part="thanks" role="status">
          {step == 2 ? m.thanks : ''}
        </p>
        <button class="x" part="close" aria-label={m.close} onClick={p.dismiss}>
          ×
        </button>
      </div>
    </div>
  );
}
