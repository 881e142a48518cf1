import type { OutboxHost } from './watch-page';

/**
 * The BroadcastChannel that nudges the other tabs and shares the delivery state, opened on first
 * use and never fatal: a page whose BroadcastChannel is missing or throws gets none (the store
 * still shares everything, just without the nudge). In Node the channel is `unref`'d, so it never
 * keeps a server-rendering process alive.
 */
export function tabChannel(host: OutboxHost, name: string, onMessage: (data: unknown) => void) {
  let channel: InstanceType<NonNullable<OutboxHost['BroadcastChannel']>> | undefined;
  let failed = !host.BroadcastChannel;
  const open = () => {
    if (channel || failed) return channel;
    try {
      channel = new host.BroadcastChannel!(name);
      channel.onmessage = (e: MessageEvent) => onMessage(e.data);
      (channel as { unref?(): void }).unref?.();
    } catch {
      failed = true;
    }
    return channel;
  };
  return {
    open,
    post(data: unknown) {
      try {
        open()?.postMessage(data);
      } catch {
        failed = true;
        channel = undefined;
      }
    },
    close() {
      try {
        channel?.close();
      } catch {}
      channel = undefined;
      failed = true;
    },
  };
}
