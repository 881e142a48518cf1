import { createNps } from './client/create-nps';
import type { NpsOptions } from './core/options';
import type { Nps } from './core/public-types';
import { VERSION } from './core/version';

/** A call queued by the loader snippet (or made before `init`): the method, its arguments, and what settles its promise. */
type QueuedCall = [method: string, args: ArrayLike<unknown>, settle?: (value: unknown) => void];

/** `window.nps`: the snippet's stub (its queue in `q`) until this script replaces it with the script-tag API. */
interface ScriptApi {
  version?: string;
  q?: QueuedCall[];
  [method: string]: unknown;
}

const page = window as unknown as { nps?: ScriptApi };
const script = document.currentScript as HTMLScriptElement | null;

/** Never throw into the host page: one clear console line instead. */
const logError = (error: unknown) => console.error((error as Error)?.message ?? error);

if (!page.nps?.version) {
  const snippetQueue = page.nps?.q ?? [];
  /** Calls made before there is a client, in order, waiting for `init`. */
  const waiting: QueuedCall[] = [];
  let client: Nps | undefined;
  const api: ScriptApi = { version: VERSION };
  // Before init, `on` and `off` wait in turn with the other calls (an `off` replays after its `on`),
  // and `on` still returns the unsubscribe function its type promises.
  const listenEarly = (method: string, args: ArrayLike<unknown>) => {
    waiting.push([method, args]);
    if (method === 'on') return () => void call('off', args);
  };
  // What a call gets when there is no working client: show() is skipped as disabled.
  const withoutClient = (method: string) => (method === 'show' ? { status: 'skipped', reason: 'disabled' } : undefined);
  let initFailed = false;
  /** Runs a queued call; its promise (if the snippet made one) settles with the result. */
  const replay = ([method, args, settle]: QueuedCall) => {
    if (settle) settle(call(method, args));
    else call(method, args);
  };
  const call = (method: string, args: ArrayLike<unknown>): unknown => {
    if (!client && (method === 'on' || method === 'off')) return listenEarly(method, args);
    if (method !== 'init' && !client)
      return initFailed
        ? Promise.resolve(withoutClient(method))
        : new Promise((settle) => waiting.push([method, args, settle]));
    try {
      if (method === 'init') {
        const next = createNps({ nonce: script?.nonce || undefined, ...(args[0] as NpsOptions) });
        client?.destroy();
        client = next;
        for (const queued of waiting.splice(0)) replay(queued);
        return;
      }
      const result = ((client as Nps)[method as 'show'] as (...args: unknown[]) => unknown)(...Array.from(args));
      if (!(result instanceof Promise)) return result;
      return result.catch((error) => {
        logError(error);
        return withoutClient(method);
      });
    } catch (error) {
      logError(error);
      // A bad configuration: calls waiting for init settle now instead of never (listeners stay
      // queued for a later, valid init).
      if (method === 'init' && !client) {
        initFailed = true;
        for (const queued of waiting.splice(0)) {
          const [method, , settle] = queued;
          if (settle) settle(withoutClient(method));
          else waiting.push(queued);
        }
      }
    }
  };
  for (const method of [
    'init',
    'identify',
    'show',
    'dismiss',
    'on',
    'off',
    'flush',
    'reset',
    'track',
    'consent',
    'destroy',
  ])
    api[method] = (...args: unknown[]) => call(method, args);
  page.nps = api;

  // data-* attributes: JSON values where they parse ("0.3", "true", '{"accent":"#f00"}'), text otherwise;
  // a bare attribute means true. A few options stay text even when they look like numbers.
  const { show, ...attributes } = script?.dataset ?? {};
  if (attributes.endpoint) {
    const options: Record<string, unknown> = {};
    for (const [name, value = ''] of Object.entries(attributes)) {
      try {
        options[name] = /^(endpoint|product|locale|nonce)$/.test(name) ? value : value ? JSON.parse(value) : true;
      } catch {
        options[name] = value;
      }
    }
    call('init', [options]);
    // data-show: a stage name, or bare for a stage-less prompt.
    if (show != null) call('show', [show || undefined]);
  }
  for (const queued of snippetQueue) replay(queued);
}
