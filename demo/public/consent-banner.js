// @ts-check
// A stand-in for a consent manager: it asks once, remembers the answer in its own localStorage key,
// and tells the widget through nps.consent(). The widget itself never remembers consent.

const KEY = 'acme-consent';

/** @returns {'yes' | 'no' | null} what the visitor chose, if anything */
const choice = () => /** @type {'yes' | 'no' | null} */ (localStorage.getItem(KEY));

/**
 * The widget's `consent` option for this page: opt-in, as "Consent and GDPR" in src/outbox/README.md
 * recommends. Until the visitor allows, the widget stores and sends nothing; "Allow" calls
 * nps.consent(true), which starts it on this page at once.
 * @returns {'granted' | 'pending'}
 */
export const consentOption = () => (choice() === 'yes' ? 'granted' : 'pending');

/**
 * Shows the banner until the visitor chooses; "Privacy settings" opens it again.
 * @param {() => { consent(granted: boolean): unknown }} client the client at call time
 */
export function wireConsentBanner(client) {
  const banner = /** @type {HTMLElement} */ (document.getElementById('consent'));
  const status = /** @type {HTMLElement} */ (document.getElementById('consent-status'));
  const update = () => {
    const now = choice();
    banner.hidden = now !== null;
    status.textContent = now === 'yes' ? 'allowed' : now === 'no' ? 'declined (nothing stored)' : 'not asked yet';
  };
  /** @param {boolean} granted */
  const decide = (granted) => {
    localStorage.setItem(KEY, granted ? 'yes' : 'no');
    update();
    client().consent(granted);
  };
  document.getElementById('consent-allow')?.addEventListener('click', () => decide(true));
  document.getElementById('consent-decline')?.addEventListener('click', () => decide(false));
  document.getElementById('consent-settings')?.addEventListener('click', () => (banner.hidden = false));
  update();
}
