import { dateTime } from './format';
import { useStore } from './store-context';

/** Webhook deliveries that gave up, with their last error; counts of the others. */
export function FailedAlerts() {
  const store = useStore();
  const reply = store.failedAlerts.value.value;
  if (!reply) return null; // no alerts API (or it failed): leave the panel out
  const { counts } = reply;
  return (
    <section class="panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Failed alerts: {counts.failed}</h2>
      <p class="note">
        {counts.delivered} delivered · {counts.pending} pending · {counts.failed} failed
      </p>
      {reply.alerts.length > 0 && (
        <ul class="plain-list alerts">
          {reply.alerts.map((a) => (
            <li key={a.id}>
              <p>
                <strong>{a.event}</strong> alert to <span class="webhook">{a.webhook}</span> · {a.attempts} attempts ·
                created <time dateTime={a.createdAt}>{dateTime(a.createdAt)}</time>
              </p>
              {a.lastError && <p class="meta">Last error: {a.lastError}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
