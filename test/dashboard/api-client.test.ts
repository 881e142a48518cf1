import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, signInAddress } from '../../src/dashboard/api-client';
import { createRecordingFetch } from '../helpers/dashboard-fake-fetch';

const filters = { stage: 'checkout', from: '2026-11-01', to: '2026-11-30', segment: 'plan' };
const none = { stage: '', from: '', to: '', segment: '' };

describe('the API client: the exact requests the dashboard makes', () => {
  it('asks for stats, listings, segments, users, recovered and alerts with the documented query parameters', async () => {
    const recorder = createRecordingFetch(() => ({ body: {} }));
    const api = createApiClient({ fetch: recorder.fetch });
    await api.stats(filters);
    await api.stats(none);
    await api.responses(filters, { followUp: 'open', limit: 20, cursor: 'abc' });
    await api.responses(none, { hasComment: true, limit: 20 });
    await api.segments();
    await api.userHistory('user/1 ?');
    await api.userHistory('..');
    await api.recovered(filters);
    await api.alerts('failed');
    await api.response('01890a5d-ac96-774b-bcce-b302099a8057');
    expect(recorder.requests.map((r) => r.url)).toEqual([
      '/api/stats?stage=checkout&from=2026-11-01&to=2026-11-30&segment=plan',
      '/api/stats',
      '/api/responses?stage=checkout&from=2026-11-01&to=2026-11-30&status=answered&followUp=open&limit=20&cursor=abc',
      '/api/responses?status=answered&hasComment=true&limit=20',
      '/api/segments',
      '/api/users?userId=user%2F1+%3F',
      '/api/users?userId=..',
      '/api/recovered?from=2026-11-01&to=2026-11-30',
      '/api/alerts?state=failed',
      '/api/responses/01890a5d-ac96-774b-bcce-b302099a8057',
    ]);
    expect(api.exportUrl(filters)).toBe('/api/export.csv?stage=checkout&from=2026-11-01&to=2026-11-30');
    expect(api.exportUrl(none)).toBe('/api/export.csv');
  });

  it('PATCHes a follow-up as JSON', async () => {
    const recorder = createRecordingFetch(() => ({ body: { id: 'r1' } }));
    await createApiClient({ fetch: recorder.fetch }).updateFollowUp('r1', {
      followUp: { status: 'resolved', owner: null, note: 'done' },
    });
    expect(recorder.requests).toEqual([
      {
        url: '/api/responses/r1',
        method: 'PATCH',
        contentType: 'application/json',
        body: '{"followUp":{"status":"resolved","owner":null,"note":"done"}}',
      },
    ]);
  });

  it('turns an error reply into an ApiError with the collector’s message, and a 401 into a sign-in', async () => {
    const recorder = createRecordingFetch((url) =>
      url.includes('stats')
        ? { status: 400, body: { error: 'from must not be later than to' } }
        : { status: 401, body: { error: 'dashboard token required' } },
    );
    let signIns = 0;
    const api = createApiClient({ fetch: recorder.fetch, onUnauthorized: () => signIns++ });
    await expect(api.stats(filters)).rejects.toEqual(new ApiError('from must not be later than to', 400));
    await expect(api.segments()).rejects.toMatchObject({ status: 401 });
    expect(signIns).toBe(1);
  });

  it('sends an expired session to sign in and back to the same view', () => {
    expect(signInAddress('', { pathname: '/dashboard', search: '?stage=checkout&response=abc' })).toBe(
      '/login?next=%2Fdashboard%3Fstage%3Dcheckout%26response%3Dabc',
    );
    expect(signInAddress('https://nps.example.com', { pathname: '/dashboard', search: '' })).toBe(
      'https://nps.example.com/login?next=%2Fdashboard',
    );
  });
});
