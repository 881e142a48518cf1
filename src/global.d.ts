// `window.nps` for pages that load dist/nps.js with a script tag and write TypeScript:
//   /// <reference types="nps-widget/global" />
import type { Nps, NpsOptions } from './index.js';

/**
 * The script-tag API: `init` plus every client method (`track` and `consent` included). Calls made
 * before `init` (or queued by the snippet before the script loaded) are replayed in order once it runs.
 * @example window.nps.init({ endpoint: '/api/nps', product: 'Acme' }); window.nps.show();
 * @example window.nps.init({ endpoint: '/api/nps', consent: 'pending' }); allowButton.onclick = () => window.nps.consent(true);
 * @example window.nps.track('upgraded'); // shows stages with `on: { event: 'upgraded' }`
 */
export interface NpsGlobal extends Nps {
  /** Creates the client (replacing an earlier one). A bad configuration logs one console error. */
  init(options: NpsOptions): void;
  /** The widget's version, e.g. "0.1.0". */
  readonly version: string;
}

declare global {
  interface Window {
    nps: NpsGlobal;
  }
}
