import { describe, expect, it } from 'vitest';
import { readUrlState, writeUrlState } from '../../src/dashboard/url-state';

describe('the dashboard state in the URL', () => {
  it('round-trips filters, queue status, user and the opened response', () => {
    const response = '01890a5d-ac96-774b-bcce-b302099a8057';
    const state = {
      filters: { stage: 'check out', from: '2026-11-01', to: '2026-11-30', segment: 'plan' },
      queue: 'contacted' as const,
      user: 'u/1',
      response,
    };
    const search = writeUrlState(state);
    expect(search).toBe(
      `?stage=check+out&from=2026-11-01&to=2026-11-30&segment=plan&queue=contacted&user=u%2F1&response=${response}`,
    );
    expect(readUrlState(search)).toEqual(state);
  });

  it('leaves defaults out, and ignores malformed days and unknown statuses instead of sending them on', () => {
    expect(writeUrlState(readUrlState(''))).toBe('');
    expect(readUrlState('?from=yesterday&to=2026-13&queue=done')).toEqual({
      filters: { stage: '', from: '', to: '', segment: '' },
      queue: 'open',
      user: '',
      response: '',
    });
  });
});
