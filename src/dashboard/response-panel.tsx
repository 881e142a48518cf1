import { useEffect, useRef } from 'preact/hooks';
import { ResponseItem } from './response-item';
import { useStore } from './store-context';

/** The one response `?response=<id>` names (an alert's link): score, comment, stage, user and its follow-up form. */
export function ResponsePanel() {
  const store = useStore();
  const id = store.url.value.response;
  const heading = useRef<HTMLHeadingElement>(null);
  // Moving focus to the panel tells keyboard and screen-reader users that it opened.
  useEffect(() => heading.current?.focus(), [id]);
  if (!id) return null;
  const response = store.openedResponse.value.value;
  const error = store.openedResponse.error.value;
  return (
    <section class="panel opened-response" aria-labelledby="response-title">
      <div class="panel-head">
        <h2 id="response-title" tabIndex={-1} ref={heading}>
          Response
        </h2>
        <button type="button" class="quiet" onClick={() => void store.closeResponse()}>
          Close
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          Could not load the response: {error}
        </p>
      )}
      {response && response.id === id && (
        <ol class="responses">
          <ResponseItem response={response} withFollowUp={response.status === 'answered'} expanded />
        </ol>
      )}
    </section>
  );
}
