import { dateTime } from './format';
import { useStore } from './store-context';

/** Webhook deliveries that gave up, with their last error; how many alerts are in every other state. */
export function FailedAlerts() {
  const store = useStore();
  const reply = store.failedAlerts.value.value;
  if (!reply) return null; // no alerts API (or it failed): leave the panel out
  const { counts, digests } = reply;
  return (
    <section class="panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Failed alerts: {counts.failed}</h2>
      <p class="note">
        Alerts: {counts.delivered} delivered · {counts.digested} in digests · {counts.suppressed} suppressed ·{' '}
        {counts.pending} pending · {counts.failed} failed
      </p>
      <p class="note">
        Digest messages: {digests.delivered} delivered · {digests.pending} pending · {digests.failed} failed
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
