import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Messages } from '../../src/core/options';
import { en } from '../../src/prompt/en';
import { createLoadMessages, LOCALES } from '../../src/prompt/load-messages';

const load = (code: string): Promise<{ default: Partial<Messages> }> => import(`../../src/prompt/locales/${code}.ts`);
const loadMessages = createLoadMessages(load);
const KEYS = Object.keys(en) as (keyof Messages)[];

describe('locales', () => {
  it('ships the 23 non-English locales of DESIGN.md, one module each', () => {
    const files = readdirSync(join(__dirname, '../../src/prompt/locales')).map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual([...LOCALES].sort());
    expect(LOCALES).toHaveLength(23);
  });

  it.each(LOCALES)('%s translates every string', async (code) => {
    const m = (await load(code)).default;
    expect(Object.keys(m).sort()).toEqual([...KEYS].sort());
    for (const k of KEYS) expect(m[k]!.trim(), `${code}.${k}`).not.toBe('');
    expect(m.question!.match(/\{product\}/g)).toHaveLength(1);
    expect(m.left!.match(/\{n\}/g)).toHaveLength(1);
    // Some words are the same as English (Danish "Send"), but never the sentences.
    for (const k of ['question', 'detractor', 'passive', 'promoter', 'thanks', 'left'] as const) expect(m[k]).not.toBe(en[k]);
    expect(m.question!.replace('{product}', m.us!)).not.toContain('{');
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
    expect(r.error).toBeUndefined();
    expect(r.messages).toEqual(locale == 'en' ? en : { ...en, ...(await load(locale)).default });
  });

  it('a locale that fails to load falls back to English and says why', async () => {
    const r = await createLoadMessages(() => Promise.reject(new TypeError('Failed to fetch')))('de-DE');
    expect(r.locale).toBe('en');
    expect(r.messages).toBe(en);
    expect(r.error?.code).toBe('locale-failed');
    expect(r.error?.message).toContain('de');
  });

  it('keys missing from a module fall back to English one by one', async () => {
    const r = await createLoadMessages(async () => ({ default: { send: 'Senden' } }))('de');
    expect(r.messages).toEqual({ ...en, send: 'Senden' });
  });
});
