import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThemesReply } from '../../src/core/api-types';
import { searchFor } from '../../src/dashboard/themes-panel';
import { createFakeApiClient } from '../helpers/dashboard-fake-api';
import { createFakeCollector } from '../helpers/dashboard-fake-collector.mjs';
import { XSS } from '../helpers/dashboard-checks';
import { renderDashboard, settle } from '../helpers/dashboard-render';
import { answers } from './dashboard-fixtures';

afterEach(cleanup);

// "What detractors mention" and "What promoters mention" beside the comments, and the comment
// search: over a fake collector whose detractors write about shipping and promoters about the editor.
const themedApi = () =>
  createFakeApiClient(
    createFakeCollector({
      responses: [
        ...answers(24, 2, '2026-11-20', { comment: 'Shipping took three weeks.' }),
        ...answers(24, 10, '2026-11-21', { comment: 'The editor is lovely.' }),
        ...answers(6, 8, '2026-11-22', { comment: 'Fine overall.' }),
      ],
    }),
  );

const panel = (name: string) => screen.getByRole('region', { name });
const commentTexts = () =>
  within(screen.getByRole('region', { name: /^Comments/ }))
    .queryAllByRole('listitem')
    .map((item) => item.querySelector('.comment')?.textContent);

describe('what detractors and promoters mention', () => {
  it('lists each side’s terms with their counts', async () => {
    await renderDashboard({ api: themedApi() });
    const detractors = within(panel('What detractors mention')).getAllByRole('listitem');
    expect(detractors[0].querySelector('a')?.textContent).toBe('shipping');
    expect(detractors[0].textContent).toContain('24 detractors, 0 passives, 0 promoters');
    const promoters = within(panel('What promoters mention')).getAllByRole('listitem');
    expect(promoters.map((item) => item.querySelector('a')?.textContent)).toContain('editor');
    expect(within(panel('What promoters mention')).getByText(/beyond chance \(z ≥ 1\.96\)/)).toBeTruthy();
  });

  it('a term filters the comments by it, through the URL; back shows them all again', async () => {
    const { api, navigation } = await renderDashboard({ api: themedApi() });
    // The newest page: passives' and promoters' comments.
    expect(new Set(commentTexts())).toEqual(new Set(['The editor is lovely.', 'Fine overall.']));
    const link = within(panel('What detractors mention')).getByRole('link', { name: 'shipping' });
    expect(link.getAttribute('href')).toBe('/dashboard?q=shipping');
    fireEvent.click(link);
    await settle();
    expect(navigation.search()).toBe('?q=shipping');
    expect(api.calls).toContainEqual(
      expect.objectContaining({
        method: 'responses',
        query: expect.objectContaining({ hasComment: true, q: 'shipping' }),
      }),
    );
    expect(new Set(commentTexts())).toEqual(new Set(['Shipping took three weeks.']));
    expect(screen.getByRole('heading', { name: 'Comments matching “shipping”' })).toBe(document.activeElement);
    expect((screen.getByLabelText('Search comments') as HTMLInputElement).value).toBe('shipping');
    expect(link.getAttribute('aria-current')).toBe('true');
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe('/api/export.csv?q=shipping');
    expect(document.querySelector('.live')?.textContent).toBe('20 comments match “shipping”, and more.');
    navigation.back();
    await settle();
    expect(new Set(commentTexts())).toEqual(new Set(['The editor is lovely.', 'Fine overall.']));
    expect((screen.getByLabelText('Search comments') as HTMLInputElement).value).toBe('');
  });

  it('the search box searches the comments and keeps the other filters in the URL', async () => {
    const { navigation } = await renderDashboard({ api: themedApi(), search: '?from=2026-11-01' });
    fireEvent.input(screen.getByLabelText('Search comments'), { target: { value: '  editor ' } });
    fireEvent.submit(screen.getByRole('search', { name: 'Comments' }));
    await settle();
    expect(navigation.search()).toBe('?from=2026-11-01&q=editor');
    expect(new Set(commentTexts())).toEqual(new Set(['The editor is lovely.']));
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    await settle();
    expect(navigation.search()).toBe('?from=2026-11-01');
  });

  it('says "too few comments" below the minimum, with the counts, instead of terms', async () => {
    const api = createFakeApiClient(
      createFakeCollector({
        responses: [
          ...answers(12, 2, '2026-11-20', { comment: 'Shipping took three weeks.' }),
          ...answers(30, 10, '2026-11-21', { comment: 'The editor is lovely.' }),
        ],
      }),
    );
    await renderDashboard({ api });
    for (const name of ['What detractors mention', 'What promoters mention']) {
      expect(within(panel(name)).queryAllByRole('listitem')).toEqual([]);
      expect(panel(name).textContent).toContain(
        'Too few comments to compare: 12 comments from detractors and 30 from promoters in this range; themes need at least 20 from each.',
      );
    }
  });

  it('shows a term holding HTML as text, never as markup, and searches for it as text', async () => {
    const api = themedApi();
    const reply: ThemesReply = {
      comments: { detractors: 24, passives: 6, promoters: 24 },
      sampled: false,
      tooFew: false,
      minimum: { comments: 20, mentions: 5 },
      detractors: [
        { term: 'img', text: XSS, counts: { detractors: 9, passives: 0, promoters: 0 }, z: 3.1, examples: [] },
      ],
      promoters: [],
    };
    api.themes = async () => reply;
    const { container } = await renderDashboard({ api });
    const link = within(panel('What detractors mention')).getByRole('link');
    expect(link.textContent).toBe(XSS);
    expect(container.querySelectorAll('main img, main script').length).toBe(0);
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
    expect(new URL(link.getAttribute('href') ?? '', 'http://x').searchParams.get('q')).toBe(`"${XSS}"`);
    expect(within(panel('What promoters mention')).getByText('Nothing stands out in this range.')).toBeTruthy();
  });

  it('searches for a phrase in quotes, a word as it is', () => {
    expect(searchFor({ text: 'slow shipping' })).toBe('"slow shipping"');
    expect(searchFor({ text: 'shipping' })).toBe('shipping');
  });

  it('says so when the themes cannot be loaded, and still shows the comments', async () => {
    const api = themedApi();
    api.failNext('themes', 500, 'internal error');
    await renderDashboard({ api });
    expect(panel('What detractors mention').textContent).toContain('Could not load the themes: internal error');
    expect(commentTexts().length).toBeGreaterThan(0);
  });
});
