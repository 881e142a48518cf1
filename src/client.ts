import { createEmitter } from './core/emitter';
import { eligibility, type SkipReason, type UserState } from './core/eligibility';
import { NpsError } from './core/errors';
import { uuidv7, type RandomBytes } from './core/ids';
import type { Json } from './core/json';
import { categoryOf } from './core/nps-score';
import { resolveStage, type NpsOptions, type Traits } from './core/options';
import { assertId, assertJson, fail, validateOptions } from './core/validate-options';
import { VERSION } from './core/version';
import type { Category, ResponseRecord } from './core/wire';
import { openStore } from './outbox/open-store';
import type { KvStore } from './outbox/kv-store';
import { createOutbox, type FlushResult, type Outbox, type OutboxOptions } from './outbox/outbox';
import { en } from './prompt/en';
import { loadMessages } from './prompt/load-messages';
import { mountPrompt } from './prompt/mount-prompt';
import type { LoadMessages, MountView, View } from './prompt/view';

/** Options of one `show()` call. */
export interface ShowOptions<Stage extends string = string> {
  /** The journey stage; one of the keys of `options.stages` when given. */
  stage?: Stage;
  /** Skip throttle, signup age and sampling (previews, tests). @default false */
  force?: boolean;
  /** JSON attached to this prompt's record. */
  metadata?: Json;
}

/** How a `show()` call ended. */
export type ShowResult =
  | { status: 'answered'; id: string; score: number; category: Category; comment?: string }
  | { status: 'dismissed'; id: string }
  | { status: 'skipped'; reason: SkipReason };

/** Payloads of the client's events. */
export interface NpsEvents {
  shown: { id: string; stage?: string };
  score: { id: string; stage?: string; score: number; category: Category };
  /** Final: the score plus the comment, if any. */
  response: { id: string; stage?: string; score: number; category: Category; comment?: string };
  dismissed: { id: string; stage?: string };
  skipped: { reason: SkipReason; stage?: string };
  /** Ids the server acknowledged. */
  delivered: { ids: string[] };
  error: NpsError;
}

/** The client returned by {@link createNps}. */
export interface Nps<Stage extends string = string> {
  /** Attach answers to a user; traits are JSON (`signedUpAt` drives `minDaysSinceSignup`). */
  identify(userId: string, traits?: Traits): void;
  /** Show the prompt if this user is eligible; resolves when it closes or is skipped. */
  show(options?: ShowOptions<Stage>): Promise<ShowResult>;
  /** Close the open prompt as dismissed (or, after a score, as answered without comment). */
  dismiss(): void;
  on<K extends keyof NpsEvents>(event: K, handler: (payload: NpsEvents[K]) => void): () => void;
  off<K extends keyof NpsEvents>(event: K, handler: (payload: NpsEvents[K]) => void): void;
  /** Try to send queued records now. */
  flush(): Promise<FlushResult>;
  /** Forget the identified user (logout) and start a new anonymous id; queued records are still delivered. */
  reset(): void;
  /** Remove the UI and every listener; queued records stay stored for the next page. */
  destroy(): void;
}

/** Side effects of the client, each with a browser default; tests pass fakes. */
export interface NpsEnv {
  store: KvStore;
  fetch: typeof fetch;
  now: () => number;
  random: RandomBytes;
  mount: MountView;
  messages: LoadMessages;
  outbox: (o: OutboxOptions) => Outbox;
}

const DAY_STATE = 'u:';

/**
 * Creates the NPS client. Validates `options` and throws a `TypeError` naming the first bad one.
 * @example
 * const nps = createNps({ endpoint: '/api/nps', product: 'Acme', stages: { checkout: {} } });
 * nps.identify('user-42', { plan: 'pro' });
 * const result = await nps.show({ stage: 'checkout' });
 */
export function createNps<const Stage extends string = string>(
  options: NpsOptions<Stage>,
  env: Partial<NpsEnv> = {},
): Nps<Stage> {
  validateOptions(options, Object.keys(en));
  const {
    store = openStore((e) => report(e)),
    now = Date.now,
    random = (b) => crypto.getRandomValues(b),
    mount = mountPrompt,
    messages = loadMessages,
    outbox: makeOutbox = createOutbox,
  } = env;
  const newId = uuidv7(now, random);
  const iso = (t = now()) => new Date(t).toISOString();
  const events = createEmitter<NpsEvents>((e, event) =>
    report(new NpsError('handler-threw', `${event as string} handler threw`, e), event == 'error'),
  );
  // With `debug`, every event (skips and errors included) is logged; an error thrown by an `error`
  // handler is logged but not emitted again, which would loop.
  const emit = <K extends keyof NpsEvents>(event: K, payload: NpsEvents[K], quiet?: boolean) => {
    if (options.debug) console.info('nps:', event, payload);
    if (!quiet) events.emit(event, payload);
  };
  const report = (e: NpsError, quiet?: boolean) => emit('error', e, quiet);
  const outbox = makeOutbox({
    endpoint: options.endpoint,
    headers: options.headers ?? {},
    store,
    fetch: env.fetch ?? ((...a) => fetch(...a)),
    now,
    // Jitter needs no cryptographic randomness; ids do (env.random).
    random: Math.random,
    onDelivered: (ids) => emit('delivered', { ids }),
    onError: report,
  });
  outbox.start();

  let userId: string | undefined;
  let traits: Traits | undefined;
  let anon: Promise<string> | undefined;
  let busy = false;
  let destroyed = false;
  let view: View | undefined;
  let finish: ((dismissing: boolean) => void) | undefined;
  let deciding = Promise.resolve();

  // An atomic update, so two tabs on a first visit agree on one id (a get-then-set would not).
  const anonymousId = () =>
    (anon ??= (async (id = newId()) => (await store.update<string>('anon', (v) => (id = v ?? id)), id))().catch(() =>
      newId(),
    ));
  const userKey = async () => DAY_STATE + (userId ?? (await anonymousId()));
  const remember = async (patch: UserState) =>
    store
      .update<UserState>(await userKey(), (s) => ({ ...s, ...patch }))
      .catch((e) => report(new NpsError('storage-failed', 'throttle state not stored', e)));

  async function show({ stage, force, metadata }: ShowOptions<Stage> = {}): Promise<ShowResult> {
    if (stage != null && typeof stage != 'string') fail('show({ stage })', 'a string', stage);
    assertJson(metadata, 'show({ metadata })');
    const stages = options.stages as Record<string, NpsOptions> | undefined;
    const o = resolveStage(options, stage ? stages?.[stage] : undefined);
    const skip = (reason: SkipReason): ShowResult => {
      emit('skipped', { reason, stage });
      return { status: 'skipped', reason };
    };
    const sampleKey = `${userId ?? (await anonymousId())}\n${stage ?? ''}`;
    // The first check runs before anything is read from storage: user-level rules wait for the state.
    const check = (state: UserState | undefined, visible: boolean) =>
      eligibility({
        now: now(),
        disabled: destroyed || typeof document == 'undefined',
        visible,
        stageKnown: !stage || !stages || Object.hasOwn(stages, stage),
        force: force || !state,
        state: state ?? {},
        ...o,
        signedUpAt: traits?.signedUpAt,
        sampleKey,
      });
    // Calls take turns deciding, so one that ends up skipped never makes the next look "already visible".
    const previous = deciding;
    let decided!: () => void;
    deciding = new Promise<void>((r) => (decided = r));
    await previous;
    // The page removed the prompt (e.g. an SPA unmounted its inline container): it is no longer open.
    if (view && !view.live()) finish!(false);
    let reason: SkipReason | undefined;
    try {
      reason = check(undefined, busy) ?? check((await store.get<UserState>(await userKey()).catch(() => undefined)) ?? {}, false);
      busy ||= !reason;
    } finally {
      decided();
    }
    if (reason) return skip(reason);
    try {
      if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
      const wanted = options.locale || navigator.language || 'en';
      const { locale, messages: strings, error } = await messages(wanted);
      if (destroyed) return skip('disabled');
      if (error) report(error);
      const at = iso();
      let record: ResponseRecord = {
        id: newId(),
        status: 'shown',
        userId,
        anonymousId: await anonymousId(),
        traits,
        stage,
        metadata,
        locale,
        page: location.origin + location.pathname,
        shownAt: at,
        updatedAt: at,
        sdk: 'nps-widget@' + VERSION,
      };
      const { id } = record;
      // Each version must be strictly newer than the last, or a server could keep the wrong one.
      const save = async (patch: Partial<ResponseRecord>) => {
        const t = Math.max(now(), Date.parse(record.updatedAt) + 1);
        const prev = record;
        record = { ...record, ...patch, updatedAt: iso(t) };
        // A version that was not stored must not be reported (or resolved) as if it were.
        await outbox.put(record).catch((e) => {
          record = prev;
          throw e;
        });
      };
      await outbox.put(record);
      emit('shown', { id, stage });
      let responded = false;
      const respond = () => {
        if (responded || record.status != 'answered') return;
        responded = true;
        const { score, category, comment } = record as Required<ResponseRecord>;
        emit('response', { id, stage, score, category, comment });
      };
      const onDismiss = async () => {
        if (record.status == 'answered') return respond();
        if (record.status == 'dismissed') return;
        await save({ status: 'dismissed' });
        await remember({ dismissedAt: now() });
        emit('dismissed', { id, stage });
      };
      return await new Promise<ShowResult>((resolve) => {
        finish = (dismissing) => {
          finish = undefined;
          view?.close();
          view = undefined;
          busy = false;
          if (dismissing) {
            const d = onDismiss().catch(() => {});
            deciding = deciding.then(() => d);
          }
          respond();
          const { status, score, category, comment } = record;
          resolve(status == 'answered' ? { status, id, score: score!, category: category!, comment } : { status: 'dismissed', id });
        };
        const m = { ...strings, ...o.messages, ...o.followUp };
        m.thanks = o.thanks?.message ?? m.thanks;
        m.question = m.question.replace('{product}', () => options.product ?? m.us);
        view = mount({
          options: o,
          locale,
          messages: m,
          nonce: options.nonce,
          async onScore(score) {
            if (record.status == 'dismissed') return;
            const category = categoryOf(score);
            const first = record.answeredAt == null;
            await save({ status: 'answered', score, category, answeredAt: record.answeredAt ?? iso() });
            if (first) await remember({ answeredAt: now() });
            emit('score', { id, stage, score, category });
          },
          async onComment(text) {
            const comment = text.trim().slice(0, o.commentMaxLength);
            if (comment && record.status == 'answered') await save({ comment });
            respond();
          },
          onDismiss,
          onClosed: () => finish?.(false),
        });
      });
    } finally {
      if (!view) (busy = false), (finish = undefined);
    }
  }

  return {
    identify(id, t) {
      assertId(id, 'identify(userId)');
      assertJson(t, 'identify(userId, traits)');
      userId = id;
      traits = t;
    },
    show,
    dismiss: () => finish?.(true),
    on: events.on,
    off: events.off,
    flush: () => outbox.flush(),
    reset() {
      userId = traits = undefined;
      const fresh = newId();
      anon = store.set('anon', fresh).then(() => fresh, () => fresh);
    },
    destroy() {
      destroyed = true;
      finish?.(false);
      outbox.close();
      events.clear();
    },
  };
}
