import type { NpsOptions } from '../core/options';
import type { ErasableKvStore } from '../outbox/kv-store';
import { consentedStore } from './consented-store';

/** The device's store under consent, and the consent itself (DESIGN "Consent"). */
export interface ClientConsent extends ErasableKvStore {
  /**
   * Whether consent to store on this device and send is given right now: set by `nps.consent()`.
   * While it is not, the store reads nothing and refuses every write (see consentedStore).
   * (Shortened in nps.js: MANGLED in rollup.config.mjs.)
   */
  granted: boolean;
}

/**
 * The client's consent, kept with the store it guards: until it is given nothing touches storage,
 * so nothing is sent either.
 * @param initial `options.consent`
 * @example const consent = clientConsent(openStore(report), options.consent); consent.granted = true;
 */
export function clientConsent(deviceStore: ErasableKvStore, initial: NpsOptions['consent']): ClientConsent {
  // consentedStore makes a new object: the flag is added to it here (a copy would cost nps.js 9 B).
  const consent = consentedStore(deviceStore, () => consent.granted) as ClientConsent;
  consent.granted = initial !== 'pending';
  return consent;
}
