import { describe, expect, it } from 'vitest';
import { resolveStage } from '../../src/core/stage-options';
import {
  assertId,
  assertJson,
  assertStage,
  MESSAGE_KEYS,
  validateOptions as validate,
} from '../../src/core/validate-options';
import { en } from '../../src/prompt/en';

const validateOptions = (o: unknown) => validate(o, Object.keys(en));

const ok = { endpoint: 'https://api.example.com/nps' };
const link = (href: unknown, text: unknown = 'Review us') => ({
  ...ok,
  thanks: { promoter: { link: { href, text } } },
});

describe('validateOptions', () => {
  it.each([
    { endpoint: '/api/nps' },
    { endpoint: 'http://localhost:5173/api/nps' },
    { endpoint: 'http://127.0.0.1:8080/x' },
    { endpoint: 'http://[::1]/x' },
    {
      endpoint: '/api/nps?key=a%20b',
      thanks: { promoter: { link: { href: '/help/contact#form', text: 'Talk to us' } } },
    },
    {
      ...ok,
      product: 'Acme',
      locale: 'fr-CA',
      headers: { 'X-NPS-Write-Key': 'k' },
      nonce: 'abc',
      debug: true,
      sampleRate: 0,
      delayMs: 1500,
      resurveyDays: 0,
      dismissCooldownDays: 7,
      minDaysSinceSignup: 14,
      commentMaxLength: 500,
      position: 'center',
      theme: { accent: '#f00', mode: 'dark', zIndex: 10, radius: '4px', font: 'Inter' },
      followUp: { promoter: 'Why?' },
      thanks: { message: 'Merci', closeAfterMs: 0 },
      messages: { send: 'Go' },
      stages: { checkout: { sampleRate: 0.3, position: { inline: '#slot' } }, onboarded: {} },
    },
  ])('accepts valid options %#', (o) => expect(() => validateOptions(o)).not.toThrow());

  it.each([
    [undefined, /options must be an object, got undefined/],
    [{}, /options\.endpoint must be an https URL \(http on localhost\) or a \/path, got undefined/],
    [{ endpoint: 'ftp://x' }, /options\.endpoint must be an https URL.*got "ftp:\/\/x"/],
    [{ endpoint: 'http://example.com/nps' }, /options\.endpoint .*got "http:\/\/example\.com\/nps"/],
    [{ endpoint: '//evil.example/x' }, /options\.endpoint/],
    [{ endpoint: 'not a url' }, /options\.endpoint/],
    // Browsers drop tabs and newlines from URLs: each of these would post to evil.example.
    [{ endpoint: '/\t/evil.example/x' }, /options\.endpoint must be an https URL .*got "\/\\t\/evil\.example\/x"/],
    [{ endpoint: '/\n/evil.example/x' }, /options\.endpoint/],
    [{ endpoint: '/\r\\evil.example/x' }, /options\.endpoint/],
    [{ endpoint: '/\\evil.example/x' }, /options\.endpoint/],
    [{ endpoint: '/api/nps\u0000' }, /options\.endpoint/],
    [{ endpoint: '/api /nps' }, /options\.endpoint/],
    [
      { ...ok, thanks: { promoter: { link: { href: '/\t/evil.example/x', text: 'Review us' } } } },
      /options\.thanks\.promoter\.link must be an object \{ href: an https URL or a \/path, text: a non-empty string \}, got \{"href":"\/\\t\/evil\.example\/x"/,
    ],
    [
      { ...ok, thanks: { detractor: { link: { href: '/\n/evil.example', text: 'Help' } } } },
      /options\.thanks\.detractor\.link must be/,
    ],
    [
      { ...ok, thanks: { passive: { link: { href: '//evil.example', text: 'Help' } } } },
      /options\.thanks\.passive\.link must be/,
    ],
    [
      { ...ok, stages: { checkout: { thanks: { promoter: { link: { href: '/\x7f/evil.example', text: 'x' } } } } } },
      /options\.stages\.checkout\.thanks\.promoter\.link must be/,
    ],
    [{ ...ok, sampleRate: 1.5 }, /options\.sampleRate must be a number from 0 to 1, got 1\.5/],
    [{ ...ok, sampleRate: '0.5' }, /options\.sampleRate must be a number from 0 to 1, got "0\.5"/],
    [{ ...ok, resurveyDays: -1 }, /options\.resurveyDays must be a number ≥ 0, got -1/],
    [{ ...ok, dismissCooldownDays: NaN }, /options\.dismissCooldownDays must be a number ≥ 0, got null/],
    [{ ...ok, commentMaxLength: 10.5 }, /options\.commentMaxLength must be an integer from 1 to 100000, got 10\.5/],
    [
      { ...ok, position: 'top' },
      /options\.position must be one of "bottom-right", "bottom-left", "bottom", "center" or \{ inline: element or selector \}, got "top"/,
    ],
    [{ ...ok, position: { inline: 3 } }, /options\.position must be/],
    [{ ...ok, theme: { mode: 'sepia' } }, /options\.theme\.mode must be one of "light", "dark", "auto", got "sepia"/],
    [{ ...ok, theme: { zIndex: '9' } }, /options\.theme\.zIndex must be an integer/],
    [{ ...ok, theme: 'dark' }, /options\.theme must be an object, got "dark"/],
    [{ ...ok, headers: { 'X-Key': 1 } }, /options\.headers must be an object of strings, got \{"X-Key":1\}/],
    [{ ...ok, debug: 'yes' }, /options\.debug must be a boolean, got "yes"/],
    [{ ...ok, product: () => 'x' }, /options\.product must be a string, got a function/],
    [{ ...ok, messages: { sned: 'x' } }, /options\.messages\.sned is not an option/],
    [{ ...ok, sampelRate: 0.5 }, /options\.sampelRate is not an option/],
    [{ ...ok, stages: [] }, /options\.stages must be an object of stage options/],
    [
      { ...ok, stages: { checkout: { sampleRate: 2 } } },
      /options\.stages\.checkout\.sampleRate must be a number from 0 to 1, got 2/,
    ],
    [{ ...ok, stages: { checkout: { endpoint: '/x' } } }, /options\.stages\.checkout\.endpoint is not an option/],
    [
      { ...ok, thanks: { closeAfterMs: -5 } },
      /options\.thanks\.closeAfterMs must be a number from 0 to 2147483647, got -5/,
    ],
  ])('rejects %j', (o, message) => {
    expect(() => validateOptions(o)).toThrow(TypeError);
    expect(() => validateOptions(o)).toThrow(message);
  });

  it('ignores options explicitly set to undefined', () => {
    expect(() => validateOptions({ ...ok, product: undefined, theme: { accent: undefined } })).not.toThrow();
  });
});

describe('validateOptions: render, consent, and a thank-you per category', () => {
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
  ])('accepts %j', (o) => expect(() => validate(o)).not.toThrow());

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
    expect(() => validate(o)).toThrow(TypeError);
    expect(() => validate(o)).toThrow(message);
  });
});

describe('resolveStage', () => {
  it('layers defaults, top-level and stage options, merging nested objects by key', () => {
    const r = resolveStage(
      { sampleRate: 0.5, theme: { accent: 'red', mode: 'dark' }, followUp: { promoter: 'A' }, delayMs: undefined },
      { sampleRate: 0.1, theme: { accent: 'blue' }, followUp: { detractor: 'B' } },
    );
    expect(r).toMatchObject({
      sampleRate: 0.1,
      delayMs: 0,
      resurveyDays: 90,
      dismissCooldownDays: 30,
      minDaysSinceSignup: 0,
      commentMaxLength: 2000,
      position: 'bottom-right',
      theme: { accent: 'blue', mode: 'dark' },
      followUp: { promoter: 'A', detractor: 'B' },
    });
    expect(r.messages).toBeUndefined();
    // `thanks` is both an option (an object) and a message key (a string): each keeps its shape.
    const both = resolveStage(
      { thanks: { closeAfterMs: 0 }, messages: { thanks: 'Merci', send: undefined } },
      { messages: { send: 'Go' } },
    );
    expect(both.thanks).toEqual({ closeAfterMs: 0 });
    expect(both.messages).toEqual({ thanks: 'Merci', send: 'Go' });
  });
});

describe('assertJson / assertId', () => {
  it('names the argument and the value', () => {
    expect(() => assertJson({ at: new Date(0) }, 'identify(userId, traits)')).toThrow(
      /identify\(userId, traits\) must be JSON/,
    );
    expect(() => assertJson({ a: [1, 'b'] }, 'x')).not.toThrow();
    expect(() => assertId('', 'identify(userId)')).toThrow(
      /identify\(userId\) must be a non-empty string \(≤ 256 characters, no NUL or unpaired surrogate\), got ""/,
    );
    expect(() => assertId(42, 'identify(userId)')).toThrow(/got 42/);
    expect(() => assertId('x'.repeat(257), 'identify(userId)')).toThrow(TypeError);
    expect(() => assertId('x'.repeat(256), 'identify(userId)')).not.toThrow();
  });

  it('refuses text the collector cannot store (NUL, an unpaired surrogate), in ids, keys and values', () => {
    expect(() => assertId('user\0one', 'identify(userId)')).toThrow(/no NUL or unpaired surrogate/);
    expect(() => assertId('user\uD83D', 'identify(userId)')).toThrow(TypeError);
    expect(() => assertId('user 😀', 'identify(userId)')).not.toThrow();
    expect(() => assertJson({ plan: 'pro\uDE00' }, 'identify(userId, traits)')).toThrow(
      /traits\) must be JSON \(with no NUL/,
    );
    expect(() => assertJson({ '\0': 1 }, 'show({ metadata })')).toThrow(TypeError);
    expect(() => assertJson([['ok 😀']], 'show({ metadata })')).not.toThrow();
  });

  it('stage names fit the wire format: 1 to 200 characters, in show() and in options.stages', () => {
    expect(() => assertStage('', 'show({ stage })')).toThrow(
      /show\(\{ stage \}\) must be a non-empty string \(≤ 200 characters/,
    );
    expect(() => assertStage('s'.repeat(201), 'show({ stage })')).toThrow(TypeError);
    expect(() => assertStage('s'.repeat(200), 'show({ stage })')).not.toThrow();
    expect(() => validate({ endpoint: '/api/nps', stages: { ['s'.repeat(201)]: {} } })).toThrow(
      /options\.stages\["s{201}"\] must be a non-empty string/,
    );
    expect(() => validate({ endpoint: '/api/nps', stages: { '': {} } })).toThrow(/options\.stages\[""\]/);
  });
});
