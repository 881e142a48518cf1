import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS, validateOptions } from '../../src/core/validate-options';
import { en } from '../../src/prompt/en';

const ok = { endpoint: 'https://api.example.com/nps' };
const link = (href: unknown, text: unknown = 'Review us') => ({
  ...ok,
  thanks: { promoter: { link: { href, text } } },
});

describe('validateOptions: render, consent, thanks per category', () => {
  it('knows every message key without the English strings (they ship in the prompt)', () => {
    expect([...MESSAGE_KEYS].sort()).toEqual(Object.keys(en).sort());
  });

  it.each([
    { ...ok, render: () => ({ close() {} }) },
    { ...ok, consent: 'pending' },
    { ...ok, consent: 'granted' },
    {
      ...ok,
      thanks: { promoter: { message: 'Thanks!', link: { href: 'https://g.page/r/acme/review', text: 'Review us' } } },
    },
    { ...ok, thanks: { detractor: { link: { href: '/help', text: 'Get help' } }, passive: { message: 'Noted' } } },
    { ...ok, stages: { s: { thanks: { promoter: { link: { href: '/review', text: 'Review' } } } } } },
    // Triggers are validated elsewhere; the stage accepts them.
    { ...ok, stages: { s: { on: { path: '/checkout' } } } },
  ])('accepts %j', (o) => expect(() => validateOptions(o)).not.toThrow());

  it.each([
    [{ ...ok, render: 'prompt' }, /options\.render must be a function, got "prompt"/],
    [{ ...ok, consent: 'denied' }, /options\.consent must be one of "granted", "pending", got "denied"/],
    [{ ...ok, consent: true }, /options\.consent must be one of "granted", "pending", got true/],
    [
      link('http://example.com/review'),
      /options\.thanks\.promoter\.link must be an object \{ href: an https URL or a \/path, text: a non-empty string \}, got \{"href":"http:\/\/example\.com\/review","text":"Review us"\}/,
    ],
    [link('javascript:alert(1)'), /options\.thanks\.promoter\.link must be .*javascript:alert\(1\)/],
    [link('//evil.example/x'), /options\.thanks\.promoter\.link must be/],
    [link('review'), /options\.thanks\.promoter\.link must be/],
    [link('https://example.com', ''), /options\.thanks\.promoter\.link must be/],
    [link('https://example.com', 5), /options\.thanks\.promoter\.link must be/],
    [
      { ...ok, thanks: { promoter: { link: 'https://example.com' } } },
      /options\.thanks\.promoter\.link must be .*got "https:\/\/example\.com"/,
    ],
    [{ ...ok, thanks: { detractor: { message: 7 } } }, /options\.thanks\.detractor\.message must be a string, got 7/],
    [{ ...ok, thanks: { promoter: { mesage: 'x' } } }, /options\.thanks\.promoter\.mesage is not an option/],
    [
      { ...ok, stages: { s: { thanks: { passive: { link: { href: 'ftp://x', text: 'x' } } } } } },
      /options\.stages\.s\.thanks\.passive\.link must be/,
    ],
    // `on` is per stage only.
    [{ ...ok, on: { path: '/x' } }, /options\.on is not an option/],
  ])('rejects %j', (o, message) => {
    expect(() => validateOptions(o)).toThrow(TypeError);
    expect(() => validateOptions(o)).toThrow(message);
  });
});
