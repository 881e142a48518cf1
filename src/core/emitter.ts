type Handler<T> = (payload: T) => void;

/** A typed event emitter whose handlers cannot break the emitting code. */
export interface Emitter<E> {
  on<K extends keyof E>(event: K, handler: Handler<E[K]>): () => void;
  off<K extends keyof E>(event: K, handler: Handler<E[K]>): void;
  emit<K extends keyof E>(event: K, payload: E[K]): void;
  /** Removes every handler. (Shortened in nps.js: MANGLED in rollup.config.mjs.) */
  clear(): void;
}

/**
 * A tiny emitter. A handler that throws is reported to `onThrow` (never rethrown), and the other
 * handlers still run.
 * @example const events = createEmitter<{ ping: number }>(console.error); events.on('ping', console.log); events.emit('ping', 1);
 */
export function createEmitter<E>(onThrow: (error: unknown, event: keyof E) => void): Emitter<E> {
  let all = new Map<keyof E, Set<Handler<never>>>();
  const off: Emitter<E>['off'] = (event, handler) => all.get(event)?.delete(handler);
  return {
    on(event, handler) {
      all.get(event)?.add(handler) ?? all.set(event, new Set([handler]));
      return () => off(event, handler);
    },
    off,
    emit(event, payload) {
      for (const handler of [...(all.get(event) ?? [])]) {
        try {
          (handler as Handler<typeof payload>)(payload);
        } catch (error) {
          onThrow(error, event);
        }
      }
    },
    clear: () => (all = new Map()),
  };
}
