// @ts-check
// The ESM page: what an app with a bundler writes. The import map in esm.html resolves 'nps-widget'
// to dist/index.js and its dependencies (preact, idb-keyval) from node_modules.
import { createNps } from 'nps-widget';
import { OPTIONS, wireDemo } from './demo-config.js';

const nps = createNps(OPTIONS);
wireDemo(() => nps);
