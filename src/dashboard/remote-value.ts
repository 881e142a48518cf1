import { signal, type Signal } from '@preact/signals';

/** A value fetched from the collector: the latest reply wins, older replies are dropped. */
export interface RemoteValue<T> {
  value: Signal<T | null>;
  error: Signal<string>;
  loading: Signal<boolean>;
  /** Runs `load` and stores its result (or its error message). */
  load(load: () => Promise<T>): Promise<void>;
}

export function createRemoteValue<T>(): RemoteValue<T> {
  const value = signal<T | null>(null);
  const error = signal('');
  const loading = signal(false);
  let generation = 0;
  return {
    value,
    error,
    loading,
    async load(load) {
      const mine = ++generation;
      loading.value = true;
      try {
        const result = await load();
        if (mine !== generation) return;
        value.value = result;
        error.value = '';
      } catch (failure) {
        if (mine !== generation) return;
        value.value = null;
        error.value = failure instanceof Error ? failure.message : String(failure);
      } finally {
        if (mine === generation) loading.value = false;
      }
    },
  };
}
