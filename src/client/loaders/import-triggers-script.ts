import type { TriggersModule } from '../client-triggers';
import { importBesideScript } from './script-url';

/** Script-tag build (selected in rollup.config.mjs): `triggers.js` from beside `nps.js`. */
export const importTriggers = (): Promise<TriggersModule> => importBesideScript('triggers.js');
