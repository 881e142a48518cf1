import type { ListFilter } from './read-filter';
import type { ListedResponse } from '../store/list-responses';
import type { ResponseStore } from '../store/response-store';
import { csvLine } from './to-csv';

const COLUMNS: [string, (response: ListedResponse) => unknown][] = [
  ['id', (r) => r.id],
  ['status', (r) => r.status],
  ['score', (r) => r.score],
  ['category', (r) => r.category],
  ['comment', (r) => r.comment],
  ['userId', (r) => r.userId],
  ['anonymousId', (r) => r.anonymousId],
  ['stage', (r) => r.stage],
  ['locale', (r) => r.locale],
  ['page', (r) => r.page],
  ['shownAt', (r) => r.shownAt],
  ['answeredAt', (r) => r.answeredAt],
  ['updatedAt', (r) => r.updatedAt],
  ['receivedAt', (r) => r.receivedAt],
  ['sdk', (r) => r.sdk],
  ['followUpStatus', (r) => r.followUp.status],
  ['followUpNote', (r) => r.followUp.note],
  ['traits', (r) => r.traits],
  ['metadata', (r) => r.metadata],
];
const PAGE = 1000;

/**
 * Streams every matching record as CSV, a page at a time (pulled as the client reads, so a large
 * table never sits in memory), newest first by id. Pages follow the id, which no update changes:
 * a record updated while the export streams appears once, never skipped nor repeated.
 * @param pageSize records read per page
 */
export function exportCsv(store: ResponseStore, filter: ListFilter, pageSize = PAGE): Response {
  let afterId: string | undefined;
  let first = true;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // The BOM makes spreadsheets read UTF-8.
      let text = first ? '\uFEFF' + csvLine(COLUMNS.map(([name]) => name)) : '';
      first = false;
      const rows = await store.list({ ...filter, limit: pageSize, order: 'id', afterId });
      for (const response of rows) text += csvLine(COLUMNS.map(([, get]) => get(response)));
      controller.enqueue(encoder.encode(text));
      if (rows.length < pageSize) controller.close();
      else afterId = rows[rows.length - 1].id;
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="nps-responses.csv"',
      'cache-control': 'no-store',
    },
  });
}
