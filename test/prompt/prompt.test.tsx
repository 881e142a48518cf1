import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flush, openPrompt, type OpenPrompt } from './open-prompt';

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

const radios = (p: OpenPrompt) => p.ui.getAllByRole('radio');

describe('the prompt', () => {
  it('mounts in an open shadow root on a host appended to <body>, with an adopted stylesheet', () => {
    const p = openPrompt();
    expect(p.host.tagName).toBe('NPS-WIDGET');
    expect(p.host.parentElement).toBe(document.body);
    expect(p.host.shadowRoot).toBe(p.root);
    expect(p.root.adoptedStyleSheets).toHaveLength(1);
    expect(p.root.querySelector('[style]')).toBeNull();
    expect(p.host.hasAttribute('style')).toBe(false);
  });

  it('is a dialog named by the question with a radiogroup of 11 radios named by their number', () => {
    const p = openPrompt();
    expect(
      p.ui.getByRole('dialog', { name: 'How likely are you to recommend Acme to a friend or colleague?' }),
    ).toBeTruthy();
    expect(p.ui.getByRole('dialog').hasAttribute('aria-modal')).toBe(false);
    const group = p.ui.getByRole('radiogroup');
    expect(p.root.getElementById(String(group.getAttribute('aria-labelledby')))?.textContent).toBe(
      'How likely are you to recommend Acme to a friend or colleague?',
    );
    const names = radios(p).map((r) => r.getAttribute('aria-label') ?? r.textContent);
    expect(names).toEqual([
      '0, Not at all likely',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10, Extremely likely',
    ]);
    expect(radios(p).map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect(radios(p).every((r) => r.getAttribute('aria-checked') === 'false')).toBe(true);
  });

  it('stores the score before the follow-up, then the comment before the thank-you, then closes itself', async () => {
    const p = openPrompt({ options: { thanks: { closeAfterMs: 40 } } });
    const score = p.hold();
    fireEvent.click(radios(p)[9]);
    expect(p.calls).toEqual([['answer', 9]]);
    await flush();
    // Not stored yet: still the scale, with 9 marked as chosen.
    expect(p.ui.queryByRole('textbox')).toBeNull();
    expect(radios(p)[9].getAttribute('aria-checked')).toBe('true');
    score.resolve();
    await flush();
    const box = p.ui.getByRole('textbox', { name: 'What do you like most?' });
    expect(box.getAttribute('placeholder')).toBe('Your answer (optional)');

    const comment = p.hold();
    fireEvent.input(box, { target: { value: 'Fast checkout' } });
    fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
    await flush();
    expect(p.calls.at(-1)).toEqual(['comment', 'Fast checkout']);
    expect(p.ui.getByRole('status').textContent).toBe('');
    comment.resolve();
    await flush();
    expect(p.ui.getByRole('status').textContent).toBe('Thank you for your feedback!');
    expect(p.host.isConnected).toBe(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(p.host.isConnected).toBe(false);
    expect(p.calls).toEqual([['answer', 9], ['comment', 'Fast checkout'], ['done']]);
  });

  it.each([
    [0, 'What is the main reason for your score?'],
    [6, 'What is the main reason for your score?'],
    [7, 'What would make it a 10?'],
    [8, 'What would make it a 10?'],
    [9, 'What do you like most?'],
    [10, 'What do you like most?'],
  ])('asks the follow-up of the category of %i', async (score, question) => {
    const p = openPrompt();
    fireEvent.click(radios(p)[score]);
    await flush();
    expect(p.ui.getByRole('textbox', { name: question })).toBeTruthy();
    expect(p.calls).toEqual([['answer', score]]);
  });

  it('stays on the scale with nothing chosen when answer() rejects, and a second try works', async () => {
    const p = openPrompt();
    p.failNext(new Error('disk full'));
    fireEvent.click(radios(p)[3]);
    await flush();
    expect(p.ui.queryByRole('textbox')).toBeNull();
    expect(radios(p).map((r) => r.getAttribute('aria-checked'))).not.toContain('true');
    fireEvent.click(radios(p)[4]);
    await flush();
    expect(p.ui.getByRole('textbox')).toBeTruthy();
    expect(p.calls).toEqual([
      ['answer', 3],
      ['answer', 4],
    ]);
  });

  it('a second click while the score is being stored waits for it', async () => {
    const p = openPrompt();
    const gate = p.hold();
    fireEvent.click(radios(p)[3]);
    fireEvent.click(radios(p)[8]);
    gate.resolve();
    await flush();
    expect(p.calls).toEqual([['answer', 3]]);
  });

  it('stays on the follow-up, text kept, when storing the comment fails', async () => {
    const p = openPrompt();
    fireEvent.click(radios(p)[9]);
    await flush();
    p.failNext(new Error('quota'));
    fireEvent.input(p.ui.getByRole('textbox'), { target: { value: 'Keep me' } });
    fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
    await flush();
    expect((p.ui.getByRole('textbox') as HTMLTextAreaElement).value).toBe('Keep me');
    expect(p.ui.getByRole('status').textContent).toBe('');
  });

  it('Close before a score dismisses, removes the prompt, then calls done()', async () => {
    const p = openPrompt();
    fireEvent.click(p.ui.getByRole('button', { name: 'Close' }));
    await flush();
    expect(p.calls).toEqual([['dismiss'], ['done']]);
    expect(p.host.isConnected).toBe(false);
  });

  it('closes even when dismiss() rejects', async () => {
    const p = openPrompt();
    p.survey.dismiss = () => Promise.reject(new Error('not stored'));
    fireEvent.click(p.ui.getByRole('button', { name: 'Close' }));
    await flush();
    expect(p.host.isConnected).toBe(false);
    expect(p.calls).toEqual([['done']]);
  });

  it('Escape after the score closes without a comment', async () => {
    const p = openPrompt();
    fireEvent.click(radios(p)[2]);
    await flush();
    fireEvent.keyDown(p.ui.getByRole('textbox'), { key: 'Escape' });
    await flush();
    expect(p.calls).toEqual([['answer', 2], ['dismiss'], ['done']]);
    expect(p.host.isConnected).toBe(false);
  });

  it('Close on the thank-you closes at once', async () => {
    const p = openPrompt();
    fireEvent.click(radios(p)[10]);
    await flush();
    fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
    await flush();
    fireEvent.click(p.ui.getByRole('button', { name: 'Close' }));
    await flush();
    expect(p.calls).toEqual([['answer', 10], ['comment', ''], ['dismiss'], ['done']]);
    expect(p.host.isConnected).toBe(false);
  });

  it('close() removes it without calling back, also with a thank-you timer pending', async () => {
    vi.useFakeTimers();
    const p = openPrompt();
    fireEvent.click(radios(p)[10]);
    await vi.runAllTimersAsync();
    fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
    await vi.advanceTimersByTimeAsync(10);
    expect(p.ui.getByRole('status').textContent).toBe('Thank you for your feedback!');
    p.view.close();
    await vi.runAllTimersAsync();
    expect(p.host.isConnected).toBe(false);
    expect(p.calls).toEqual([
      ['answer', 10],
      ['comment', ''],
    ]);
  });

  it('shows text as text: a product name with markup stays literal', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const p = openPrompt({ messages: { question: `How likely are you to recommend ${evil}?`, low: evil } });
    expect(p.root.querySelector('img')).toBeNull();
    expect(p.ui.getByText(`How likely are you to recommend ${evil}?`)).toBeTruthy();
    expect(radios(p)[0].getAttribute('aria-label')).toBe(`0, ${evil}`);
  });

  it('caps the comment and shows a counter near the limit', async () => {
    const p = openPrompt({ options: { commentMaxLength: 50 } });
    fireEvent.click(radios(p)[5]);
    await flush();
    const box = p.ui.getByRole('textbox') as HTMLTextAreaElement;
    expect(box.maxLength).toBe(50);
    const counter = p.root.getElementById(String(box.getAttribute('aria-describedby'))) as HTMLElement;
    expect(counter.classList.contains('counter')).toBe(true);
    expect(counter.textContent).toBe('');
    fireEvent.input(box, { target: { value: 'x'.repeat(29) } });
    expect(counter.textContent).toBe('');
    fireEvent.input(box, { target: { value: 'x'.repeat(35) } });
    expect(counter.textContent).toBe('Characters left: 15');
  });

  it('live() turns false once the page removed an inline host', () => {
    const slot = document.body.appendChild(document.createElement('section'));
    const p = openPrompt({ options: { position: { inline: slot } } });
    expect(p.view.live?.()).toBe(true);
    slot.remove();
    expect(p.view.live?.()).toBe(false);
  });

  it('the modal sends focus that moved into the page back to the dialog, until it closes', () => {
    const page = document.body.appendChild(document.createElement('button'));
    const p = openPrompt({ options: { position: 'center' } });
    page.focus();
    expect(p.root.activeElement).toBe(p.ui.getByRole('dialog'));
    const removed = vi.spyOn(window, 'removeEventListener');
    p.view.close();
    expect(removed).toHaveBeenCalledWith('focusin', expect.any(Function));
    removed.mockRestore();
    page.focus();
    expect(document.activeElement).toBe(page);
  });

  it('once the page removed an inline host, Escape on the page dismisses nothing, and the page listeners go', async () => {
    const slot = document.body.appendChild(document.createElement('section'));
    const p = openPrompt({ options: { position: { inline: slot } } });
    slot.remove();
    const removed = vi.spyOn(window, 'removeEventListener');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await flush();
    expect(p.calls).toEqual([]);
    expect(removed).toHaveBeenCalledWith('keydown', expect.any(Function));
    removed.mockRestore();
  });
});

describe('keyboard', () => {
  const key = (el: Element, k: string) => fireEvent.keyDown(el, { key: k });
  const focused = (p: OpenPrompt) => radios(p).indexOf(p.root.activeElement as HTMLElement);

  it('arrows, Home and End move the single Tab stop without choosing', () => {
    const p = openPrompt();
    const r = radios(p);
    r[0].focus();
    key(r[0], 'ArrowRight');
    expect(focused(p)).toBe(1);
    expect(
      radios(p)
        .map((x) => x.tabIndex)
        .filter((t) => t === 0),
    ).toHaveLength(1);
    expect(r[1].tabIndex).toBe(0);
    key(r[1], 'ArrowDown');
    expect(focused(p)).toBe(2);
    key(r[2], 'End');
    expect(focused(p)).toBe(10);
    key(r[10], 'ArrowRight');
    expect(focused(p)).toBe(0);
    key(r[0], 'ArrowLeft');
    expect(focused(p)).toBe(10);
    key(r[10], 'Home');
    expect(focused(p)).toBe(0);
    key(r[0], 'ArrowUp');
    expect(focused(p)).toBe(10);
    expect(p.calls).toEqual([]);
  });

  it('in RTL the horizontal arrows follow the reading direction', () => {
    const p = openPrompt({ locale: 'ar', dir: 'rtl' });
    expect(p.root.querySelector('.widget')?.getAttribute('dir')).toBe('rtl');
    const r = radios(p);
    r[0].focus();
    key(r[0], 'ArrowLeft');
    expect(focused(p)).toBe(1);
    key(r[1], 'ArrowLeft');
    expect(focused(p)).toBe(2);
    key(r[2], 'ArrowRight');
    expect(focused(p)).toBe(1);
    key(r[1], 'ArrowDown');
    expect(focused(p)).toBe(2);
    expect(p.calls).toEqual([]);
  });

  it('a digit chooses that score directly, on the scale only', async () => {
    const p = openPrompt();
    const r = radios(p);
    r[0].focus();
    key(r[0], '7');
    await flush();
    expect(p.calls).toEqual([['answer', 7]]);
    expect(p.ui.getByRole('textbox', { name: 'What would make it a 10?' })).toBeTruthy();
    // Digits typed into the follow-up are text, not scores.
    key(p.ui.getByRole('textbox'), '3');
    await flush();
    expect(p.calls).toEqual([['answer', 7]]);
  });

  it('leaves Ctrl, Cmd and Alt with a digit or an arrow to the browser (Ctrl+0 resets the zoom, Alt+← goes back)', async () => {
    const p = openPrompt();
    const r = radios(p);
    r[0].focus();
    for (const modifier of ['ctrlKey', 'metaKey', 'altKey']) {
      // fireEvent returns false when a handler called preventDefault().
      expect(fireEvent.keyDown(r[0], { key: 'ArrowLeft', [modifier]: true })).toBe(true);
      expect(fireEvent.keyDown(r[0], { key: 'ArrowRight', [modifier]: true })).toBe(true);
    }
    expect(focused(p)).toBe(0);
    for (const modifier of ['ctrlKey', 'metaKey', 'altKey']) fireEvent.keyDown(r[0], { key: '0', [modifier]: true });
    await flush();
    expect(p.calls).toEqual([]);
    expect(p.ui.queryByRole('textbox')).toBeNull();
  });

  it('focus moves into the follow-up only when it was already in the prompt', async () => {
    const p = openPrompt();
    const r = radios(p);
    r[4].focus();
    key(r[4], '4');
    await flush();
    expect(p.root.activeElement).toBe(p.ui.getByRole('textbox'));

    const page = document.body.appendChild(document.createElement('button'));
    page.focus();
    const q = openPrompt();
    expect(document.activeElement).toBe(page);
    fireEvent.click(radios(q)[8]);
    await flush();
    expect(document.activeElement).toBe(page);
    expect(q.root.activeElement).toBeNull();
  });
});
