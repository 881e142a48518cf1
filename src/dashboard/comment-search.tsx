import { useEffect, useState } from 'preact/hooks';
import { useStore } from './store-context';
import { SEARCH_MAX_LENGTH } from './url-state';

/**
 * The comment search: words, stemmed in each comment's language by the collector (`ship` finds
 * "shipping"); "two words" in quotes for a phrase. Searching puts `q` in the URL like the filters.
 */
export function CommentSearch() {
  const store = useStore();
  const applied = store.url.value.q;
  const [draft, setDraft] = useState(applied);
  // Back/forward and the theme links change the search: the box follows.
  useEffect(() => setDraft(applied), [applied]);
  const submit = (event: Event) => {
    event.preventDefault();
    void store.searchComments(draft);
  };
  const clear = () => {
    setDraft('');
    void store.searchComments('');
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is a landmark only in browsers from late 2023 on; role="search" on the form is one in every browser and screen reader
    <form class="comment-search" role="search" aria-label="Comments" onSubmit={submit}>
      <label class="comment-search-label" for="comment-search">
        Search comments
      </label>
      <div class="comment-search-row">
        <input
          id="comment-search"
          name="q"
          type="search"
          value={draft}
          maxLength={SEARCH_MAX_LENGTH}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit">Search</button>
        {applied && (
          <button type="button" class="quiet" onClick={clear}>
            Show all
          </button>
        )}
      </div>
    </form>
  );
}
