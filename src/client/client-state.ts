import type { NpsEvents } from '../core/public-types';
import { createEmitter, type Emitter } from '../core/emitter';
import { NpsError } from '../core/errors';
import { uuidv7 } from '../core/ids';
import type { Messages } from '../core/messages';
import type { NpsOptions, Traits } from '../core/options';
import type { Renderer } from '../core/renderer';
import type { StageOptions } from '../core/stage-options';
import { importLocale as defaultImportLocale } from './loaders/import-locale';
import { importPrompt as defaultImportPrompt } from './loaders/import-prompt';
import { importSurvey as defaultImportSurvey } from './loaders/import-survey';
import type { LoadedMessages } from '../survey/load-messages';
import { type PromptModule, retryingOnce, type SurveyRuntime } from './load-prompt';
import { openStoreChain } from '../outbox/open-store-chain';
import { adoptionFromRuntime } from './adoption-from-runtime';
import type { Outbox, OutboxOptions } from '../outbox/outbox';
import { type ClientConsent, clientConsent } from './client-consent';
import type { ClientEnv } from './client-env';
import { type CreateOutbox, lazyOutbox } from './lazy-outbox';
import { type ShowLifecycle, showLifecycle } from './show-lifecycle';
import { createUserStates, type UserStates } from './user-states';

/**
 * Everything a survey needs before it can show, loaded in parallel on demand (or on idle). Its
 * property names are shortened in nps.js (MANGLED in rollup.config.mjs).
 */
export interface Prepared {
  runtime: SurveyRuntime;
  /** The renderer to use (the built-in prompt's, or a custom one) and the English strings every locale falls back to. */
  renderer: PromptModule;
  strings: LoadedMessages;
}

/**
 * What one client knows and holds, shared by its parts (show-stage.ts, show-rules.ts,
 * present-prompt.ts, client-device.ts). Its property names are private to nps.js and shortened there
 * (MANGLED in rollup.config.mjs); the mutable ones change only through the client's methods.
 */
export interface ClientState {
  readonly npsOptions: NpsOptions<string>;
  /** `options.stages`, read by name. */
  readonly stageTable: Record<string, StageOptions> | undefined;
  /** The device's store under consent, and the consent flag (client-consent.ts). */
  readonly consented: ClientConsent;
  readonly clock: () => number;
  readonly nextId: () => string;
  readonly events: Emitter<NpsEvents>;
  /** Emits an event (logged too with `debug`); `quiet` logs without emitting. */
  readonly emitEvent: <K extends keyof NpsEvents>(event: K, payload: NpsEvents[K], quiet?: boolean) => void;
  readonly reportError: (error: NpsError, quiet?: boolean) => void;
  readonly lifecycle: ShowLifecycle;
  /** Whether there is a page: without one (server rendering) nothing shows, stores or warms up. */
  readonly hasDom: boolean;
  /** Loads what a prompt needs; rejects when the survey runtime or the renderer cannot load. */
  readonly prepareSurvey: (render: Renderer | undefined) => Promise<Prepared>;
  /** A new outbox (not started): the first one, and another after a withdrawal. */
  readonly freshOutbox: () => Outbox;
  outbox: Outbox;
  userStates: UserStates;
  /** Set by identify(); absent until then (and after reset()). */
  currentUser?: string | undefined;
  currentTraits?: Traits | undefined;
  isDestroyed: boolean;
  /** Cancels the pending warm-up, if any. */
  cancelWarmUp: () => void;
}

/** The state of a new client: its consent, store, events, loaders and a lazy outbox; nothing runs yet. */
export function createClientState(options: NpsOptions<string>, env: Partial<ClientEnv>): ClientState {
  const {
    now = Date.now,
    importPrompt = defaultImportPrompt,
    importSurvey = defaultImportSurvey,
    importLocale = defaultImportLocale,
  } = env;
  const loadRuntime = retryingOnce(importSurvey);
  // Consent, kept with the store it guards: until it is given nothing touches storage or the network.
  const consented = clientConsent(
    env.store ?? openStoreChain((e) => reportError(e), adoptionFromRuntime(loadRuntime)),
    options.consent,
  );
  const events = createEmitter<NpsEvents>((e, event) =>
    reportError(new NpsError('handler-threw', `${event as string} handler threw`, e), event === 'error'),
  );
  // With `debug`, every event (skips and errors included) is logged; an error thrown by an `error`
  // handler is logged but not emitted again, which would loop.
  const emitEvent: ClientState['emitEvent'] = (event, payload, quiet) => {
    if (options.debug) console.info('nps:', event, payload);
    if (!quiet) events.emit(event, payload);
  };
  const reportError = (e: NpsError, quiet?: boolean) => emitEvent('error', e, quiet);
  const loadPrompt = retryingOnce(importPrompt);
  // A custom renderer takes the place of the built-in prompt's, with the English strings beside it.
  const loadRenderer = async (render: Renderer | undefined): Promise<PromptModule> =>
    render ? { renderPrompt: render, en: (await importLocale('en')).default as Messages } : loadPrompt();
  // env.outbox is a test seam, read where it is used (a cast: TypeScript does not narrow it there).
  const loadOutbox = env.outbox
    ? async () => env.outbox as CreateOutbox
    : async () => (await loadRuntime()).createOutbox;
  const outboxOptions: OutboxOptions = {
    endpoint: options.endpoint,
    headers: options.headers ?? {},
    store: consented,
    fetch: env.fetch ?? ((...args) => fetch(...args)),
    now,
    // Jitter needs no cryptographic randomness; ids do (env.random).
    random: Math.random,
    onDelivered: (ids) => emitEvent('delivered', { ids }),
    onError: reportError,
  };
  // The delivery machinery loads when there is something to deliver (see lazyOutbox).
  const freshOutbox = () => lazyOutbox(loadOutbox, outboxOptions);
  // Without env.random, uuidv7 takes crypto.getRandomValues.
  const nextId = uuidv7(now, env.random);
  return {
    npsOptions: options,
    stageTable: options.stages as Record<string, StageOptions> | undefined,
    consented,
    clock: now,
    nextId,
    events,
    emitEvent,
    reportError,
    lifecycle: showLifecycle(),
    hasDom: typeof document !== 'undefined',
    async prepareSurvey(render) {
      const [runtime, renderer] = await Promise.all([loadRuntime(), loadRenderer(render)]);
      const wanted = options.locale || navigator.language || 'en';
      return { runtime, renderer, strings: await runtime.loadMessages(wanted, renderer.en, importLocale) };
    },
    freshOutbox,
    outbox: freshOutbox(),
    userStates: createUserStates(consented, nextId),
    isDestroyed: false,
    cancelWarmUp: () => {},
  };
}
