import { createNps } from './client/create-nps';
import type { Nps } from './core/public-types';
import type { NpsOptions } from './core/options';
import { VERSION } from './core/version';

/** A call queued by the README snippet (or made before `init`): method, arguments, resolver. */
type Call = [string, ArrayLike<unknown>, ((value: unknown) => void)?];
type Api = { version?: string; q?: Call[]; [method: string]: unknown };

const w = window as unknown as { nps?: Api };
const script = document.currentScript as HTMLScriptElement | null;

// Never throw into the host page: one clear console line instead.
const fail = (e: unknown) => console.error((e as Error)?.message ?? e);

if (!w.nps?.version) {
  const queued = w.nps?.q ?? [];
  const pending: Call[] = [];
  let client: Nps | undefined;
  const api: Api = { version: VERSION };
  // Before init, `on` and `off` wait in turn with the other calls (an `off` replays after its `on`),
  // and `on` still returns the unsubscribe function its type promises.
  const listenEarly = (m: string, a: ArrayLike<unknown>) => {
    pending.push([m, a]);
    if (m == 'on') return () => void run('off', a);
  };
  // What a call gets when there is no working client: show() is skipped as disabled.
  const without = (m: string) => (m == 'show' ? { status: 'skipped', reason: 'disabled' } : undefined);
  let initFailed = false;
  const run = (m: string, a: ArrayLike<unknown>): unknown => {
    if (!client && (m == 'on' || m == 'off')) return listenEarly(m, a);
    if (m != 'init' && !client)
      return initFailed ? Promise.resolve(without(m)) : new Promise((r) => pending.push([m, a, r]));
    try {
      if (m == 'init') {
        const next = createNps({ nonce: script?.nonce || undefined, ...(a[0] as NpsOptions) });
        client?.destroy();
        client = next;
        for (const [m, a, r] of pending.splice(0)) r ? r(run(m, a)) : run(m, a);
        return;
      }
      const v = (client![m as 'show'] as (...x: unknown[]) => unknown)(...Array.from(a));
      return v instanceof Promise ? v.catch((e) => (fail(e), without(m))) : v;
    } catch (e) {
      fail(e);
      // A bad configuration: calls waiting for init settle now instead of never (listeners stay
      // queued for a later, valid init).
      if (m == 'init' && !client) {
        initFailed = true;
        for (const call of pending.splice(0)) call[2] ? call[2](without(call[0])) : pending.push(call);
      }
    }
  };
  for (const m of ['init', 'identify', 'show', 'dismiss', 'on', 'off', 'flush', 'reset', 'track', 'consent', 'destroy'])
    api[m] = (...a: unknown[]) => run(m, a);
  w.nps = api;

  // data-* attributes: JSON values where they parse ("0.3", "true", '{"accent":"#f00"}'), text otherwise;
  // a bare attribute means true. A few options stay text even when they look like numbers.
  const { show, ...data } = script?.dataset ?? {};
  if (data.endpoint) {
    const options: Record<string, unknown> = {};
    for (const [k, v = ''] of Object.entries(data)) {
      try {
        options[k] = /^(endpoint|product|locale|nonce)$/.test(k) ? v : v ? JSON.parse(v) : true;
      } catch {
        options[k] = v;
      }
    }
    run('init', [options]);
    if (show != null) run('show', [show ? { stage: show } : {}]);
  }
  for (const [m, a, r] of queued) r ? r(run(m, a)) : run(m, a);
}
