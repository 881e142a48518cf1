/** @jsxRuntime classic */
/** @jsx h */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (@jsx h above): the classic runtime keeps prompt.js ~145 B gzip smaller than preact/jsx-runtime
import { h, Fragment } from 'preact';
import type { Prompt } from './create-prompt';
import { thanksFor } from './thanks-for';

/**
 * The thank-you: a `status` live region that is always there (empty until the comment is stored,
 * so screen readers announce the text when it appears), then the category's link, if any, which
 * opens in a new tab without handing this page to the other site.
 */
export function ThankYou({ prompt }: { prompt: Prompt }) {
  const { state, survey } = prompt;
  const shown = state.step.value === 'thanks' ? thanksFor(survey, state.category.value) : undefined;
  return (
    <Fragment>
      <p class="thanks" part="thanks" role="status">
        {shown?.message ?? ''}
      </p>
      {shown?.link && (
        <a class="thanks-link" part="link" href={shown.link.href} target="_blank" rel="noopener noreferrer">
          {shown.link.text}
        </a>
      )}
    </Fragment>
  );
}
