import { expect, it } from 'vitest';
import { type FailedAlertAttempt, reportFailedAttempts } from '../../../src/collector/alerts/failed-attempt-log';

// onAlertFailed: each failed delivery attempt is reported once, the loop seeing the same outcome.
const headers = { 'webhook-id': 'alert-1', 'content-type': 'application/json' };
const SLACK = 'https://hooks.slack.com/services/T0/B0/secret-path';

it('reports a reply that is not 2xx, with the alert id and only the webhook origin', async () => {
  const failed: FailedAlertAttempt[] = [];
  const fetch = reportFailedAttempts(
    async () => new Response('no', { status: 500 }),
    (f) => failed.push(f),
  );
  const reply = await fetch(SLACK, { method: 'POST', headers });
  expect(reply.status).toBe(500);
  expect(failed).toEqual([{ alertId: 'alert-1', webhook: 'https://hooks.slack.com', status: 500, error: 'HTTP 500' }]);
});

it('reports a request that got no reply, and throws its error on to the loop', async () => {
  const failed: FailedAlertAttempt[] = [];
  const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
  const fetch = reportFailedAttempts(
    async () => Promise.reject(refused),
    (f) => failed.push(f),
  );
  await expect(fetch('http://127.0.0.1:9/hook', { headers: { 'x-nps-delivery': 'alert-2' } })).rejects.toBe(refused);
  expect(failed).toEqual([
    {
      alertId: 'alert-2',
      webhook: 'http://127.0.0.1:9',
      status: null,
      error: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9',
    },
  ]);
});

it('reports nothing for a delivered alert', async () => {
  const failed: FailedAlertAttempt[] = [];
  const fetch = reportFailedAttempts(
    async () => new Response(null, { status: 204 }),
    (f) => failed.push(f),
  );
  await fetch(SLACK, { headers });
  expect(failed).toEqual([]);
});
