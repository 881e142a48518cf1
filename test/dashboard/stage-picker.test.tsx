import { cleanup, screen } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { createFakeApiClient } from '../helpers/dashboard-fake-api';
import { createFakeCollector } from '../helpers/dashboard-fake-collector.mjs';
import { renderDashboard } from '../helpers/dashboard-render';
import { answers } from './dashboard-fixtures';

afterEach(cleanup);

it('offers the stage filters the collector names, never the labels of byStage', async () => {
  const fake = createFakeApiClient(createFakeCollector({ responses: answers(12, 9) }));
  const api = {
    ...fake,
    async stats(filters: Parameters<typeof fake.stats>[0]) {
      const reply = await fake.stats(filters);
      // As the collector groups them: `other` sums the stages beyond the 50 most shown, a real
      // stage named "other" is quoted, and "(none)" holds the records without a stage.
      const figures = Object.values(reply.byStage)[0];
      reply.byStage = { '(none)': figures, '"other"': figures, checkout: figures, other: figures };
      reply.stages = ['(none)', 'checkout', 'other'];
      return reply;
    },
  };
  await renderDashboard({ api });
  const picker = screen.getByLabelText('Stage') as HTMLSelectElement;
  expect([...picker.options].map((o) => o.value)).toEqual(['', '(none)', 'checkout', 'other']);
});
