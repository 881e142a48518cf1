/** @jsxRuntime classic */
/** @jsx h */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (@jsx h above): the classic runtime keeps prompt.js ~145 B gzip smaller than preact/jsx-runtime
import { h } from 'preact';
import type { Prompt } from './create-prompt';

/**
 * The follow-up: the category's question as the label of a textarea capped at `commentMaxLength`,
 * a counter that appears near the cap, and Send.
 */
export function FollowUp({ prompt }: { prompt: Prompt }) {
  const { state, survey } = prompt;
  const { messages } = survey;
  const max = survey.options.commentMaxLength;
  const comment = state.comment.value;
  const left = max - comment.length;
  const category = state.category.value;
  return (
    <div class="follow-up" part="follow-up">
      <label for="comment" class="question" part="question">
        {category ? messages[category] : ''}
      </label>
      <textarea
        id="comment"
        class="comment"
        part="textarea"
        maxLength={max}
        placeholder={messages.placeholder}
        aria-describedby="counter"
        value={comment}
        onInput={(event) => (state.comment.value = event.currentTarget.value)}
      />
      <div class="actions">
        <span id="counter" class="counter" part="counter">
          {left <= Math.max(20, max / 10) ? messages.left.replace('{n}', String(left)) : ''}
        </span>
        <button type="button" class="send" part="send" onClick={() => prompt.send()}>
          {messages.send}
        </button>
      </div>
    </div>
  );
}
