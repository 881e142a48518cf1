import { createNps, type Nps } from './client';
import type { NpsOptions } from './core/options';
import { VERSION } from './core/version';

type Method = 'identify' | 'show' | 'dismiss' | 'on' | 'off' | 'flush' | 'reset' | 'destroy';
/** A call queued by the README snippet (or made before `init`): method, arguments, resolver. */
type Call = [string, ArrayLike<unknown>, ((value: unknown) => void)?];
type Api = { version: string; init(options: NpsOptions): void; q?: Call[] } & Record<Method, (...args: unknown[]) => unknown>;

const METHODS: Method[] = ['identify', 'show', 'dismiss', 'on', 'off', 'flush', 'reset', 'destroy'];
// Options read from data-* attributes that must stay strings even when they look like numbers.
const STRINGS = /^(endpoint|product|locale|position|nonce)$/;

const w = window as unknown as { nps?: Api };
const script = document.currentScript as HTMLScriptElement | null;

// Never throw into the host page: one clear console line instead.
const fail = (e: unknown) => console.error(e instanceof Error ? e.message : e);

if (!w.nps?.version) {
  const queued = w.nps?.q ?? [];
  const pending: Call[] = [];
  let client: Nps | undefined;
  const run = (m: string, a: ArrayLike<unknown>): unknown => {
    if (m == 'init') return api.init(a[0] as NpsOptions);
    if (!client) return new Promise((r) => pending.push([m, a, r]));
    try {
      const v = (client[m as Method] as (...x: unknown[]) => unknown)(...Array.from(a));
      return v instanceof Promise ? v.catch((e) => (fail(e), m == 'show' ? { status: 'skipped', reason: 'disabled' } : undefined)) : v;
    } catch (e) {
      fail(e);
    }
  };
  const api = {
    version: VERSION,
    init(options: NpsOptions) {
      try {
        const next = createNps({ nonce: script?.nonce || undefined, ...options });
        client?.destroy();
        client = next;
      } catch (e) {
        return fail(e);
      }
      for (const [m, a, r] of pending.splice(0)) r?.(run(m, a));
    },
  } as Api;
  for (const m of METHODS) api[m] = (...a) => run(m, a);
  w.nps = api;

  const data = script?.dataset ?? {};
  if (data.endpoint) {
    const options: Record<string, unknown> = {};
    for (const [k, v = ''] of Object.entries(data)) {
      if (k == 'show') continue;
      options[k] = STRINGS.test(k) ? v : v == '' || v == 'true' ? true : v == 'false' ? false : v.trim() && isFinite(+v) ? +v : v;
    }
    api.init(options as unknown as NpsOptions);
    if (data.show != null) void api.show(data.show ? { stage: data.show } : {});
  }
  for (const [m, a, r] of queued) r ? r(run(m, a)) : run(m, a);
}
