import { ResponseList } from './response-list';
import { useStore } from './store-context';

/** The responses with a comment in the current range, newest first. */
export function CommentsPanel() {
  const store = useStore();
  return (
    <section class="panel" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      <ResponseList list={store.comments} withFollowUp={false} empty="No comments in this range." />
    </section>
  );
}
