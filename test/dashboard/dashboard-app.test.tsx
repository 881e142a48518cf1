import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApiClient } from '../helpers/dashboard-fake-api';
import { createFakeCollector } from '../helpers/dashboard-fake-collector.mjs';
import { renderDashboard, settle } from '../helpers/dashboard-render';
import { answer, answers, element, present } from './dashboard-fixtures';

afterEach(cleanup);

const apiWith = (responses: ReturnType<typeof answers>) => createFakeApiClient(createFakeCollector({ responses }));
const headline = (container: Element) => element(container, '.headline');
const select = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('filters and the URL', () => {
  it('reads the filters from the URL, asks the API for them, and fills the form', async () => {
    const { api } = await renderDashboard({ search: '?stage=checkout&from=2026-11-01&to=2026-11-30&segment=plan' });
    const filters = { stage: 'checkout', from: '2026-11-01', to: '2026-11-30', segment: 'plan' };
    expect(api.calls).toContainEqual({ method: 'stats', filters });
    expect(select('Stage').value).toBe('checkout');
    expect(input('From').value).toBe('2026-11-01');
    expect(input('To').value).toBe('2026-11-30');
    expect(select('Segment by').value).toBe('plan');
    const bySegment = screen.getByRole('region', { name: 'By plan' });
    expect(
      within(bySegment)
        .getAllByRole('row')
        .map((r) => element(r, 'th').textContent),
    ).toEqual(['plan', 'free', 'pro', 'team']);
  });

  it('applying pushes the filters to the URL; back restores the previous filters and figures', async () => {
    const { api, navigation } = await renderDashboard({ search: '?stage=checkout' });
    fireEvent.change(select('Stage'), { target: { value: 'onboarded' } });
    fireEvent.input(input('From'), { target: { value: '2026-11-02' } });
    fireEvent.change(input('From'), { target: { value: '2026-11-02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await settle();
    expect(navigation.entries).toEqual(['?stage=checkout', '?stage=onboarded&from=2026-11-02']);
    expect(api.calls).toContainEqual({
      method: 'stats',
      filters: { stage: 'onboarded', from: '2026-11-02', to: '', segment: '' },
    });

    const callsBefore = api.calls.length;
    navigation.back();
    await settle();
    expect(select('Stage').value).toBe('checkout');
    expect(input('From').value).toBe('');
    expect(api.calls.slice(callsBefore)).toContainEqual({
      method: 'stats',
      filters: { stage: 'checkout', from: '', to: '', segment: '' },
    });
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/export.csv?stage=checkout',
    );
  });

  it('Clear removes every filter from the URL', async () => {
    const { navigation } = await renderDashboard({ search: '?stage=checkout&segment=plan' });
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await settle();
    expect(navigation.search()).toBe('');
    expect(select('Stage').value).toBe('');
  });
});

describe('the headline figure', () => {
  it('is coloured by its sign, with the sign as text too', async () => {
    const negative = await renderDashboard({ api: apiWith([...answers(8, 2), ...answers(4, 10)]) });
    const value = element(headline(negative.container), '.nps');
    expect(value.className).toBe('nps sign-negative');
    expect(value.textContent).toMatch(/^−33\.3 ± /);
    const stageRow = within(screen.getByRole('region', { name: 'By stage' })).getAllByRole('row')[1];
    expect(element(stageRow, '.nps').className).toBe('nps sign-negative');
    expect(element(negative.container, '.week-chart circle').getAttribute('class')).toBe('point sign-negative');
    cleanup();
    const positive = await renderDashboard({ api: apiWith([...answers(4, 2), ...answers(8, 10)]) });
    expect(element(headline(positive.container), '.nps').className).toBe('nps sign-positive');
    expect(element(headline(positive.container), '.nps').textContent).toMatch(/^\+33\.3 ± /);
    cleanup();
    const zero = await renderDashboard({ api: apiWith([...answers(6, 2), ...answers(6, 10)]) });
    expect(element(headline(zero.container), '.nps').className).toBe('nps sign-zero');
    expect(element(headline(zero.container), '.nps').textContent).toMatch(/^0 ± /);
  });

  it('says "too few answers" below 10 answers, here and in the stage table, and not from 10 on', async () => {
    const few = await renderDashboard({ api: apiWith([...answers(2, 10), answer(3)]) });
    expect(headline(few.container).textContent).toContain('(too few answers)');
    expect(within(screen.getByRole('region', { name: 'By stage' })).getByText(/too few answers/)).toBeTruthy();
    cleanup();
    const enough = await renderDashboard({ api: apiWith(answers(10, 9)) });
    expect(headline(enough.container).textContent).not.toContain('too few');
  });

  it('words the change against the previous range from the reply', async () => {
    const api = apiWith([...answers(30, 2, '2026-10-20'), ...answers(30, 10, '2026-11-20')]);
    const { container } = await renderDashboard({ api, search: '?from=2026-11-01&to=2026-11-30' });
    expect(element(headline(container), '.change').textContent).toBe(
      'up 200 points since the previous 30 days — likely real',
    );
    expect(element(headline(container), '.change').className).toBe('change sign-positive');
    expect(element(headline(container), '.change-ranges').textContent).toBe(
      'This range: +100 · the previous 30 days: −100',
    );
    expect(element(headline(container), '.note').textContent).toMatch(/^2026-11-01 to 2026-11-30 · 30 answers/);
  });

  it('without From, says the headline is all time and shows the NPS of both ranges the change compares; too few answers is never "likely real"', async () => {
    // All time +67.1; the last 30 days 3 promoters, the 30 days before 40 detractors (as the collector words it).
    const fake = apiWith([...answers(40, 10, '2026-08-01'), ...answers(10, 2, '2026-08-02')]);
    const api = {
      ...fake,
      async stats(filters: Parameters<typeof fake.stats>[0]) {
        const reply = await fake.stats(filters);
        reply.change = {
          nps: 100,
          previousNps: -100,
          delta: 200,
          marginOfError: 90.4,
          significant: true,
          from: '2026-11-01T00:00:00.000Z',
          to: '2026-12-01T00:00:00.000Z',
          previousFrom: '2026-10-02T00:00:00.000Z',
          previousTo: '2026-11-01T00:00:00.000Z',
          total: 3,
          previousTotal: 40,
          tooFew: true,
        };
        return reply;
      },
    };
    const { container } = await renderDashboard({ api });
    const card = headline(container);
    expect(element(card, '.note').textContent).toMatch(/^All time · 50 answers/);
    expect(element(card, '.change-ranges').textContent).toBe(
      'The last 30 days: +100 (too few answers) · the previous 30 days: −100',
    );
    expect(element(card, '.change').textContent).toBe('up 200 points since the previous 30 days — too few answers');
    expect(element(card, '.change').className).toBe('change sign-zero');
    expect(card.textContent).not.toContain('likely real');
  });
});

describe('the follow-up queue', () => {
  it('lists detractors first and saves a status change through the API, then shows it', async () => {
    const detractor = answer(1, '2026-11-20', { comment: 'Lost my data' });
    const api = apiWith([answer(10, '2026-11-21'), detractor, answer(8, '2026-11-22')]);
    const { container } = await renderDashboard({ api });
    const queue = screen.getByRole('region', { name: 'Follow-up queue' });
    const items = within(queue).getAllByRole('listitem');
    expect(items.map((li) => element(li, '.score-text').textContent)).toEqual([
      'Score 1 · detractor',
      'Score 8 · passive',
      'Score 10 · promoter',
    ]);
    expect(element(container, '.card:last-child').textContent).toContain('0 of 1 detractor');

    const first = within(items[0]);
    // Each item is one compact line until its form is opened.
    expect(first.queryByLabelText('Status')).toBeNull();
    expect(element(items[0], '.follow-up-line').textContent).toContain('open');
    fireEvent.click(first.getByRole('button', { name: 'Edit follow-up' }));
    await settle();
    fireEvent.change(first.getByLabelText('Status'), { target: { value: 'contacted' } });
    fireEvent.input(first.getByLabelText('Owner'), { target: { value: 'Ana' } });
    fireEvent.input(first.getByLabelText('Note'), { target: { value: 'Called, restoring from backup' } });
    fireEvent.click(first.getByRole('button', { name: 'Save' }));
    await settle();

    expect(api.calls).toContainEqual({
      method: 'updateFollowUp',
      id: detractor.id,
      patch: { followUp: { status: 'contacted', owner: 'Ana', note: 'Called, restoring from backup' } },
    });
    const saved = within(within(queue).getAllByRole('listitem')[0]);
    expect(saved.getByText('Saved')).toBeTruthy();
    expect(saved.getByText('History (1)')).toBeTruthy();
    expect(element(container, '.card:last-child').textContent).toContain('1 of 1 detractor');
    expect(element(container, '.live').textContent).toBe('Follow-up saved: contacted.');
  });

  it('shows the API’s refusal instead of pretending it saved', async () => {
    const api = apiWith([answer(1)]);
    await renderDashboard({ api });
    api.failNext('updateFollowUp', 400, 'note must be at most 2000 characters');
    fireEvent.click(screen.getByRole('button', { name: 'Edit follow-up' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(screen.getByText('Not saved: note must be at most 2000 characters')).toBeTruthy();
  });

  it('filters the queue by status, through the URL', async () => {
    const { api, navigation } = await renderDashboard({ api: apiWith([answer(1)]) });
    fireEvent.click(screen.getByLabelText('resolved'));
    await settle();
    expect(navigation.search()).toBe('?queue=resolved');
    expect(api.calls.at(-1)).toEqual({
      method: 'responses',
      filters: { stage: '', from: '', to: '', segment: '' },
      query: { followUp: 'resolved', limit: 20, cursor: null },
    });
    expect(screen.getByText('No resolved follow-ups in this range.')).toBeTruthy();
  });
});

describe('responses', () => {
  it('shows HTML in comments, ids and stages as text, never as markup', async () => {
    const evil = '<img src=x onerror="window.__xss=1"><b>bold</b> it broke';
    await renderDashboard({
      api: apiWith([answer(2, '2026-11-20', { comment: evil, userId: '<i>mallory</i>', stage: '<u>stage</u>' })]),
    });
    const comments = screen.getByRole('region', { name: 'Comments' });
    expect(element(comments, '.comment').textContent).toBe(evil);
    expect(within(comments).getByRole('link', { name: 'User <i>mallory</i>' })).toBeTruthy();
    expect(document.querySelectorAll('main img, main b, main i, main u')).toHaveLength(0);
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('pages with the cursor: "Show more" until the collector has no more', async () => {
    const { api } = await renderDashboard({ api: apiWith(answers(45, 9, '2026-11-20', { comment: 'Great' })) });
    const comments = screen.getByRole('region', { name: 'Comments' });
    expect(within(comments).getAllByRole('listitem')).toHaveLength(20);
    fireEvent.click(within(comments).getByRole('button', { name: 'Show more' }));
    await settle();
    expect(within(comments).getAllByRole('listitem')).toHaveLength(40);
    expect(api.calls.at(-1)).toMatchObject({ method: 'responses', query: { hasComment: true, cursor: '20' } });
    fireEvent.click(within(comments).getByRole('button', { name: 'Show more' }));
    await settle();
    expect(within(comments).getAllByRole('listitem')).toHaveLength(45);
    expect(within(comments).queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('opens a user’s history from a response, bookmarkable, with "recovered"', async () => {
    const api = apiWith([
      answer(2, '2026-11-01', { userId: 'u-1', comment: 'Slow' }),
      answer(9, '2026-11-20', { userId: 'u-1', comment: 'Much better now' }),
    ]);
    const { navigation } = await renderDashboard({ api });
    const comments = screen.getByRole('region', { name: 'Comments' });
    fireEvent.click(within(comments).getAllByRole('link', { name: 'User u-1' })[0]);
    await settle();
    expect(navigation.search()).toBe('?user=u-1');
    const history = screen.getByRole('region', { name: 'History of user u-1' });
    expect(within(history).getByText('Recovered: was a detractor, latest answer is not')).toBeTruthy();
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((li) => element(li, '.comment').textContent),
    ).toEqual(['Slow', 'Much better now']);
    expect(screen.getByRole('region', { name: 'Recovered detractors: 1' })).toBeTruthy();
  });

  it('opens the response an alert links to (?response=<id>): score, comment, stage, user and its follow-up form', async () => {
    const linked = answer(3, '2026-11-02', { userId: 'u-9', stage: 'checkout', comment: 'Checkout keeps failing' });
    const api = apiWith([linked, ...answers(3, 9)]);
    const { navigation } = await renderDashboard({ api, search: `?response=${linked.id}` });
    expect(api.calls).toContainEqual({ method: 'response', id: linked.id });
    const panel = screen.getByRole('region', { name: 'Response' });
    expect(element(panel, '.score-text').textContent).toContain('Score 3');
    expect(element(panel, '.comment').textContent).toBe('Checkout keeps failing');
    expect(element(panel, '.meta').textContent).toContain('checkout');
    expect(within(panel).getByRole('link', { name: 'User u-9' })).toBeTruthy();
    fireEvent.change(within(panel).getByLabelText('Status'), { target: { value: 'contacted' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save' }));
    await settle();
    expect(api.calls).toContainEqual(expect.objectContaining({ method: 'updateFollowUp', id: linked.id }));
    expect(present(api.collector.response(linked.id)).followUp.status).toBe('contacted');
    fireEvent.click(within(panel).getByRole('button', { name: 'Close' }));
    await settle();
    expect(navigation.search()).toBe('');
    expect(screen.queryByRole('region', { name: 'Response' })).toBeNull();
  });

  it('says so when the linked response does not exist', async () => {
    const api = createFakeApiClient();
    await renderDashboard({ api, search: '?response=01890a5d-ac96-774b-bcce-b302099a8057' });
    const panel = screen.getByRole('region', { name: 'Response' });
    expect(within(panel).getByRole('alert').textContent).toBe('Could not load the response: no such response');
  });

  it('shows failed alerts with their last error and counts every state, and hides the panel when the alerts API fails', async () => {
    await renderDashboard();
    const alerts = screen.getByRole('region', { name: 'Failed alerts: 2' });
    expect(alerts.textContent).toContain('HTTP 410 Gone: channel archived');
    expect(alerts.textContent).toContain('Alerts: 4 delivered · 2 in digests · 1 suppressed · 1 pending · 2 failed');
    expect(alerts.textContent).toContain('Digest messages: 1 delivered · 0 pending · 0 failed');
    cleanup();
    const api = createFakeApiClient();
    api.failNext('alerts', 404, 'not found');
    await renderDashboard({ api });
    expect(screen.queryByRole('region', { name: /Failed alerts/ })).toBeNull();
  });
});

describe('a collector that leaves parts out', () => {
  it('hides the change, the follow-up metrics, the weeks and the follow-up forms instead of breaking', async () => {
    const fake = createFakeApiClient(
      createFakeCollector({ responses: [answer(2, '2026-11-20', { comment: 'Slow' }), ...answers(11, 10)] }),
    );
    type Loose<T> = { -readonly [K in keyof T]?: T[K] };
    const api = {
      ...fake,
      async stats(filters: Parameters<typeof fake.stats>[0]) {
        const reply: Loose<Awaited<ReturnType<typeof fake.stats>>> = await fake.stats(filters);
        delete reply.change;
        delete reply.followUp;
        delete reply.byWeek;
        return reply as Awaited<ReturnType<typeof fake.stats>>;
      },
      async responses(...args: Parameters<typeof fake.responses>) {
        const reply = await fake.responses(...args);
        for (const r of reply.responses) delete (r as Loose<typeof r>).followUp;
        return reply;
      },
    };
    const { container } = await renderDashboard({ api, search: '?from=2026-11-01&to=2026-11-30' });
    expect(element(headline(container), '.nps').textContent).toMatch(/^\+83\.3 ± /);
    expect(headline(container).querySelector('.change')).toBeNull();
    expect(screen.queryByText('Detractors contacted')).toBeNull();
    expect(screen.queryByRole('region', { name: 'NPS by week' })).toBeNull();
    expect(screen.getByRole('region', { name: 'By stage' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Follow-up queue' })).getAllByRole('listitem')).toHaveLength(12);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('hides one part whose reply it cannot read, and shows the rest', async () => {
    const fake = createFakeApiClient(createFakeCollector({ responses: answers(12, 10) }));
    let broken = true;
    const api = {
      ...fake,
      async stats(filters: Parameters<typeof fake.stats>[0]) {
        const reply = await fake.stats(filters);
        // A week list that is not a list: what a newer or broken collector might send.
        return broken ? { ...reply, byWeek: { weeks: [] } as unknown as [] } : reply;
      },
    };
    const { container } = await renderDashboard({ api });
    expect(screen.queryByRole('region', { name: 'NPS by week' })).toBeNull();
    expect(element(headline(container), '.nps').textContent).toMatch(/^\+100 ± /);
    expect(screen.getByRole('region', { name: 'By stage' })).toBeTruthy();
    // The next reply is readable: the part comes back.
    broken = false;
    fireEvent.change(select('Segment by'), { target: { value: 'plan' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await settle();
    expect(screen.getByRole('region', { name: 'NPS by week' })).toBeTruthy();
  });
});
