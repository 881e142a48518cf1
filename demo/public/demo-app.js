// @ts-check
// The script-tag page: the snippet in <head> defined window.nps; /nps.js replaces it when loaded and
// replays the queued calls in order. This file only talks to window.nps.
import { consentOption, wireConsentBanner } from './consent-banner.js';
import { OPTIONS, wireDemo } from './demo-config.js';

const client = () => /** @type {any} */ (window).nps;
const consent = consentOption();
// 'granted' is the default, so a visitor who has not declined gets the plain options.
client().init(consent === 'granted' ? OPTIONS : { ...OPTIONS, consent });
wireConsentBanner(client);
wireDemo(client);
