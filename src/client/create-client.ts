export type { ClientEnv } from './client-env';
import type { Nps, NpsEvents, ShowOptions, ShowResult } from '../core/public-types';
import { eligibility, isThrottled, type SkipReason } from '../core/eligibility';
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
import { retryingOnce, type SurveyRuntime } from './load-prompt';
import { openStore } from '../outbox/open-store';
import { pageUrl } from '../core/page-url';
import type { Outbox, OutboxOptions } from '../outbox/outbox';
import { clientTriggers } from './client-triggers';
import { consentWithdrawn, consentedStore } from './consented-store';
import { whenBrowserIdle, type ClientEnv } from './client-env';
import { importTriggers as defaultImportTriggers } from './loaders/import-triggers';
import { type CreateOutbox, hasQueuedRecords, lazyOutbox } from './lazy-outbox';
import type { Presentation } from '../survey/present-survey';
import { createUserStates } from './user-states';

/** The renderer to use and the English strings every locale falls back to. */
interface LoadedRenderer {
  render: Renderer;
  english: Messages;
}

/**
 * Everything a survey needs before it can show, loaded in parallel on demand (or on idle). Its
 * property names are shortened in nps.js (MANGLED in rollup.config.mjs).
 */
interface Prepared {
  runtime: SurveyRuntime;
  renderer: LoadedRenderer;
  strings: LoadedMessages;
}

/**
 * {@link createNps} with its side effects passed in (tests, and nothing else, use `env`).
 * Wires options, eligibility, user state, the outbox, the renderer and the events together.
 */
export function createClient<const Stage extends string = string>(
  options: NpsOptions<Stage>,
  env: Partial<ClientEnv> = {},
): Nps<Stage> {
  validateOptions(options);
  const {
    now = Date.now,
    random = (bytes) => crypto.getRandomValues(bytes),
    importPrompt = defaultImportPrompt,
    importSurvey = defaultImportSurvey,
    importLocale = defaultImportLocale,
    whenIdle = whenBrowserIdle,
    importTriggers = defaultImportTriggers,
  } = env;
  const store = consentedStore(env.store ?? openStore((e) => report(e)), () => granted);
  const newId = uuidv7(now, random);
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
  /** Consent to store on this device and send: until then nothing touches storage or the network. */
  let granted = options.consent !== 'pending';
  /** A prompt is being prepared or is on screen: the next `show()` is `already-visible`. */
  let busy = false;
  let showing: Presentation | undefined;
  /** Calls off the `show()` between its decision and its prompt on screen (waiting for `delayMs`, loading, storing). */
  let callOff: (reason: SkipReason) => void = () => {};
  /** How often dismiss() found no prompt on screen: one that came while a show() decided calls it off. */
  let unansweredDismissals = 0;
  let deciding = Promise.resolve();

  // An identified user's answer or dismissal is also kept for the device (the anonymous id): the
  // warm-up runs before most apps call identify(), and must not load the prompt for them again.
  const remember = async (patch: Parameters<typeof users.remember>[1]) => {
    if (!granted) return;
    const owners = userId === undefined ? [undefined] : [userId, undefined];
    await Promise.all(owners.map((owner) => users.remember(owner, patch))).catch((e) =>
      report(new NpsError('storage-failed', 'throttle state not stored', e)),
    );
  };

  const loadRenderer = async (render: Renderer | undefined): Promise<LoadedRenderer> => {
    if (render) return { render, english: (await importLocale('en')).default as Messages };
    const prompt = await loadPrompt();
    return { render: prompt.renderPrompt, english: prompt.en };
  };
  /** Rejects when the survey runtime or the renderer cannot load; a missing locale falls back to English. */
  const prepare = async (render: Renderer | undefined): Promise<Prepared> => {
    const [runtime, renderer] = await Promise.all([loadRuntime(), loadRenderer(render)]);
    const wanted = options.locale || navigator.language || 'en';
    return { runtime, renderer, strings: await runtime.loadMessages(wanted, renderer.english, importLocale) };
  };

  /** Decides whether this call may show; calls take turns, so a skipped one never makes the next look visible. */
  async function decide(
    stage: string | undefined,
    force: boolean | undefined,
    o: Resolved,
  ): Promise<SkipReason | undefined> {
    const sampleKey = `${userId ?? (await users.anonymousId())}\n${stage ?? ''}`;
    // The first check runs before anything is read from storage: user-level rules wait for the state.
    const check = (state: Awaited<ReturnType<typeof users.get>> | undefined, visible: boolean) =>
      eligibility({
        now: now(),
        disabled: destroyed || !hasDom,
        visible,
        stageKnown: !stage || !stages || Object.hasOwn(stages, stage),
        force: force || !state,
        state: state ?? {},
        ...o,
        signedUpAt: traits?.signedUpAt,
        sampleKey,
      });
    const previous = deciding;
    let decided!: () => void;
    deciding = new Promise<void>((r) => (decided = r));
    await previous;
    try {
      // Consent may have been withdrawn while this call waited its turn.
      if (!granted) return 'no-consent';
      // The page removed the prompt (e.g. an SPA unmounted its inline container): it is no longer open.
      if (showing && !showing.live()) showing.finish(false);
      const reason = check(undefined, busy) ?? check(await users.get(userId).catch(() => ({})), false);
      busy ||= !reason;
      return reason;
    } finally {
      decided();
    }
  }

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
        store: (version) => (granted ? outbox.put(version) : Promise.reject(consentWithdrawn())),
        remember,
        emit,
      },
      renderer.render,
      {
        began(presentation) {
          showing = presentation;
          // Called off while its first version was being stored: it never reaches the screen, and
          // nobody dismissed it (no dismissal, no cooldown); the impression stays recorded.
          if (calledOff()) presentation.finish(false);
        },
        ended(presentation, dismissal) {
          if (showing === presentation) {
            showing = undefined;
            busy = false;
          }
          if (dismissal) deciding = deciding.then(() => dismissal);
        },
      },
    );
  }

  async function show({ stage, force, metadata, render }: ShowOptions<Stage> = {}): Promise<ShowResult> {
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
    if (!granted) return skip(destroyed ? 'disabled' : 'no-consent');
    if (destroyed || !hasDom) return skip('disabled');
    const dismissalsBefore = unansweredDismissals;
    const reason = await decide(stage, force, o);
    if (reason) return skip(reason);
    // dismiss(), destroy() or a withdrawal before the prompt is on screen call this show() off,
    // also while it was still deciding.
    let calledOff: SkipReason | undefined = destroyed
      ? 'disabled'
      : !granted
        ? 'no-consent'
        : unansweredDismissals !== dismissalsBefore
          ? 'cancelled'
          : undefined;
    let wake = () => {};
    const callOffThis = (why: SkipReason) => {
      calledOff ??= why;
      wake();
    };
    callOff = callOffThis;
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
      if (callOff === callOffThis) callOff = () => {};
      if (!showing) busy = false;
    }
  }

  // Warm-up: a user who could be shown a prompt on this page gets the prompt and the page's locale
  // in the background, so show() paints at once and works offline; a throttled user never does.
  // The device's own state counts too: identify() often comes after the warm-up, or not at all on this page.
  async function warmUp() {
    if (destroyed || !granted) return;
    const states = await Promise.all([undefined, userId].map((owner) => users.get(owner))).catch(() => undefined);
    const ruleSets = [undefined, ...Object.values(stages ?? {})].map((stage) => resolveStage(options, stage));
    const throttled = (o: Resolved) => states?.some((state) => isThrottled({ now: now(), state, ...o }));
    if (!states || destroyed || !granted || ruleSets.every(throttled)) return;
    await prepare(options.render).catch(() => {});
  }
  let cancelWarmUp = () => {};
  /** With consent: deliver what earlier pages left (loading the delivery machinery only then), warm up. */
  function startOnDevice() {
    // Without a page (server rendering) there is no device to deliver from or warm up.
    if (!granted || destroyed || !hasDom) return;
    hasQueuedRecords(store).then(
      (queued) => queued && granted && outbox.start(),
      () => {},
    );
    cancelWarmUp = whenIdle(() => void warmUp());
  }
  startOnDevice();

  // A fired trigger shows its stage under the usual rules; a skip is reported by `skipped`.
  const triggers = clientTriggers(
    hasDom ? stages : undefined,
    importTriggers,
    ({ stage }) =>
      show({ stage: stage as Stage }).catch((e) => report(new NpsError('handler-threw', 'render threw', e))),
    report,
  );

  /** Consent withdrawn: close the prompt, stop delivering, erase everything stored on this device. */
  function withdraw() {
    granted = false;
    cancelWarmUp();
    callOff('no-consent');
    showing?.finish(false);
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
    dismiss() {
      if (showing) return showing.finish(true);
      unansweredDismissals++;
      callOff('cancelled');
    },
    on: events.on,
    off: events.off,
    flush: async () => (granted ? outbox.flush() : { delivered: 0, pending: 0 }),
    reset() {
      userId = traits = undefined;
      if (granted) users.reset();
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
      if (granted || destroyed) return;
      granted = true;
      startOnDevice();
      triggers.restart();
    },
    destroy() {
      destroyed = true;
      cancelWarmUp();
      triggers.stop();
      callOff('disabled');
      showing?.finish(false);
      outbox.close();
      events.clear();
    },
  };
}
