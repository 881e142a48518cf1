import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deferred, flush, openPrompt } from './mount';

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

const radios = (p: ReturnType<typeof openPrompt>) => p.ui.getAllByRole('radio');

describe('the prompt', () => {
  it('mounts in an open shadow root on a host appended to <body>, with an adopted stylesheet', () => {
    const p = openPrompt();
    expect(p.host.parentElement).toBe(document.body);
    expect(p.host.shadowRoot).toBe(p.root);
    expect(p.root.adoptedStyleSheets).toHaveLength(1);
    expect(p.root.querySelector('[style]')).toBeNull();
    expect(p.host.hasAttribute('style')).toBe(false);
  });

  it('is a dialog named by the question with a radiogroup of 11 radios named by their number', () => {
    const p = openPrompt();
    expect(p.ui.getByRole('dialog', { name: 'How likely are you to recommend Acme to a friend or colleague?' })).toBeTruthy();
    expect(p.ui.getByRole('dialog').hasAttribute('aria-modal')).toBe(false);
    const group = p.ui.getByRole('radiogroup');
    expect(group.getAttribute('aria-labelledby')).toBe('q');
    const names = radios(p).map((r) => r.getAttribute('aria-label') ?? r.textContent);
    expect(names).toEqual(['0, Not at all likely', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10, Extremely likely']);
    expect(radios(p).map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect(radios(p).every((r) => r.getAttribute('aria-checked') == 'false')).toBe(true);
  });

  it('stores the score before the follow-up, then the comment before the thank-you, then closes itself', async () => {
    const p = openPrompt({ options: { thanks: { closeAfterMs: 40 } } });
    p.t.gate = deferred();
    fireEvent.click(radios(p)[9]!);
    expect(p.calls).toEqual([['score', 9]]);
    await flush();
    // Not stored yet: still the scale, with 9 marked as chosen.
    expect(p.ui.queryByRole('textbox')).toBeNull();
    expect(radios(p)[9]!.getAttribute('aria-checked')).toBe('true');
    p.t.gate.resolve();
    await flush();
    const box = p.ui.getByRole('textbox', { name: 'What do you like most?' });
    expect(box.getAttribute('placeholder')).toBe('Your answer (optional)');

    p.t.gate = deferred();
    fireEvent.input(box, { target: { value: 'Fast checkout' } });
    fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
    await flush();
    expect(p.calls.at(-1)).toEqual(['comment', 'Fast checkout']);
    expect(p.ui.getByRole('status').textContent).toBe('');
    p.t.gate.resolve();
    await flush();
    expect(p.ui.getByRole('status').textContent).toBe('Thank you for your feedback!');
    expect(p.host.isConnected).toBe(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(p.host.isConnected).toBe(false);
    expect(p.calls).toEqual([['score', 9], ['comment', 'Fast checkout'], ['closed']]);
  });

  it.each([
    [0, 'What is the main reason for your score?'],
    [6, 'What is the main reason for your score?'],
    [7, 'What would make it a 10?'],
    [8, 'What would make it a 10?'],
    [9, 'What do you like most?'],
    [10, 'What do you like most?'],
  ])('asks the follow-up of the category of %i', async (score, question) => {
    const p = openPrompt({ messages: {} });
    fireEvent.click(radios(p)[score]!);
    await flush();
    expect(p.ui.getByRole('textbox', { name: question })).toBeTruthy();
    expect(p.calls).toEqual([['score', score]]);
  });

  it('stays on the scale when storing the score fails', async () => {
    const p = openPrompt();
    p.t.gate = deferred();
    fireEvent.click(radios(p)[3]!);
    p.t.gate.reject(new Error('disk full'));
    await flush();
    expect(p.ui.queryByRole('textbox')).toBeNull();
    expect(radios(p)[3]!.getAttribute('aria-checked')).toBe('false');
    p.t.gate = undefined;
    fireEvent.click(radios(p)[4]!);
    await flush();
    expect(p.ui.getByRole('textbox')).toBeTruthy();
  });

  it('stays on the follow-up, text kept, when storing the comment fails', async () => {
    const p = openPrompt();
    fireEvent.click(radios(p)[9]!);
    await flush();
    p.t.gate = deferred();
    fireEvent.input(p.ui.getByRole('textbox'), { target: { value: 'Keep me' } });
    fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
    p.t.gate.reject(new Error('quota'));
    await flush();
    expect((p.ui.getByRole('textbox') as HTMLTextAreaElement).value).toBe('Keep me');
    expect(p.ui.getByRole('status').textContent).toBe('');
  });

  it('Close before a score dismisses and removes the prompt', async () => {
    const p = openPrompt();
    fireEvent.click(p.ui.getByRole('button', { name: 'Close' }));
    await flush();
    expect(p.calls).toEqual([['dismiss'], ['closed']]);
    expect(p.host.isConnected).toBe(false);
  });

  it('Escape after the score closes without a comment', async () => {
    const p = openPrompt();
    fireEvent.click(radios(p)[2]!);
    await flush();
    fireEvent.keyDown(p.ui.getByRole('textbox'), { key: 'Escape' });
    await flush();
    expect(p.calls).toEqual([['score', 2], ['dismiss'], ['closed']]);
    expect(p.host.isConnected).toBe(false);
  });

  it('Close on the thank-you closes at once', async () => {
    const p = openPrompt();
    fireEvent.click(radios(p)[10]!);
    await flush();
    fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
    await flush();
    fireEvent.click(p.ui.getByRole('button', { name: 'Close' }));
    await flush();
    expect(p.calls).toEqual([['score', 10], ['comment', ''], ['dismiss'], ['closed']]);
    expect(p.host.isConnected).toBe(false);
  });

  it('view.close() removes it without calling back', async () => {
    const p = openPrompt();
    p.view.close();
    await flush();
    expect(p.host.isConnected).toBe(false);
    expect(p.calls).toEqual([]);
  });

  it('shows text as text: a product name with markup stays literal', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const p = openPrompt({ messages: { question: `How likely are you to recommend ${evil}?`, low: evil } });
    expect(p.root.querySelector('img')).toBeNull();
    expect(p.ui.getByText(`How likely are you to recommend ${evil}?`)).toBeTruthy();
    expect(radios(p)[0]!.getAttribute('aria-label')).toBe(`0, ${evil}`);
  });

  it('caps the comment and shows a counter near the limit', async () => {
    const p = openPrompt({ options: { commentMaxLength: 50 } });
    fireEvent.click(radios(p)[5]!);
    await flush();
    const box = p.ui.getByRole('textbox') as HTMLTextAreaElement;
    expect(box.maxLength).toBe(50);
    const counter = p.root.getElementById('n')!;
    expect(box.getAttribute('aria-describedby')).toBe('n');
    expect(counter.textContent).toBe('');
    fireEvent.input(box, { target: { value: 'x'.repeat(29) } });
    expect(counter.textContent).toBe('');
    fireEvent.input(box, { target: { value: 'x'.repeat(35) } });
    expect(counter.textContent).toBe('Characters left: 15');
  });
});

describe('keyboard', () => {
  const key = (el: Element, k: string) => fireEvent.keyDown(el, { key: k });
  const focused = (p: ReturnType<typeof openPrompt>) => radios(p).indexOf(p.root.activeElement as HTMLElement);

  it('arrows, Home and End move the single Tab stop without choosing', () => {
    const p = openPrompt();
    const r = radios(p);
    r[0]!.focus();
    key(r[0]!, 'ArrowRight');
    expect(focused(p)).toBe(1);
    expect(radios(p).map((x) => x.tabIndex).filter((t) => t == 0)).toHaveLength(1);
    expect(r[1]!.tabIndex).toBe(0);
    key(r[1]!, 'ArrowDown');
    expect(focused(p)).toBe(2);
    key(r[2]!, 'End');
    expect(focused(p)).toBe(10);
    key(r[10]!, 'ArrowRight');
    expect(focused(p)).toBe(0);
    key(r[0]!, 'ArrowLeft');
    expect(focused(p)).toBe(10);
    key(r[10]!, 'Home');
    expect(focused(p)).toBe(0);
    key(r[0]!, 'ArrowUp');
    expect(focused(p)).toBe(10);
    expect(p.calls).toEqual([]);
  });

  it('in RTL the horizontal arrows follow the reading direction', () => {
    const p = openPrompt({ locale: 'ar' });
    expect(p.root.querySelector('.w')!.getAttribute('dir')).toBe('rtl');
    const r = radios(p);
    r[0]!.focus();
    key(r[0]!, 'ArrowLeft');
    expect(focused(p)).toBe(1);
    key(r[1]!, 'ArrowLeft');
    expect(focused(p)).toBe(2);
    key(r[2]!, 'ArrowRight');
    expect(focused(p)).toBe(1);
    key(r[1]!, 'ArrowDown');
    expect(focused(p)).toBe(2);
    expect(p.calls).toEqual([]);
  });

  it('a digit chooses that score directly', async () => {
    const p = openPrompt();
    const r = radios(p);
    r[0]!.focus();
    key(r[0]!, '7');
    await flush();
    expect(p.calls).toEqual([['score', 7]]);
    expect(p.ui.getByRole('textbox', { name: 'What would make it a 10?' })).toBeTruthy();
  });

  it('focus moves into the follow-up only when it was already in the prompt', async () => {
    const p = openPrompt();
    const r = radios(p);
    r[4]!.focus();
    key(r[4]!, '4');
    await flush();
    expect(p.root.activeElement).toBe(p.ui.getByRole('textbox'));

    const page = document.body.appendChild(document.createElement('button'));
    page.focus();
    const q = openPrompt();
    expect(document.activeElement).toBe(page);
    fireEvent.click(radios(q)[8]!);
    await flush();
    expect(document.activeElement).toBe(page);
    expect(q.root.activeElement).toBeNull();
  });
});
