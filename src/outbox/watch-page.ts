/** The parts of the page the sync loop uses; tests pass fakes. */
export interface OutboxHost {
  addEventListener(type: string, listener: (e: Event) => void, capture?: boolean): void;
  removeEventListener(type: string, listener: (e: Event) => void, capture?: boolean): void;
  document?: { visibilityState: string };
  navigator?: {
    /** `false` while the browser knows it is offline: nothing is attempted until `online`. */
    onLine?: boolean;
    locks?: Pick<LockManager, 'request'>;
    sendBeacon?(url: string, data: Blob): boolean;
  };
  BroadcastChannel?: new (name: string) => Pick<BroadcastChannel, 'postMessage' | 'close' | 'onmessage'>;
  /** Where `keepalive` support is detected. */
  Request?: { prototype: object };
}

const TYPES = ['online', 'pageshow', 'pagehide', 'visibilitychange'];

/**
 * Calls `wake(true)` when the browser comes online, `wake(false)` when the page is shown or becomes
 * visible, and `hide()` on `pagehide` or `visibilitychange` to hidden. Listens on the window in the
 * capture phase, so a host page stopping propagation cannot silence it. Returns the unsubscribe.
 */
export function watchPage(host: OutboxHost, wake: (online: boolean) => void, hide: () => void): () => void {
  const on = ({ type }: Event) =>
    type === 'pagehide' || (type !== 'online' && host.document?.visibilityState === 'hidden')
      ? hide()
      : wake(type === 'online');
  // Plain loops: a page that patched Array.prototype.map must not stop the widget from listening.
  for (const type of TYPES) host.addEventListener?.(type, on, true);
  return () => {
    for (const type of TYPES) host.removeEventListener?.(type, on, true);
  };
}
