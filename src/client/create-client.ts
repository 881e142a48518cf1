export type { ClientEnv } from './client-env';
import type { Nps, NpsEvents, ShowOptions, ShowResult } from '../core/public-types';
import { eligibility, type SkipReason } from '../core/eligibility';
import { createEmitter } from '../core/emitter';
import { NpsError } from '../core/errors';
import { uuidv7 } from '../core/ids';
import type { Json } from '../core/json';
import { resolveStage, type Resolved, type StageOptions } from '../core/stage-options';
import type { Messages } from '../core/messages';
import type { NpsOptions, Traits } from '../core/options';
import type { Renderer } from '../core/renderer';
import { fail } from '../core/fail';
import { assertId, assertJson, assertStage, validateOptions } from '../core/validate-options';
import { importLocale as defaultImportLocale } from './loaders/import-locale';
import { importPrompt as defaultImportPrompt } from './loaders/import-prompt';
import { importSurvey as defaultImportSurvey } from './loaders/import-survey';
import type { LoadedMessages } from '../survey/load-messages';
import { type PromptModule, retryingOnce, type SurveyRuntime } from './load-prompt';
import { openStore } from '../outbox/open-store';
import { pageUrl } from '../core/page-url';
import type { Outbox, OutboxOptions } from '../outbox/outbox';
import { clientTriggers } from './client-triggers';
import { clientConsent } from './client-consent';
import { consentWithdrawn } from './consented-store';
import { whenBrowserIdle, type ClientEnv } from './client-env';
import { importTriggers as defaultImportTriggers } from './loaders/import-triggers';
import { type CreateOutbox, hasQueuedRecords, lazyOutbox } from './lazy-outbox';
import { showLifecycle } from './show-lifecycle';
import { createUserStates } from './user-states';
import { warmUp } from './warm-up';

/**
 * Everything a survey needs before it can show, loaded in parallel on demand (or on idle). Its
 * property names are shortened in nps.js (MANGLED in rollup.config.mjs).
 */
interface Prepared {
  runtime: SurveyRuntime;
  /** The renderer to use (the built-in prompt's, or a custom one) and the English strings every locale falls back to. */
  renderer: PromptModule;
  strings: LoadedMessages;
}

/**
 * {@link createNps} with its side effects passed in (tests, and nothing else, use `env`). Wires
 * options, eligibility, user state, the outbox, the renderer and the events together; the show
 * lifecycle (show-lifecycle.ts), consent (client-consent.ts) and the warm-up (warm-up.ts) are parts
 * of their own.
 */
export function createClient<const Stage extends string = string>(
  options: NpsOptions<Stage>,
  env: Partial<ClientEnv> = {},
): Nps<Stage> {
  validateOptions(options);
  const {
    now = Date.now,
    importPrompt = defaultImportPrompt,
    importSurvey = defaultImportSurvey,
    importLocale = defaultImportLocale,
    whenIdle = whenBrowserIdle,
    importTriggers = defaultImportTriggers,
  } = env;
  // Consent, kept with the store it guards: until it is given nothing touches storage or the network.
  const store = clientConsent(env.store ?? openStore((e) => report(e)), options.consent);
  // Without env.random, uuidv7 takes crypto.getRandomValues.
  const newId = uuidv7(now, env.random);
  const events = createEmitter<NpsEvents>((e, event) =>
    report(new NpsError('handler-threw', `${event as string} handler threw`, e), event === 'error'),
  );
  // With `debug`, every event (skips and errors included) is logged; an error thrown by an `error`
  // handler is logged but not emitted again, which would loop.
  const emit = <K extends keyof NpsEvents>(event: K, payload: NpsEvents[K], quiet?: boolean) => {
    if (options.debug) console.info('nps:', event, payload);
    if (!quiet) events.emit(event, payload);
  };
  const report = (e: NpsError, quiet?: boolean) => emit('error', e, quiet);
  const loadRuntime = retryingOnce(importSurvey);
  // env.outbox is a test seam, read where it is used (a cast: TypeScript does not narrow it there).
  const loadOutbox = env.outbox
    ? async () => env.outbox as CreateOutbox
    : async () => (await loadRuntime()).createOutbox;
  const outboxOptions: OutboxOptions = {
    endpoint: options.endpoint,
    headers: options.headers ?? {},
    store,
    fetch: env.fetch ?? ((...args) => fetch(...args)),
    now,
    // Jitter needs no cryptographic randomness; ids do (env.random).
    random: Math.random,
    onDelivered: (ids) => emit('delivered', { ids }),
    onError: report,
  };
  // The delivery machinery loads when there is something to deliver (see lazyOutbox).
  let outbox: Outbox = lazyOutbox(loadOutbox, outboxOptions);
  let users = createUserStates(store, newId);
  const loadPrompt = retryingOnce(importPrompt);
  const stages = options.stages as Record<string, StageOptions> | undefined;
  const hasDom = typeof document !== 'undefined';

  let userId: string | undefined;
  let traits: Traits | undefined;
  let destroyed = false;
  const lifecycle = showLifecycle();

  // An identified user's answer or dismissal is also kept for the device (the anonymous id): the
  // warm-up runs before most apps call identify(), and must not load the prompt for them again.
  const remember = async (patch: Parameters<typeof users.remember>[1]) => {
    if (!store.granted) return;
    const owners = userId === undefined ? [undefined] : [userId, undefined];
    await Promise.all(owners.map((owner) => users.remember(owner, patch))).catch((e) =>
      report(new NpsError('storage-failed', 'throttle state not stored', e)),
    );
  };

  // A custom renderer takes the place of the built-in prompt's, with the English strings beside it.
  const loadRenderer = async (render: Renderer | undefined): Promise<PromptModule> =>
    render ? { renderPrompt: render, en: (await importLocale('en')).default as Messages } : loadPrompt();
  /** Rejects when the survey runtime or the renderer cannot load; a missing locale falls back to English. */
  const prepare = async (render: Renderer | undefined): Promise<Prepared> => {
    const [runtime, renderer] = await Promise.all([loadRuntime(), loadRenderer(render)]);
    const wanted = options.locale || navigator.language || 'en';
    return { runtime, renderer, strings: await runtime.loadMessages(wanted, renderer.en, importLocale) };
  };

  /** The rules for one call, checked in its turn (`visible`: a prompt holds the slot). */
  const rules =
    (stage: string | undefined, force: boolean | undefined, o: Resolved) =>
    async (visible: boolean): Promise<SkipReason | undefined> => {
      // Consent may have been withdrawn while this call waited its turn.
      if (!store.granted) return 'no-consent';
      const sampleKey = `${userId ?? (await users.anonymousId())}\n${stage ?? ''}`;
      // The first check runs before anything is read from storage: user-level rules wait for the state.
      const check = (state: Awaited<ReturnType<typeof users.get>> | undefined, slotTaken: boolean) =>
        eligibility({
          now: now(),
          // show() returned at once without a page: only destroy() can have come since.
          disabled: destroyed,
          visible: slotTaken,
          stageKnown: !stage || !stages || Object.hasOwn(stages, stage),
          force: force || !state,
          state: state ?? {},
          ...o,
          signedUpAt: traits?.signedUpAt,
          sampleKey,
        });
      return check(undefined, visible) ?? check(await users.get(userId).catch(() => ({})), false);
    };

  /** Stores the first version, renders, and resolves when the prompt closes (see presentSurvey). */
  async function present(
    { runtime, renderer, strings }: Prepared,
    o: Resolved,
    calledOff: () => SkipReason | undefined,
    stage?: string,
    metadata?: Json,
  ) {
    return runtime.presentSurvey(
      {
        id: newId(),
        userId,
        anonymousId: await users.anonymousId(),
        traits,
        stage,
        metadata,
        locale: strings.locale,
        page: pageUrl(location),
        messages: runtime.resolveMessages(strings.messages, o, options.product),
        options: o,
        dir: runtime.dirOf(strings.locale),
        nonce: options.nonce,
        now,
        // After a withdrawal the new outbox must not even start: refused before it loads.
        store: (version) => (store.granted ? outbox.put(version) : Promise.reject(consentWithdrawn())),
        remember,
        emit,
      },
      renderer.renderPrompt,
      lifecycle.presentHooks(calledOff),
    );
  }

  async function show(stageOrOptions: Stage | ShowOptions<Stage> = {}): Promise<ShowResult> {
    // A stage name is shorthand for { stage }. Anything else that is not an object is checked as a
    // stage name too, so show(42) throws a TypeError naming 42 instead of showing a stage-less survey.
    const { stage, force, metadata, render }: ShowOptions<Stage> =
      typeof stageOrOptions === 'object' ? stageOrOptions : { stage: stageOrOptions };
    if (stage != null) assertStage(stage, 'show({ stage })');
    if (render != null && typeof render !== 'function') fail('show({ render })', 'a function', render);
    assertJson(metadata, 'show({ metadata })');
    const o = resolveStage(options, stage ? stages?.[stage] : undefined);
    const skip = (reason: SkipReason): ShowResult => {
      emit('skipped', { reason, stage });
      return { status: 'skipped', reason };
    };
    // Deciding reads (and may create) the anonymous id: not without consent, and not at all once
    // destroyed or without a page (server rendering).
    if (!store.granted) return skip(destroyed ? 'disabled' : 'no-consent');
    if (destroyed || !hasDom) return skip('disabled');
    let calledOff: SkipReason | undefined;
    let wake = () => {};
    const callOff = (why: SkipReason) => {
      calledOff ??= why;
      wake();
    };
    const reason = await lifecycle.decide(rules(stage, force, o), callOff);
    if (reason) return skip(reason);
    // dismiss(), destroy() or a withdrawal before the prompt is on screen call this show() off,
    // also while it was still deciding.
    calledOff = destroyed ? 'disabled' : store.granted ? calledOff : 'no-consent';
    try {
      if (o.delayMs && !calledOff)
        await new Promise<void>((resume) => {
          const timer = setTimeout(resume, o.delayMs);
          wake = () => {
            clearTimeout(timer);
            resume();
          };
        });
      if (calledOff) return skip(calledOff);
      let prepared: Prepared;
      try {
        prepared = await prepare(render ?? options.render);
      } catch (e) {
        report(new NpsError('load-failed', 'could not load the prompt', e));
        return skip('unavailable');
      }
      if (calledOff) return skip(calledOff);
      const { failed } = prepared.strings;
      if (failed) report(new NpsError('locale-failed', `could not load locale ${failed.locale}`, failed.cause));
      return await present(prepared, o, () => calledOff, stage, metadata);
    } finally {
      lifecycle.leave(callOff);
    }
  }

  let cancelWarmUp = () => {};
  /** With consent: deliver what earlier pages left (loading the delivery machinery only then), warm up. */
  function startOnDevice() {
    // Without a page (server rendering) there is no device to deliver from or warm up.
    if (!store.granted || destroyed || !hasDom) return;
    hasQueuedRecords(store).then(
      (queued) => queued && store.granted && outbox.start(),
      () => {},
    );
    cancelWarmUp = whenIdle(
      () =>
        void warmUp(
          options,
          now,
          () => destroyed || !store.granted,
          () => Promise.all([undefined, userId].map((owner) => users.get(owner))),
          prepare,
        ),
    );
  }
  startOnDevice();

  // A fired trigger shows its stage under the usual rules; a skip is reported by `skipped`.
  const triggers = clientTriggers(
    hasDom ? stages : undefined,
    importTriggers,
    ({ stage }) => show(stage as Stage).catch((e) => report(new NpsError('handler-threw', 'render threw', e))),
    report,
  );

  /** Consent withdrawn: close the prompt, stop delivering, erase everything stored on this device. */
  function withdraw() {
    store.granted = false;
    cancelWarmUp();
    lifecycle.halt('no-consent');
    outbox.close();
    outbox = lazyOutbox(loadOutbox, outboxOptions);
    // The anonymous id this client knew is gone with the store; a new one is made after consent.
    users = createUserStates(store, newId);
    store
      .erase()
      .catch((e) => report(e instanceof NpsError ? e : new NpsError('storage-failed', 'could not erase', e)));
  }

  return {
    identify(id, newTraits) {
      assertId(id, 'identify(userId)');
      assertJson(newTraits, 'identify(userId, traits)');
      userId = id;
      traits = newTraits;
    },
    show,
    dismiss: lifecycle.onDismiss,
    on: events.on,
    off: events.off,
    flush: async () => (store.granted ? outbox.flush() : { delivered: 0, pending: 0 }),
    reset() {
      userId = traits = undefined;
      if (store.granted) users.reset();
    },
    track(event) {
      if (typeof event !== 'string' || !event) fail('track(event)', 'a non-empty string', event);
      triggers.track(event);
    },
    consent(given) {
      if (typeof given !== 'boolean') fail('consent(granted)', 'true or false', given);
      // Withdrawing always erases, even after destroy(): a visitor who declines on this page may
      // have agreed on an earlier one.
      if (!given) return withdraw();
      if (store.granted || destroyed) return;
      store.granted = true;
      startOnDevice();
      triggers.restart();
    },
    destroy() {
      destroyed = true;
      cancelWarmUp();
      triggers.stop();
      lifecycle.halt('disabled');
      outbox.close();
      events.clear();
    },
  };
}
