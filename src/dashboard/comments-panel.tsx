import { CommentSearch } from './comment-search';
import { ResponseList } from './response-list';
import { useStore } from './store-context';

/** The responses with a comment in the current range, newest first, narrowed by the comment search. */
export function CommentsPanel() {
  const store = useStore();
  const q = store.url.value.q;
  return (
    <section class="panel" aria-labelledby="comments-title">
      <h2 id="comments-title" tabIndex={-1}>
        {q ? `Comments matching “${q}”` : 'Comments'}
      </h2>
      <CommentSearch />
      <ResponseList
        list={store.comments}
        withFollowUp={false}
        empty={q ? `No comments in this range match “${q}”.` : 'No comments in this range.'}
      />
    </section>
  );
}
