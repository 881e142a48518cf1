import type { PagedList } from './paged-list';
import { ResponseItem } from './response-item';

/** A paged list of responses with "Show more" while the collector has more. */
export function ResponseList({ list, withFollowUp, empty }: { list: PagedList; withFollowUp: boolean; empty: string }) {
  const items = list.items.value;
  return (
    <>
      {list.error.value && (
        <p class="error" role="alert">
          Could not load: {list.error.value}
        </p>
      )}
      {items.length === 0 && !list.loading.value && !list.error.value && <p class="empty-note">{empty}</p>}
      {items.length > 0 && (
        <ol class="responses">
          {items.map((response) => (
            <ResponseItem key={response.id} response={response} withFollowUp={withFollowUp} />
          ))}
        </ol>
      )}
      {list.nextCursor.value && (
        <button type="button" class="quiet more" disabled={list.loading.value} onClick={() => void list.more()}>
          {list.loading.value ? 'Loading…' : 'Show more'}
        </button>
      )}
    </>
  );
}
