import { useEffect, useRef } from 'preact/hooks';
import { dateTime } from './format';
import { useStore } from './store-context';

/** One user's answers over time (their NPS journey), opened from any response's user link. */
export function UserHistory() {
  const store = useStore();
  const userId = store.url.value.user;
  const heading = useRef<HTMLHeadingElement>(null);
  // Moving focus to the panel tells keyboard and screen-reader users that it opened.
  useEffect(() => heading.current?.focus(), [userId]);
  if (!userId) return null;
  const reply = store.userHistory.value.value;
  const error = store.userHistory.error.value;
  return (
    <section class="panel user-history" aria-labelledby="user-title">
      <div class="panel-head">
        <h2 id="user-title" tabIndex={-1} ref={heading}>
          History of user {userId}
        </h2>
        <button type="button" class="quiet" onClick={() => void store.closeUser()}>
          Close
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          Could not load: {error}
        </p>
      )}
      {reply && reply.userId === userId && (
        <>
          {reply.recovered && <p class="badge recovered">Recovered: was a detractor, latest answer is not</p>}
          {reply.responses.length === 0 ? (
            <p class="empty-note">No responses from this user.</p>
          ) : (
            <ol class="journey">
              {reply.responses.map((response) => (
                <li key={response.id} class={`category-${response.category ?? 'none'}`}>
                  <span class="score-badge" aria-hidden="true">
                    {response.score ?? '–'}
                  </span>
                  <div class="body">
                    <p class="score-text">
                      {response.status === 'answered'
                        ? `Score ${response.score} · ${response.category}`
                        : response.status}{' '}
                      · {response.stage ?? 'no stage'} ·{' '}
                      <time dateTime={response.answeredAt ?? response.shownAt}>
                        {dateTime(response.answeredAt ?? response.shownAt)}
                      </time>
                    </p>
                    {response.comment && <p class="comment">{response.comment}</p>}
                    {response.status === 'answered' && response.followUp && (
                      <p class="meta">
                        Follow-up: {response.followUp.status}
                        {response.followUp.owner && ` · ${response.followUp.owner}`}
                      </p>
                    )}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
