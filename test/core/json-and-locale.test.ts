import { describe, expect, it } from 'vitest';
import { isJson } from '../../src/core/json';
import { dirOf, pickLocale } from '../../src/core/locale';

describe('isJson', () => {
  it('accepts plain JSON', () => {
    for (const v of [null, 'a', 1.5, true, [], {}, { a: [1, { b: null }] }, Object.create(null)])
      expect(isJson(v)).toBe(true);
  });
  it('rejects what JSON.stringify would change or drop', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const v of [
      undefined,
      NaN,
      Infinity,
      () => 1,
      new Date(),
      new Map(),
      Symbol('s'),
      1n,
      cyclic,
      { a: undefined },
    ]) {
      expect(isJson(v)).toBe(false);
    }
  });
});

describe('pickLocale', () => {
  const have = ['en', 'fr', 'de', 'pt', 'zh-CN', 'zh-TW'];
  it.each([
    ['fr-CA', 'fr'],
    ['FR', 'fr'],
    ['de_AT', 'de'],
    ['pt-BR', 'pt'],
    ['zh', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['zh-cn', 'zh-CN'],
    ['xx', 'en'],
    ['', 'en'],
  ])('%s → %s', (wanted, got) => expect(pickLocale(wanted, have)).toBe(got));

  it('knows the right-to-left languages', () => {
    expect(['ar', 'he-IL', 'fa', 'ur-PK', 'en', 'fr', 'hi'].map(dirOf)).toEqual([
      'rtl',
      'rtl',
      'rtl',
      'rtl',
      'ltr',
      'ltr',
      'ltr',
    ]);
  });
});
