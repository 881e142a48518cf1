import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Messages } from '../../src/core/messages';
import { en } from '../../src/prompt/en';
import { loadMessages as load_, type ImportLocale } from '../../src/survey/load-messages';
import { LOCALES } from '../../src/core/locale-codes';

const load: ImportLocale = (code) => import(`../../src/prompt/locales/${code}.ts`);
const loadMessages = (wanted: string, importLocale = load) => load_(wanted, en, importLocale);
const TRANSLATED = LOCALES.filter((code) => code !== 'en');
const KEYS = Object.keys(en) as (keyof Messages)[];

describe('locales', () => {
  it('ships English and the 23 other locales of DESIGN.md, one module each', () => {
    const files = readdirSync(join(__dirname, '../../src/prompt/locales')).map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual([...LOCALES].sort());
    expect(TRANSLATED).toHaveLength(23);
  });

  it('the English module is the English built into the prompt', async () => {
    expect((await load('en')).default).toBe(en);
  });

  it.each(TRANSLATED)('%s translates every string', async (code) => {
    // Every key, as the first expectation checks: the module's strings are whole Messages.
    const m = (await load(code)).default as Messages;
    expect(Object.keys(m).sort()).toEqual([...KEYS].sort());
    for (const k of KEYS) expect(m[k].trim(), `${code}.${k}`).not.toBe('');
    expect(m.question.match(/\{product\}/g)).toHaveLength(1);
    expect(m.left.match(/\{n\}/g)).toHaveLength(1);
    // Some words are the same as English (Danish "Send"), but never the sentences.
    for (const k of ['question', 'detractor', 'passive', 'promoter', 'thanks', 'left'] as const)
      expect(m[k]).not.toBe(en[k]);
    expect(m.question.replace('{product}', m.us)).not.toContain('{');
  });

  it.each([
    ['fr-CA', 'fr'],
    ['fr', 'fr'],
    ['de-AT', 'de'],
    ['pt-BR', 'pt'],
    ['zh-cn', 'zh-CN'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['no', 'nb'],
    ['nn-NO', 'nb'],
    ['en-GB', 'en'],
    ['xx', 'en'],
  ])('%s → %s', async (wanted, locale) => {
    const r = await loadMessages(wanted);
    expect(r.locale).toBe(locale);
    expect(r.failed).toBeUndefined();
    expect(r.messages).toEqual(locale === 'en' ? en : { ...en, ...(await load(locale)).default });
  });

  it('a locale that fails to load falls back to English and says why', async () => {
    const r = await loadMessages('de-DE', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(r.locale).toBe('en');
    expect(r.messages).toBe(en);
    expect(r.failed?.locale).toBe('de');
    expect(r.failed?.cause).toBeInstanceOf(TypeError);
  });

  it('keys missing from a module fall back to English one by one', async () => {
    const r = await loadMessages('de', async () => ({ default: { send: 'Senden' } }));
    expect(r.messages).toEqual({ ...en, send: 'Senden' });
  });
});
