import type { OutboxHost } from './watch-page';

/** The message that says a record was written; any other message is a delivery state. */
export const RECORD_WRITTEN = 0;

/**
 * The BroadcastChannel that nudges the other tabs and shares the delivery state, opened by `open`
 * and never fatal: a page whose BroadcastChannel is missing or throws gets none (the store
 * still shares everything, just without the nudge). In Node the channel is `unref`'d, so it never
 * keeps a server-rendering process alive.
 */
export function tabChannel(host: OutboxHost, name: string, onMessage: (data: unknown) => void) {
  let channel: InstanceType<NonNullable<OutboxHost['BroadcastChannel']>> | undefined;
  let failed = !host.BroadcastChannel;
  return {
    /** Starts listening; the outbox opens it on start, before it ever posts. */
    open() {
      const Channel = host.BroadcastChannel;
      if (channel || failed || !Channel) return;
      try {
        channel = new Channel(name);
        channel.onmessage = (e: MessageEvent) => onMessage(e.data);
        (channel as { unref?(): void }).unref?.();
      } catch {
        failed = true;
      }
    },
    post(data: unknown) {
      try {
        channel?.postMessage(data);
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

/** The channel to the other tabs of the origin (see {@link tabChannel}). */
export type TabChannel = ReturnType<typeof tabChannel>;
