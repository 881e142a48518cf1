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
          {reply.alerts.map((alert) => (
            <li key={alert.id}>
              <p>
                <strong>{alert.event}</strong> alert to <span class="webhook">{alert.webhook}</span> · {alert.attempts}{' '}
                attempts · created <time dateTime={alert.createdAt}>{dateTime(alert.createdAt)}</time>
              </p>
              {alert.lastError && <p class="meta">Last error: {alert.lastError}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
