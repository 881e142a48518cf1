import type { FollowUpStatus } from '../core/api-types';
import { ResponseList } from './response-list';
import { useStore } from './store-context';

const STATUSES: FollowUpStatus[] = ['open', 'contacted', 'resolved'];

/** Answers to follow up, detractors first (the collector's queue order), filtered by status. */
export function FollowUpQueue() {
  const store = useStore();
  const current = store.url.value.queue;
  return (
    <section class="panel" aria-labelledby="queue-title">
      <div class="panel-head">
        <h2 id="queue-title">Follow-up queue</h2>
        <fieldset class="segmented">
          <legend class="visually-hidden">Show follow-ups that are</legend>
          {STATUSES.map((status) => (
            <label key={status}>
              <input
                type="radio"
                name="queue"
                value={status}
                checked={status === current}
                onChange={() => void store.showQueue(status)}
              />
              {status}
            </label>
          ))}
        </fieldset>
      </div>
      <ResponseList list={store.queue} withFollowUp empty={`No ${current} follow-ups in this range.`} />
    </section>
  );
}
