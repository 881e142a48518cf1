import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DashboardStore } from './dashboard-store';

export const StoreContext = createContext<DashboardStore | null>(null);

/** The dashboard's store, from the nearest `<StoreContext.Provider>`. */
export function useStore(): DashboardStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore: render inside <StoreContext.Provider value={store}>');
  return store;
}
