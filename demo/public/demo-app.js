// @ts-check
// The script-tag page: the snippet in <head> defined window.nps; /nps.js replaces it when loaded and
// replays the queued calls in order. This file only talks to window.nps.
import { OPTIONS, wireDemo } from './demo-config.js';

const client = () => /** @type {any} */ (window).nps;
client().init(OPTIONS);
wireDemo(client);
