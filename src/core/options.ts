import type { Json } from './json';
import type { Renderer } from './renderer';
import type { StageOptions } from './stage-options';
import type { Triggers } from './trigger';

/** One journey stage: the options it overrides, and the no-code trigger that shows its prompt. */
export interface StageConfig extends StageOptions {
  /** Show this stage's prompt when the trigger fires (under the usual rules). @default none: only `show({ stage })` */
  on?: Triggers;
}

/**
 * Options of {@link createNps}. Stage names are the keys of `stages`, so `show({ stage })` is typed.
 * @example createNps({ endpoint: '/api/nps', product: 'Acme', stages: { checkout: { sampleRate: 0.3 } } })
 */
export interface NpsOptions<Stage extends string = string> extends StageOptions {
  /** Where batches are POSTed: an https URL, http only on localhost, or a path on this origin. */
  endpoint: string;
  /** Product name shown in the question. @default 'us' (localised) */
  product?: string;
  /** Journey stages; when given, `show({ stage })` with another name is skipped as `unknown-stage`. */
  stages?: { [K in Stage]: StageConfig };
  /** Extra request headers, e.g. a write key. @default {} */
  headers?: Record<string, string>;
  /** BCP 47 tag; falls back `fr-CA → fr → en`. @default navigator.language */
  locale?: string;
  /** Nonce for the `<style>` fallback where constructable stylesheets are missing under CSP. */
  nonce?: string;
  /** Log every event (skips and errors included) to the console. @default false */
  debug?: boolean;
  /**
   * Renders the prompt yourself; the rules, records, throttle, outbox and events stay the same.
   * @default the built-in prompt, loaded on demand
   */
  render?: Renderer;
  /**
   * `'pending'`: store nothing on the device and send nothing until `nps.consent(true)`.
   * @default 'granted'
   */
  consent?: 'granted' | 'pending';
}

/** User traits: JSON values attached to every record. `signedUpAt` (ISO date or epoch ms) drives `minDaysSinceSignup`. */
export type Traits = { [key: string]: Json };
