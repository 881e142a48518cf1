import type { StoredResponse } from '../core/api-types';
import { dateTime } from './format';
import { FollowUpForm } from './follow-up-form';
import { FollowUpToggle } from './follow-up-toggle';
import { UserLink } from './user-link';

/**
 * One answer: score, comment (always as text), who and when; with its follow-up when asked: a compact
 * line that opens the form, or the form itself when `expanded` (the one response an alert links to).
 */
export function ResponseItem({
  response,
  withFollowUp,
  expanded = false,
}: {
  response: StoredResponse;
  withFollowUp: boolean;
  expanded?: boolean;
}) {
  const category = response.category ?? 'none';
  const when = response.answeredAt ?? response.receivedAt;
  return (
    <li class={`response category-${category} follow-up-${response.followUp?.status ?? 'none'}`}>
      <span class="score-badge" aria-hidden="true">
        {response.score ?? '–'}
      </span>
      <div class="body">
        <p class="score-text">
          Score {response.score ?? 'none'}
          {response.category && <> · {response.category}</>}
          {!withFollowUp && response.followUp && <span class="status-tag"> · {response.followUp.status}</span>}
        </p>
        {response.comment ? <p class="comment">{response.comment}</p> : <p class="comment empty-note">No comment</p>}
        <p class="meta">
          <UserLink response={response} /> · {response.stage ?? 'no stage'} ·{' '}
          <time dateTime={when}>{dateTime(when)}</time>
        </p>
        {withFollowUp &&
          response.followUp &&
          (expanded ? <FollowUpForm response={response} /> : <FollowUpToggle response={response} />)}
      </div>
    </li>
  );
}
