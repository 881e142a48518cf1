import type { Messages } from '../../core/messages';
import { importBesideScript } from './script-url';

/** Script-tag build (selected in rollup.config.mjs): `locales/<code>.js` from beside `nps.js`. */
export const importLocale = (code: string): Promise<{ default: Partial<Messages> }> =>
  importBesideScript(`locales/${code}.js`);
