import { describe, expect, it } from 'vitest';
import { validateTriggers } from '../../src/core/validate-trigger';
import { validateOptions } from '../../src/core/validate-options';
import { en } from '../../src/prompt/en';

const AT = 'options.stages.checkout.on';
const check = (on: unknown) => () => validateTriggers(on, AT);

describe('validateTriggers', () => {
  it.each<unknown>([
    undefined,
    { path: '/checkout/complete' },
    { path: ['/projects', '/projects/**'], afterSeconds: 60 },
    { path: '/**/settings' },
    { path: /^\/orders\/\d+$/ },
    { path: ['/a', /b/] },
    { click: '#export-button' },
    { click: 'main [data-action="export"] > button:not([disabled])' },
    { event: 'upgraded' },
    { path: '/billing', afterSeconds: 0.5, click: '.pay' },
    { afterSeconds: 1e9 },
    { afterSeconds: Infinity },
    [{ path: '/billing' }, { event: 'invoice-paid' }],
    { path: '/x', afterSeconds: undefined },
  ])('accepts %o', (on) => expect(check(on)).not.toThrow());

  it.each<[unknown, RegExp]>([
    [{ afterSeconds: -1 }, /^nps: options\.stages\.checkout\.on\.afterSeconds must be a positive number, got -1$/],
    [{ afterSeconds: 0 }, /on\.afterSeconds must be a positive number.*got 0$/],
    [{ afterSeconds: '60' }, /on\.afterSeconds must be a positive number.*got "60"$/],
    [{ afterSeconds: NaN }, /on\.afterSeconds must be a positive number, got null$/],
    [{ click: '##export' }, /^nps: options\.stages\.checkout\.on\.click must be a valid CSS selector, got "##export"$/],
    [{ click: 'button[' }, /on\.click must be a valid CSS selector, got "button\["$/],
    [{ click: '' }, /on\.click must be a valid CSS selector, got ""$/],
    [{ click: 42 }, /on\.click must be a valid CSS selector, got 42$/],
    [{ event: '' }, /on\.event must be a non-empty string, got ""$/],
    [
      { path: 'checkout' },
      /^nps: options\.stages\.checkout\.on\.path must be a path starting with \/, a RegExp, or a list of them, got "checkout"$/,
    ],
    [{ path: '**/settings' }, /on\.path must be a path starting with \/.*got "\*\*\/settings"$/],
    [{ path: [] }, /on\.path must be a path starting.*got \[\]$/],
    [{ path: ['/a', 3] }, /on\.path must be a path starting.*got \["\/a",3\]$/],
    [{ delay: 5 }, /^nps: options\.stages\.checkout\.on\.delay is not an option$/],
    [{ path: '/a', Click: '#x' }, /on\.Click is not an option/],
    [
      {},
      /^nps: options\.stages\.checkout\.on must be a trigger with at least one of path, afterSeconds, click, event, got \{\}$/,
    ],
    [{ path: undefined }, /on must be a trigger with at least one of/],
    [[], /^nps: options\.stages\.checkout\.on must be a trigger or a non-empty list of them, got \[\]$/],
    ['/checkout', /^nps: options\.stages\.checkout\.on must be an object, got "\/checkout"$/],
    [null, /^nps: options\.stages\.checkout\.on must be an object, got null$/],
    [
      [{ path: '/a' }, { afterSeconds: -5 }],
      /^nps: options\.stages\.checkout\.on\[1\]\.afterSeconds must be a positive number.*got -5$/,
    ],
    [[{ path: '/a' }, 'x'], /^nps: options\.stages\.checkout\.on\[1\] must be an object, got "x"$/],
    [[[{ path: '/a' }]], /^nps: options\.stages\.checkout\.on\[0\] must be an object, got \[\{"path":"\/a"\}\]$/],
    [/checkout/, /^nps: options\.stages\.checkout\.on must be a trigger with at least one of/],
    [
      { click: '#a', event: 'b' },
      /^nps: options\.stages\.checkout\.on must be a trigger with click or event, not both, got \{"click":"#a","event":"b"\}$/,
    ],
  ])('refuses %o', (on, message) => expect(check(on)).toThrow(message));

  it('throws TypeErrors', () => expect(check({ afterSeconds: -1 })).toThrow(TypeError));
});

describe('validateOptions checks each stage `on`', () => {
  const validate = (stages: unknown) => () => validateOptions({ endpoint: '/api/nps', stages }, Object.keys(en));

  it('accepts stages with triggers next to their other options', () =>
    expect(
      validate({ checkout: { sampleRate: 0.3, on: { path: '/checkout/complete' } }, onboarded: {} }),
    ).not.toThrow());

  it('names the stage and the condition', () =>
    expect(validate({ engaged: { on: { path: '/projects/**', afterSeconds: -1 } } })).toThrow(
      /^nps: options\.stages\.engaged\.on\.afterSeconds must be a positive number.*got -1$/,
    ));

  it('`on` is a stage option only', () =>
    expect(() => validateOptions({ endpoint: '/api/nps', on: { path: '/' } }, Object.keys(en))).toThrow(
      /options\.on is not an option/,
    ));
});
