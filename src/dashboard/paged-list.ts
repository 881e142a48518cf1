import { signal, type Signal } from '@preact/signals';
import type { ResponsesReply, StoredResponse } from '../core/api-types';

/** A listing that grows a page at a time ("Show more") through `nextCursor`. */
export interface PagedList {
  items: Signal<StoredResponse[]>;
  nextCursor: Signal<string | null>;
  loading: Signal<boolean>;
  error: Signal<string>;
  /** Starts over with the first page. */
  reload(): Promise<void>;
  /** Appends the next page, if there is one. */
  more(): Promise<void>;
  /** Replaces one item (after a follow-up change) wherever it is in the list. */
  replace(updated: StoredResponse): void;
}

/** `load(cursor)` fetches one page; a reload makes replies of older loads be ignored. */
export function createPagedList(load: (cursor: string | null) => Promise<ResponsesReply>): PagedList {
  const items = signal<StoredResponse[]>([]);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  const error = signal('');
  let generation = 0;

  async function fetchPage(cursor: string | null, append: boolean) {
    const mine = ++generation;
    loading.value = true;
    error.value = '';
    try {
      const reply = await load(cursor);
      if (mine !== generation) return;
      items.value = append ? [...items.value, ...reply.responses] : reply.responses;
      nextCursor.value = reply.nextCursor;
    } catch (failure) {
      if (mine === generation) error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return {
    items,
    nextCursor,
    loading,
    error,
    reload: () => fetchPage(null, false),
    more: () => (nextCursor.value ? fetchPage(nextCursor.value, true) : Promise.resolve()),
    replace(updated) {
      items.value = items.value.map((item) => (item.id === updated.id ? updated : item));
    },
  };
}
