import { render } from '@testing-library/preact';
import { App } from '../../src/dashboard/app';
import { createDashboardStore } from '../../src/dashboard/dashboard-store';
import { StoreContext } from '../../src/dashboard/store-context';
import { createFakeApiClient, type FakeApiClient } from './dashboard-fake-api';
import { createFakeNavigation } from './dashboard-fake-navigation';
import { ticks } from './wait';

/** Renders the whole dashboard over a fake API and address bar, and waits for the first load. */
export async function renderDashboard({
  search = '',
  api = createFakeApiClient(),
}: {
  search?: string;
  api?: FakeApiClient;
} = {}) {
  const navigation = createFakeNavigation(search);
  const store = createDashboardStore(api, navigation);
  const view = render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  const stop = store.start();
  await settle();
  return { ...view, api, navigation, store, stop };
}

/** Lets pending replies of the fake API arrive and the components re-render. */
export const settle = () => ticks(15);
