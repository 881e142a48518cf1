import { NpsError } from '../core/errors';
import type { BatchReply, ResponseRecord } from '../core/wire';
import { backoff } from './backoff';
import { type DeliveryLoop, isOffline } from './delivery-loop';
import { batchBody, postBatch, type Reply } from './post-batch';
import { settleBatch } from './settle-batch';
import { saveDeliveryState } from './stored-delivery-state';
import { stop } from './stop';

/** What the server answers to refuse a batch as such: split it, so one bad record cannot sink the others. */
const REFUSED = [400, 413, 422];

// The reply is untrusted: a `rejected` that is not a list refuses nothing.
function refusedIn(reply?: BatchReply): Map<string, string> {
  const refused = new Map<string, string>();
  const rejected = reply?.rejected;
  if (Array.isArray(rejected))
    for (const entry of rejected) if (entry && typeof entry.id === 'string') refused.set(entry.id, String(entry.error));
  return refused;
}

// A 2xx: settles the batch, ends the backoff, and reports each version delivered once.
async function delivered(loop: DeliveryLoop, sent: ResponseRecord[], refused: Map<string, string>): Promise<number> {
  await settleBatch(loop, sent, refused);
  if (loop.state.failedAttempts || loop.state.backoffUntil)
    await saveDeliveryState(loop, (stored) => ({ ...stored, failedAttempts: 0, throttled: 0, backoffUntil: 0 }));
  loop.reportedStep = undefined;
  const ids: string[] = [];
  for (const { id, updatedAt } of sent) {
    const version = `${id} ${updatedAt}`;
    if (refused.has(id) || loop.delivered.has(version)) continue;
    loop.delivered.add(version);
    ids.push(id);
  }
  if (ids.length) loop.onDelivered(ids);
  return ids.length;
}

/**
 * The send step: POSTs one batch (with `keepalive` on page hide) and acts on the reply: a 2xx settles
 * it, a refusal splits it, anything else backs off. Resolves with how many records were delivered
 * (reported for the first time); rejects with {@link stop} when there is nothing to report (closed, or
 * offline while the request was out), or with `delivery-failed` once the backoff is saved.
 */
export async function sendBatch(loop: DeliveryLoop, records: ResponseRecord[], keepalive?: boolean): Promise<number> {
  // Closed while the batch was claimed or a split's first half was out; a later reply finds the store closed.
  if (loop.closed) throw stop;
  let cause: unknown;
  const reply: Partial<Reply> = await postBatch(loop, batchBody(records, loop.now()), loop.timeout, keepalive).catch(
    (error) => {
      cause = error;
      return {};
    },
  );
  const { status = 0, redirect } = reply;
  if (!redirect) {
    if (status >= 200 && status < 300) return delivered(loop, records, refusedIn(reply.data));
    if (REFUSED.includes(status)) {
      // One bad record must not sink the others: halve until it stands alone.
      const half = records.length >> 1;
      if (half)
        return (
          (await sendBatch(loop, records.slice(0, half), keepalive)) +
          (await sendBatch(loop, records.slice(half), keepalive))
        );
      const [record] = records as [ResponseRecord];
      await settleBatch(loop, records, new Map([[record.id, `HTTP ${status}`]]));
      return 0;
    }
    // The browser went offline while the request was out: no attempt used, no error; `online` resumes.
    if (!status && isOffline(loop)) throw stop;
  }
  const at = loop.now();
  await saveDeliveryState(loop, (stored) => backoff(stored, status, reply.retryAfter, at, loop.random));
  const why = redirect
    ? `the endpoint answered with ${redirect} (HTTP ${status}); redirects are not followed`
    : status || cause;
  throw new NpsError('delivery-failed', `send failed (${why})`, { status, cause, redirect });
}
