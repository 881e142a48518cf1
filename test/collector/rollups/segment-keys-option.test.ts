import { describe, expect, it } from 'vitest';
import { createCollector, type ResponseStore } from '../../../src/collector-entry';

// createCollector refuses a bad option before it touches the store.
const untouchedStore = {} as ResponseStore;

describe('the segmentKeys option', () => {
  it('is refused at createCollector with an error naming the bad key, not later in the background', () => {
    expect(() =>
      createCollector({
        store: untouchedStore,
        dashboardToken: 'a-long-dashboard-token',
        segmentKeys: ['plan', 'bad key!'],
      }),
    ).toThrow(/segmentKeys: "bad key!" is not a trait key/);
    const tooMany = Array.from({ length: 100 }, (_, i) => `key${i}`);
    expect(() =>
      createCollector({ store: untouchedStore, dashboardToken: 'a-long-dashboard-token', segmentKeys: tooMany }),
    ).toThrow(/segmentKeys: at most \d+ keys are rolled up, got 100/);
  });
});
