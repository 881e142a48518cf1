import { describe, expect, it } from 'vitest';
import { readUrlState, writeUrlState } from '../../src/dashboard/url-state';

describe('the dashboard state in the URL', () => {
  it('round-trips filters, comment search, queue status, user and the opened response', () => {
    const response = '01890a5d-ac96-774b-bcce-b302099a8057';
    const state = {
      filters: { stage: 'check out', from: '2026-11-01', to: '2026-11-30', segment: 'plan' },
      q: '"slow shipping" & more',
      queue: 'contacted' as const,
      user: 'u/1',
      response,
    };
    const search = writeUrlState(state);
    expect(search).toBe(
      '?stage=check+out&from=2026-11-01&to=2026-11-30&segment=plan&q=%22slow+shipping%22+%26+more' +
        `&queue=contacted&user=u%2F1&response=${response}`,
    );
    expect(readUrlState(search)).toEqual(state);
  });

  it('leaves defaults out, and ignores malformed days and unknown statuses instead of sending them on', () => {
    expect(writeUrlState(readUrlState(''))).toBe('');
    expect(readUrlState('?from=yesterday&to=2026-13&queue=done')).toEqual({
      filters: { stage: '', from: '', to: '', segment: '' },
      q: '',
      queue: 'open',
      user: '',
      response: '',
    });
  });

  it('keeps a comment search trimmed, and drops one the collector would refuse (too long, control characters)', () => {
    expect(readUrlState('?q=+shipping+').q).toBe('shipping');
    expect(readUrlState(`?q=${'x'.repeat(200)}`).q).toHaveLength(200);
    expect(readUrlState(`?q=${'x'.repeat(201)}`).q).toBe('');
    expect(readUrlState('?q=ship%07ping').q).toBe('');
  });
});
