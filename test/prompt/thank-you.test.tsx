import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Thanks } from '../../src/core/stage-options';
import { flush, openPrompt, type OpenPrompt } from './open-prompt';

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

/** Answers `score`, sends an empty comment, and lets the stores settle. */
async function answer(p: OpenPrompt, score: number) {
  fireEvent.click(p.ui.getAllByRole('radio')[score]);
  await flush();
  fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
  await flush();
}

const review = { href: 'https://example.com/review/acme', text: 'Review us' };

describe('the thank-you, per category', () => {
  it("shows the category's own message, and the locale's text for the other categories", async () => {
    const thanks: Thanks = {
      promoter: { message: 'Glad you like it!' },
      detractor: { message: 'Sorry. We will call you.' },
    };
    const promoter = openPrompt({ options: { thanks } });
    await answer(promoter, 10);
    expect(promoter.ui.getByRole('status').textContent).toBe('Glad you like it!');
    const detractor = openPrompt({ options: { thanks } });
    await answer(detractor, 2);
    expect(detractor.ui.getByRole('status').textContent).toBe('Sorry. We will call you.');
    const passive = openPrompt({ options: { thanks }, messages: { thanks: 'Merci !' } });
    await answer(passive, 7);
    expect(passive.ui.getByRole('status').textContent).toBe('Merci !');
  });

  it('renders the link in a new tab that gets no handle on this page, and only for its category', async () => {
    const p = openPrompt({ options: { thanks: { promoter: { link: review } } } });
    await answer(p, 9);
    const link = p.ui.getByRole('link', { name: 'Review us' }) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe(review.href);
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    const other = openPrompt({ options: { thanks: { promoter: { link: review } } } });
    await answer(other, 8);
    expect(other.ui.queryByRole('link')).toBeNull();
  });

  it('accepts a /path on this origin', async () => {
    const p = openPrompt({
      options: { thanks: { detractor: { link: { href: '/help/contact', text: 'Talk to us' } } } },
    });
    await answer(p, 1);
    expect(p.ui.getByRole('link', { name: 'Talk to us' }).getAttribute('href')).toBe('/help/contact');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'http://example.com',
    '//evil.example',
    '/\\evil.example',
    'data:text/html,x',
    ' https://x.example',
    'https://',
    // Browsers drop tabs and newlines from URLs: these would become //evil.example.
    '/\t/evil.example/x',
    '/\n/evil.example',
    '/\r\\evil.example',
    '/help\u0000',
  ])('refuses the link %s even when option validation was skipped', async (href) => {
    const p = openPrompt({ options: { thanks: { promoter: { message: 'Thanks!', link: { href, text: 'Click' } } } } });
    await answer(p, 10);
    expect(p.ui.getByRole('status').textContent).toBe('Thanks!');
    expect(p.root.querySelector('a')).toBeNull();
  });

  it('with a link it stays 6 s by default (3 s without), and thanks.closeAfterMs still wins', async () => {
    vi.useFakeTimers();
    const stays = async (thanks: Thanks) => {
      const p = openPrompt({ options: { thanks } });
      fireEvent.click(p.ui.getAllByRole('radio')[10]);
      await vi.advanceTimersByTimeAsync(0);
      fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
      await vi.advanceTimersByTimeAsync(0);
      let ms = 0;
      while (p.host.isConnected && ms < 20_000) {
        await vi.advanceTimersByTimeAsync(500);
        ms += 500;
      }
      expect(p.calls.at(-1)).toEqual(['done']);
      return ms;
    };
    expect(await stays({ promoter: { link: review } })).toBe(6000);
    expect(await stays({})).toBe(3000);
    expect(await stays({ closeAfterMs: 1000, promoter: { link: review } })).toBe(1000);
  });

  it('with a link, waits while focus or the pointer is in the prompt, then gets its full time again (WCAG 2.2.1)', async () => {
    vi.useFakeTimers();
    const p = openPrompt({ options: { thanks: { promoter: { link: review } } } });
    fireEvent.click(p.ui.getAllByRole('radio')[10]);
    await vi.advanceTimersByTimeAsync(0);
    fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
    await vi.advanceTimersByTimeAsync(5000);
    const dialog = p.ui.getByRole('dialog');
    const link = p.ui.getByRole('link');
    fireEvent.pointerEnter(dialog);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(p.host.isConnected).toBe(true);
    // The pointer left, but focus is on the link now.
    link.focus();
    fireEvent.pointerLeave(dialog);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(p.host.isConnected).toBe(true);
    link.blur();
    await vi.advanceTimersByTimeAsync(5999);
    expect(p.host.isConnected).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(p.host.isConnected).toBe(false);
    expect(p.calls).toEqual([['answer', 10], ['comment', ''], ['done']]);
  });

  it('without a link, keeps its time when focus or the pointer is in the prompt', async () => {
    vi.useFakeTimers();
    const p = openPrompt();
    fireEvent.click(p.ui.getAllByRole('radio')[10]);
    await vi.advanceTimersByTimeAsync(0);
    fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
    await vi.advanceTimersByTimeAsync(2000);
    fireEvent.pointerEnter(p.ui.getByRole('dialog'));
    p.ui.getByRole('dialog').focus();
    await vi.advanceTimersByTimeAsync(1000);
    expect(p.host.isConnected).toBe(false);
  });

  it('does not move focus onto the link', async () => {
    const p = openPrompt({ options: { thanks: { promoter: { link: review } } } });
    fireEvent.click(p.ui.getAllByRole('radio')[9]);
    await flush();
    const send = p.ui.getByRole('button', { name: 'Send' });
    send.focus();
    fireEvent.click(send);
    await flush();
    const link = p.ui.getByRole('link');
    expect(p.root.activeElement).not.toBe(link);
    // Focus stays in the prompt (on the dialog), so the keyboard user is not thrown back to the page top.
    expect(p.root.activeElement).toBe(p.ui.getByRole('dialog'));
  });
});
