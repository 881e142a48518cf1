import type { StoredResponse } from '../core/api-types';
import { useStore } from './store-context';
import { writeUrlState } from './url-state';

/** Who answered: a link to the user's history (bookmarkable), or "Anonymous …" without a user id. */
export function UserLink({ response }: { response: Pick<StoredResponse, 'userId' | 'anonymousId'> }) {
  const store = useStore();
  const { userId } = response;
  if (!userId) return <span class="who">Anonymous {response.anonymousId.slice(0, 8)}</span>;
  const open = (event: MouseEvent) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    void store.openUser(userId);
  };
  return (
    <a class="who" href={writeUrlState({ ...store.url.value, user: userId }) || '?'} onClick={open}>
      User {userId}
    </a>
  );
}
