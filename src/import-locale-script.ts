import type { Messages } from './core/options';
import { besideScript } from './script-url';

/**
 * Script-tag build (selected in rollup.config.mjs): loads `locales/<code>.js` from beside `nps.js`
 * as an ES module through `import()`, which classic scripts may call.
 */
export const importLocale = (code: string): Promise<{ default: Partial<Messages> }> => import(besideScript(`locales/${code}.js`));
